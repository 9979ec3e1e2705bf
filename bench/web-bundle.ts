// Benchmark: the static build's bundle sizes, raw and gzipped (what a learner downloads once).
// Run: node --import tsx bench/web-bundle.ts
import { gzipSync } from 'node:zlib';
import { bundleWeb } from '../src/node/server/bundle.ts';

const started = performance.now();
const bundle = await bundleWeb({ minify: true });
const ms = performance.now() - started;
const kib = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KiB`;
let raw = 0;
let gz = 0;
console.log('file        minified        gzip -9');
for (const [name, text] of bundle) {
  const bytes = Buffer.byteLength(text);
  const zipped = gzipSync(text, { level: 9 }).length;
  raw += bytes;
  gz += zipped;
  console.log(`${name.padEnd(10)} ${kib(bytes)}  ${kib(zipped)}`);
}
console.log(`${'total'.padEnd(10)} ${kib(raw)}  ${kib(gz)}`);
console.log(`bundled in ${ms.toFixed(0)} ms`);
