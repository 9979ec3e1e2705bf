#!/usr/bin/env node
// Entry point for `npx podlab`. It runs the bundled CLI (dist/node, written by `npm ci` through `prepare`, or by
// `npm run build`) while that bundle is fresh, and the TypeScript sources through tsx otherwise, so an edit to
// src/ is never hidden by an old bundle. PODLAB_FROM_SOURCE=1 forces the sources.
import { bundleIsFresh } from './bundle-fresh.js';

let main;
if (!process.env.PODLAB_FROM_SOURCE && bundleIsFresh(new URL('../', import.meta.url), 'dist/node')) {
  ({ main } = await import('../dist/node/src/node/cli/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/node/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
