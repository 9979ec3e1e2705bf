// The layering rule, checked by bundling: src/core must bundle for a browser with no Node built-in anywhere in its imports.
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, type Plugin } from 'esbuild';
import { REPO_ROOT } from '../../src/node/server/bundle.ts';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** src/core/index.ts when it exists; otherwise what the browser's Worker runs. */
function entries(): string[] {
  const index = path.join(REPO_ROOT, 'src/core/index.ts');
  return existsSync(index) ? [index] : ['src/core/sim/sim-backend.ts', 'src/core/runtime/session.ts'].map((p) => path.join(REPO_ROOT, p));
}

/** A plugin that records every Node built-in import (and keeps it out of the bundle). */
function builtinWatcher(offenders: string[]): Plugin {
  return {
    name: 'node-builtins',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.split('/')[0];
        if (BUILTINS.has(args.path) || BUILTINS.has(bare) || args.path.startsWith('node:')) {
          offenders.push(`${path.relative(REPO_ROOT, args.importer) || '<stdin>'} imports ${args.path}`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
}

test('src/core bundles for the browser without Node built-ins', { timeout: 60_000 }, async () => {
  const offenders: string[] = [];
  const result = await build({
    entryPoints: entries(),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    outdir: 'out-purity',
    logLevel: 'silent',
    plugins: [builtinWatcher(offenders)],
  });
  assert.deepEqual(offenders, [], 'src/core must not import Node built-ins');
  assert.equal(result.errors.length, 0);
  assert.ok(result.outputFiles.length > 0);
});

test('the check itself catches a Node import, with or without the node: prefix', { timeout: 30_000 }, async () => {
  const offenders: string[] = [];
  await build({
    stdin: {
      contents: "import { readFileSync } from 'node:fs'; import path from 'path'; console.log(readFileSync, path);",
      resolveDir: REPO_ROOT,
    },
    bundle: true,
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [builtinWatcher(offenders)],
  });
  assert.deepEqual(offenders, ['<stdin> imports node:fs', '<stdin> imports path']);
});
