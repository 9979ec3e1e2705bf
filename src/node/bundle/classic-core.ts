// The CLI bundle's core as one classic script compiled with a V8 code cache (issue 13: `podlab run` spent most of
// its time above `node -e 0` compiling ~1.8 MB of src/core, markdown-it, re2js and yaml, eagerly and then lazily).
// `npm run build` writes the script, runs a lesson with it, and saves V8's code cache of everything that run compiled;
// the bundled CLI then imports src/core/index.ts, src/core/sim/index.ts and yaml from this script (build-cli.ts
// redirects those imports here). Node 20 can cache classic scripts only (vm.Script), not ES modules, hence the script.
//
// V8 checks the cache's version and flags, but of the source only its length, and not the cache's own integrity: a
// stale or damaged cache would run old code or crash. So the cache file starts with checksums of the script and of
// the cache bytes, and a cache that does not match is not given to V8 (the script is then compiled the ordinary way).
// CRC-32 (zlib), not a cryptographic hash: it guards against accidents, and node:crypto alone takes 10–30 ms to load.
import { isAscii } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';
import type * as CoreFacade from '../../core/index.ts';
import type * as SimFacade from '../../core/sim/index.ts';
import type * as Yaml from 'yaml';

/** The script's file name in the bundle's folder, and its code cache's. */
export const CORE_SCRIPT = 'core.cjs';
export const CORE_CACHE = 'core.v8cache';

/** What the script exports: the two core facades and the yaml package, one copy of each for the whole CLI. */
export interface ClassicCore {
  core: typeof CoreFacade;
  sim: typeof SimFacade;
  yaml: typeof Yaml;
}

/** How a load used the code cache: `used`; `rejected` by V8 (another node); `invalid` (stale or damaged); `absent`. */
export type CacheUse = 'used' | 'rejected' | 'invalid' | 'absent';

const MAGIC = Buffer.from('podlab-v8cache-2');
const DIGEST_BYTES = 8;
const HEADER_BYTES = MAGIC.length + DIGEST_BYTES;

/** The function source a classic script is compiled as: a CommonJS-style wrapper, the first line kept as the script's. */
function wrap(source: string): string {
  return `(function (exports, require, module) {${source}\n})`;
}

/** The script's CRC-32 and the data's, big-endian. */
function digest(script: Buffer, data: Uint8Array): Buffer {
  const out = Buffer.alloc(DIGEST_BYTES);
  out.writeUInt32BE(crc32(script), 0);
  out.writeUInt32BE(crc32(data), 4);
  return out;
}

/** The cache file's bytes: magic, the checksums of the script and of the data, then V8's data. */
export function encodeCache(script: Buffer, data: Uint8Array): Buffer {
  return Buffer.concat([MAGIC, digest(script, data), data]);
}

/** V8's data from a cache file, or undefined when the file is not for this script or is damaged. */
export function decodeCache(script: Buffer, file: Buffer): Buffer | undefined {
  if (file.length <= HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(HEADER_BYTES);
  return digest(script, data).equals(file.subarray(MAGIC.length, HEADER_BYTES)) ? data : undefined;
}

/** A classic script compiled (with its cache when one fits) and run: its exports, and what became of the cache. */
export interface LoadedScript<T> {
  exports: T;
  cache: CacheUse;
  /** The compiled script, for createCachedData() after a warm-up (the build). */
  script: vm.Script;
}

/**
 * The script with every non-ASCII character written as a `\\u` escape. esbuild's ASCII output leaves regular
 * expression literals as they are (markdown-it's typographer, two of ours), and a 1.5 MB script with one such
 * character becomes a two-byte string decoded from UTF-8; an ASCII one is read as Latin-1 in half the time.
 * The escapes mean the same in strings, regular expressions (with or without `u`), identifiers and comments;
 * only a tagged template's raw text would differ (test/unit/cli/bundle.test.ts compares the bundle's output with the
 * sources').
 */
export function escapeNonAscii(source: string): string {
  return source.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Compile and run a classic script written by esbuild's `cjs` format; `cacheFile` may be missing or bad. */
export function loadClassicScript<T>(scriptFile: string, cacheFile: string | undefined): LoadedScript<T> {
  const bytes = readFileSync(scriptFile);
  let cachedData: Buffer | undefined;
  let cache: CacheUse = 'absent';
  if (cacheFile !== undefined && existsSync(cacheFile)) {
    cachedData = decodeCache(bytes, readFileSync(cacheFile));
    cache = cachedData === undefined ? 'invalid' : 'used';
  }
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(wrap(source), { filename: scriptFile, cachedData });
  if (cachedData !== undefined && script.cachedDataRejected === true) cache = 'rejected';
  const module = { exports: {} as T };
  (script.runInThisContext() as (e: T, r: NodeRequire, m: { exports: T }) => void)(module.exports, createRequire(scriptFile), module);
  return { exports: module.exports, cache, script };
}

/** The folder of the bundle this code runs from: the nearest folder above it that holds the core script. */
function bundleDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, CORE_SCRIPT))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`podlab: no ${CORE_SCRIPT} above ${fileURLToPath(import.meta.url)}; run npm run build`);
    dir = up;
  }
  return dir;
}

let loaded: LoadedScript<ClassicCore> | undefined;

/** The core of the running bundle, loaded once per thread (the redirected imports all read it). */
export function classicCore(): LoadedScript<ClassicCore> {
  if (loaded === undefined) {
    const dir = bundleDir();
    loaded = loadClassicScript<ClassicCore>(path.join(dir, CORE_SCRIPT), path.join(dir, CORE_CACHE));
  }
  return loaded;
}
