// The page's real bundle: what app.js loads at once (its static imports, which the pages preload) and what waits for
// later (xterm, in the chunk the free terminal imports the first time it is shown).
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { webBuildOptions } from '../../../src/node/bundle/configs.ts';
import { staticImports, type WebBundle } from '../../../src/node/server/bundle.ts';

/** The output files `name` imports by these kinds of import, followed through the files they import (by base name). */
function importClosure(
  byName: Map<string, { imports: readonly { kind: string; path: string }[] }>,
  name: string,
  kinds: string[],
): Set<string> {
  const seen = new Set<string>();
  const visit = (n: string) => {
    for (const i of byName.get(n)?.imports ?? [])
      if (kinds.includes(i.kind) && !seen.has(path.basename(i.path))) {
        seen.add(path.basename(i.path));
        visit(path.basename(i.path));
      }
  };
  visit(name);
  return seen;
}

test('app.js: its static imports are what esbuild says, none holds xterm; xterm is in a chunk it imports lazily', async () => {
  const result = await build({ ...webBuildOptions(['app', 'worker'], true), metafile: true });
  const bundle: WebBundle = new Map((result.outputFiles ?? []).map((f) => [path.basename(f.path), f.text]));
  const outputs = Object.entries(result.metafile.outputs).map(([file, o]) => ({ name: path.basename(file), ...o }));
  const byName = new Map(outputs.map((o) => [o.name, o]));
  const closure = (name: string, kinds: string[]): Set<string> => importClosure(byName, name, kinds);
  const atOnce = closure('app.js', ['import-statement']);
  assert.deepEqual(new Set(staticImports(bundle, 'app.js')), atOnce);
  const hasXterm = (name: string) => Object.keys(byName.get(name)?.inputs ?? {}).some((i) => i.includes('node_modules/@xterm/'));
  assert.ok(!hasXterm('app.js') && ![...atOnce].some(hasXterm), 'xterm is not loaded with the page');
  const lazy = (byName.get('app.js')?.imports ?? []).filter((i) => i.kind === 'dynamic-import').map((i) => path.basename(i.path));
  assert.ok(
    lazy.some((n) => hasXterm(n) || [...closure(n, ['import-statement'])].some(hasXterm)),
    'xterm comes with a dynamic import',
  );
});

test('worker.js (and the chunks it imports) carry no lesson linter or grader: the Worker imports core through src/core/worker.ts', async () => {
  const result = await build({ ...webBuildOptions(['worker'], true), metafile: true });
  const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs));
  assert.ok(
    inputs.some((i) => i.includes('src/core/sim/sim-backend.ts')),
    'the simulator is there',
  );
  assert.deepEqual(
    inputs.filter((i) => /src\/core\/(lesson\/lint|grade\/grade|sim\/lint-cluster-model)/.test(i)),
    [],
  );
});

test('worker.js loads no Markdown parser at start: lesson pages hand it their lessons parsed; the parser is a dynamic import', async () => {
  const result = await build({ ...webBuildOptions(['app', 'worker'], true), metafile: true });
  const byName = new Map(Object.entries(result.metafile.outputs).map(([file, o]) => [path.basename(file), o]));
  // The worker's own file counts too: what it holds is loaded at start.
  const closure = (name: string, kinds: string[]): string[] => [name, ...importClosure(byName, name, kinds)];
  const hasMarkdownIt = (name: string) => Object.keys(byName.get(name)?.inputs ?? {}).some((i) => i.includes('node_modules/markdown-it/'));
  const atStart = closure('worker.js', ['import-statement']);
  assert.ok(atStart.some((n) => Object.keys(byName.get(n)?.inputs ?? {}).some((i) => i.includes('src/core/sim/sim-backend.ts'))));
  assert.deepEqual(atStart.filter(hasMarkdownIt), [], 'markdown-it is not among what the worker loads at start');
  assert.ok(
    closure('worker.js', ['import-statement', 'dynamic-import']).some(hasMarkdownIt),
    'a lesson without its parse can still be parsed',
  );
});
