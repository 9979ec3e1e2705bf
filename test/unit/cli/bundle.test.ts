// The CLI bundle (issue 13): built by the same script as `npm run build`, it prints the same bytes as the sources,
// `podlab run` loads no Kubernetes client, and bin/podlab.js falls back to the sources when the bundle is stale.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
// @ts-expect-error bin/ is plain JavaScript without types
import { bundleIsFresh } from '../../../bin/bundle-fresh.js';
import { buildCli, type CliBuild } from '../../../src/node/bundle/build-cli.ts';
import { CORE_CACHE, CORE_SCRIPT } from '../../../src/node/bundle/classic-core.ts';
import { REPO_ROOT } from '../../../src/node/bundle/repo-root.ts';
import type { CliIO } from '../../../src/node/cli/context.ts';
import { main as sourceMain } from '../../../src/node/cli/main.ts';
import { plainModule } from './plain-module.ts';

const OUT = 'test-output/cli-bundle';
let built: CliBuild;

before(async () => {
  built = await buildCli(OUT);
});
after(() => rmSync(path.join(REPO_ROOT, OUT), { recursive: true, force: true }));

function captureIO(): { io: CliIO; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t), tty: false, color: false };
  return { io, stdout: () => out, stderr: () => err };
}

/** The packages an output file loads before its first line runs: its static imports and requires, followed through our chunks. */
function staticPackages(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of metafile.outputs[file]?.imports ?? []) {
      // A bundled CommonJS package's require() of a built-in runs when its module does: count it as loaded.
      if (i.kind !== 'import-statement' && i.kind !== 'require-call') continue;
      if (i.external) packages.add(i.path);
      else walk(i.path);
    }
  };
  walk(entry);
  return packages;
}

test('the bundle lists every source module it holds, and no package', () => {
  assert.ok(built.manifest.inputs.includes('src/node/cli/main.ts'));
  assert.ok(built.manifest.inputs.includes('src/core/sim/world.ts'));
  assert.ok(built.manifest.inputs.every((f) => !f.startsWith('node_modules/')));
  assert.ok(built.manifest.builtAt <= Date.now());
});

test('the bundled main starts without @kubernetes/client-node, node-pty, ws or esbuild (they load only in the commands that use them)', () => {
  const entry = `${OUT}/src/node/cli/main.js`;
  assert.ok(built.metafile.outputs[entry], `${entry} is an output`);
  const packages = staticPackages(built.metafile, entry);
  assert.ok(packages.has('node:fs'), 'the walk sees static imports');
  for (const heavy of ['@kubernetes/client-node', 'node-pty', 'ws', 'esbuild'])
    assert.ok(!packages.has(heavy), `${heavy} is loaded at start`);
});

test('the bundled main loads no package file at start: commander, yaml, markdown-it and re2js are in the bundle', () => {
  const packages = staticPackages(built.metafile, `${OUT}/src/node/cli/main.js`);
  assert.deepEqual(
    [...packages].filter((p) => !isBuiltin(p)),
    [],
  );
  const bundled = [...Object.keys(built.metafile.inputs), ...Object.keys(built.coreMetafile.inputs)].filter((f) =>
    f.split('/').includes('node_modules'),
  );
  for (const pkg of ['commander', 'yaml', 'markdown-it', 're2js'])
    assert.ok(
      bundled.some((f) => f.includes(`node_modules/${pkg}/`)),
      `${pkg} is bundled`,
    );
});

test('the bundle prints the same bytes as the sources for `run --json` and for the transcript', async () => {
  const bundled = (await import(pathToFileURL(path.join(REPO_ROOT, OUT, 'src/node/cli/main.js')).href)) as { main: typeof sourceMain };
  for (const args of [
    ['run', 'lessons/pod-networking/lesson.en.md'],
    ['run', 'lessons/pod-networking/lesson.zh-CN.md', '--json'],
  ]) {
    const a = captureIO();
    const b = captureIO();
    const codeA = await sourceMain(args, a.io);
    const codeB = await bundled.main(args, b.io);
    assert.equal(codeB, codeA);
    assert.equal(b.stdout(), a.stdout());
    assert.equal(b.stderr(), a.stderr());
  }
});

test('the core is one classic script outside the ES modules: one copy of src/core, markdown-it, re2js and yaml', () => {
  const inModules = Object.keys(built.metafile.inputs).filter(
    (f) => f.startsWith('src/core/') || /node_modules\/(yaml|markdown-it|re2js)\//.test(f),
  );
  assert.deepEqual(inModules, []);
  const inScript = Object.keys(built.coreMetafile.inputs);
  assert.ok(inScript.includes('src/core/sim/world.ts'));
  assert.ok(
    inScript.every((f) => !f.startsWith('src/node/')),
    'no Node-side module in the core script',
  );
});

/** Run the bundled CLI in a process of its own: its stdout and exit status. */
function runBundled(args: string[]): { stdout: string; status: number | null; stderr: string } {
  const main = pathToFileURL(path.join(REPO_ROOT, OUT, 'src/node/cli/main.js')).href;
  const code = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(${JSON.stringify(args)});`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
}

test("the build's code cache is accepted by this node", () => {
  // The loader transpiled to plain JavaScript: the child starts without tsx, as the bundle does.
  const loader = plainModule(path.join(REPO_ROOT, 'src/node/bundle/classic-core.ts'), path.join(REPO_ROOT, OUT));
  const [script, cache] = [CORE_SCRIPT, CORE_CACHE].map((f) => path.join(REPO_ROOT, OUT, f));
  const code = `const { loadClassicScript } = await import(${JSON.stringify(loader)}); console.log(loadClassicScript(${JSON.stringify(script)}, ${JSON.stringify(cache)}).cache);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'used');
});

test('with its code cache damaged or gone, the bundle prints the same bytes as the sources', async () => {
  const args = ['run', 'lessons/pod-networking/lesson.en.md'];
  const source = captureIO();
  const status = await sourceMain(args, source.io);
  const cacheFile = path.join(REPO_ROOT, OUT, CORE_CACHE);
  const good = readFileSync(cacheFile);
  try {
    const damaged = Buffer.from(good);
    for (let i = damaged.length >> 1; i < damaged.length; i += 97) damaged[i] ^= 0x5a;
    writeFileSync(cacheFile, damaged);
    for (const pass of ['damaged', 'gone']) {
      if (pass === 'gone') rmSync(cacheFile);
      const r = runBundled(args);
      assert.equal(r.status, status, `${pass}: ${r.stderr}`);
      assert.equal(r.stdout, source.stdout(), pass);
    }
  } finally {
    writeFileSync(cacheFile, good);
  }
});

test('`podlab run` from the bundle loads neither node:crypto nor node:child_process (Node built-ins cost ms each)', () => {
  const main = pathToFileURL(path.join(REPO_ROOT, OUT, 'src/node/cli/main.js')).href;
  const code = [
    `const { main } = await import(${JSON.stringify(main)});`,
    "const status = await main(['run', 'lessons/pod-networking/lesson.en.md'], { out: () => {}, err: (t) => process.stderr.write(t), tty: false, color: false });",
    // process.moduleLoadList names every built-in module loaded so far ("NativeModule fs", ...).
    "console.log(JSON.stringify({ status, builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')) }));",
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const { status, builtins } = JSON.parse(r.stdout) as { status: number; builtins: string[] };
  assert.equal(status, 0);
  assert.ok(builtins.includes('NativeModule fs'), 'the list names loaded built-ins');
  for (const m of ['crypto', 'child_process']) assert.ok(!builtins.includes(`NativeModule ${m}`), `${m} is loaded`);
});

test('the bundle is fresh until a source file in it is newer than the build, or is gone', () => {
  const root = pathToFileURL(`${REPO_ROOT}/`);
  assert.equal(bundleIsFresh(root, OUT), true);
  const source = path.join(REPO_ROOT, 'src/node/cli/context.ts');
  const { atime, mtime } = statSync(source);
  const future = new Date(built.manifest.builtAt + 60_000);
  utimesSync(source, future, future);
  try {
    assert.equal(bundleIsFresh(root, OUT), false);
  } finally {
    utimesSync(source, atime, mtime);
  }
  assert.equal(bundleIsFresh(root, OUT), true);
  assert.equal(bundleIsFresh(root, `${OUT}/missing`), false);
});
