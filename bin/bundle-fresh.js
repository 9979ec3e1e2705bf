// Whether the CLI bundle may run: its manifest exists and no source file in it changed after the build.
import { readFileSync, statSync } from 'node:fs';

/**
 * @param {URL} root the repository root (a URL ending in "/")
 * @param {string} dir the bundle's folder relative to the root, e.g. "dist/node"
 * @returns {boolean}
 */
export function bundleIsFresh(root, dir) {
  try {
    const manifest = JSON.parse(readFileSync(new URL(`${dir}/manifest.json`, root), 'utf8'));
    for (const file of manifest.inputs) if (statSync(new URL(file, root)).mtimeMs > manifest.builtAt) return false;
    return true;
  } catch {
    return false; // no bundle, or a source file gone: run the sources
  }
}
