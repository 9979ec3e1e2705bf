// Whether the CLI bundle may run: its manifest exists and no source file in it changed after the build.
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * @param {URL} root the repository root (a URL ending in "/")
 * @param {string} dir the bundle's folder relative to the root, e.g. "dist/node"
 * @returns {boolean}
 */
export function bundleIsFresh(root, dir) {
  try {
    const base = fileURLToPath(root); // ends with the separator, as the URL ends with "/"
    const manifest = JSON.parse(readFileSync(`${base}${dir}/manifest.json`, 'utf8'));
    // ~530 files are checked at every start: a plain string per file, not a URL or path.join (which cost more than
    // the stat calls themselves).
    for (const file of manifest.inputs) if (statSync(base + file).mtimeMs > manifest.builtAt) return false;
    return true;
  } catch {
    return false; // no bundle, or a source file gone: run the sources
  }
}
