// The classic core script's V8 code cache (issue 13): used when it was made for this very script, and otherwise left
// out, so a stale or damaged cache never runs old code or crashes V8 (which checks only the source's length). Each
// load runs in a process of its own: V8 would otherwise answer a second compile of a script from its in-memory cache.
// The children load the loader transpiled to plain JavaScript, without tsx (as the bundle does), which starts faster.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { decodeCache, encodeCache, escapeNonAscii } from '../../../src/node/bundle/classic-core.ts';
import { plainModule } from './plain-module.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'podlab-classic-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const LOADER = plainModule(new URL('../../../src/node/bundle/classic-core.ts', import.meta.url).pathname, dir);

const scriptFile = path.join(dir, 'core.cjs');
const cacheFile = path.join(dir, 'core.v8cache');
// Two scripts of the same length that compute different values: V8 alone would take one's cache for the other.
const SCRIPT_A = '"use strict";\nfunction twice(x) { return x * 2; }\nmodule.exports = { value: twice(21), twice };\n';
const SCRIPT_B = SCRIPT_A.replace('x * 2', 'x * 3');

/** Load the script in a new process (with the cache when `cache`); what it exported and what became of the cache. */
function load(cache: boolean): { value: number; cache: string } {
  const code = [
    `import { loadClassicScript } from ${JSON.stringify(LOADER)};`,
    `const r = loadClassicScript(${JSON.stringify(scriptFile)}, ${cache ? JSON.stringify(cacheFile) : 'undefined'});`,
    'console.log(JSON.stringify({ value: r.exports.value, cache: r.cache }));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { value: number; cache: string };
}

/** Write SCRIPT_A's code cache, made after calling its function (so the cache holds it compiled). */
function makeCache(): void {
  writeFileSync(scriptFile, SCRIPT_A);
  const code = [
    `import { readFileSync, writeFileSync } from 'node:fs';`,
    `import { encodeCache, loadClassicScript } from ${JSON.stringify(LOADER)};`,
    `const r = loadClassicScript(${JSON.stringify(scriptFile)}, undefined);`,
    'r.exports.twice(5);',
    `writeFileSync(${JSON.stringify(cacheFile)}, encodeCache(readFileSync(${JSON.stringify(scriptFile)}), r.script.createCachedData()));`,
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
}

test('a cache file holds V8 data only for the script it was made for, undamaged', () => {
  const a = Buffer.from(SCRIPT_A);
  const data = Buffer.from('v8 data, as createCachedData() gives it');
  const file = encodeCache(a, data);
  assert.deepEqual(decodeCache(a, file), data);
  assert.equal(decodeCache(Buffer.from(SCRIPT_B), file), undefined, 'another script of the same length');
  const damaged = Buffer.from(file);
  damaged[damaged.length - 3] ^= 1;
  assert.equal(decodeCache(a, damaged), undefined, 'a flipped bit in the data');
  assert.equal(decodeCache(a, file.subarray(0, file.length - 1)), undefined, 'a truncated file');
  assert.equal(decodeCache(a, Buffer.alloc(0)), undefined, 'an empty file');
  assert.equal(decodeCache(a, Buffer.concat([Buffer.from('not-a-cache-file'), file.subarray(16)])), undefined, 'another format');
});

test('the script runs with its cache, and without one', () => {
  makeCache();
  assert.deepEqual(load(true), { value: 42, cache: 'used' });
  rmSync(cacheFile);
  assert.deepEqual(load(true), { value: 42, cache: 'absent' });
  assert.deepEqual(load(false), { value: 42, cache: 'absent' });
});

test('a stale cache (the script rebuilt, same length) is not used: the new code runs', () => {
  makeCache();
  writeFileSync(scriptFile, SCRIPT_B);
  assert.deepEqual(load(true), { value: 63, cache: 'invalid' });
});

test('a damaged cache (V8 would crash on it) is not used', () => {
  makeCache();
  const file = readFileSync(cacheFile);
  for (let i = file.length >> 1; i < file.length; i += 7) file[i] ^= 0x5a;
  writeFileSync(cacheFile, file);
  assert.deepEqual(load(true), { value: 42, cache: 'invalid' });
});

test("a cache V8 refuses (another node's or flags') is reported rejected and the script still runs", () => {
  writeFileSync(scriptFile, SCRIPT_A);
  writeFileSync(cacheFile, encodeCache(Buffer.from(SCRIPT_A), Buffer.alloc(256, 7)));
  assert.deepEqual(load(true), { value: 42, cache: 'rejected' });
});

test('escaping non-ASCII characters keeps what strings, regular expressions and identifiers mean', () => {
  const source = [
    'const caf\u00e9 = "µs … 😀";',
    'const re = /(\\d+)(µs|ms)/y;',
    'const cls = /[：、）]+/u;',
    'const astral = /😀/.test("a😀");',
    'return [café, re.exec("12µs")?.[2], cls.test("：、"), astral, `“${café}”`];',
  ].join('\n');
  const escaped = escapeNonAscii(source);
  assert.ok(/^[\x00-\x7f]*$/.test(escaped), 'ASCII only');
  assert.notEqual(escaped, source);
  const run = (code: string): unknown => new Function(code)();
  assert.deepEqual(run(escaped), run(source));
  assert.deepEqual(run(source), ['µs … 😀', 'µs', true, true, '“µs … 😀”']);
});
