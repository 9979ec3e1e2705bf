// `podlab apiserver LESSON`: the command starts the facade, writes a kubeconfig the real kubectl uses, stops on Ctrl-C.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE_LESSON } from './fixture-lesson.ts';
import { KUBECTL, skipWithoutKubectl } from './harness.ts';

test('podlab apiserver serves the lesson; kubectl reads it with the written kubeconfig; SIGINT stops it', async (t) => {
  if (skipWithoutKubectl(t) || !KUBECTL) return;
  const kubectl: string = KUBECTL;
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-apiserver-cli-'));
  try {
    const lesson = path.join(dir, 'fixture.md');
    const kubeconfig = path.join(dir, 'out', 'kubeconfig');
    await writeFile(lesson, FIXTURE_LESSON);
    const child = spawn(
      process.execPath,
      ['bin/podlab.js', 'apiserver', lesson, '--port', '0', '--kubeconfig', kubeconfig, '--speed', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 200 && !out.includes('kubeconfig written'); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /^podlab: serving the Kubernetes API of facade-fixture at http:\/\/127\.0\.0\.1:\d+ \(simulated time ×0\)$/m, err);
    assert.ok(existsSync(kubeconfig));
    const nodes = await new Promise<string>((resolve) =>
      execFile(
        kubectl,
        ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), 'get', 'nodes', '-o', 'name'],
        (_e: unknown, stdout: string) => resolve(stdout),
      ),
    );
    assert.equal(nodes, 'node/ctl\nnode/wrk-a\nnode/wrk-b\n');
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.match(err, /podlab: stopping/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
