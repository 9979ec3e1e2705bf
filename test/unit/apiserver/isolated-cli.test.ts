// `podlab apiserver` runs the simulated cluster in a child process with a watchdog: a `kubectl exec` line that
// keeps the cluster busy past the budget is stopped (the real kubectl prints the Status), /version is answered
// while the line runs, and the cluster is rebuilt from the lesson plus the journal of accepted writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, type ExecFileException, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE_LESSON } from './fixture-lesson.ts';
import { KUBECTL, skipWithoutKubectl } from './harness.ts';

/** A line that stays inside every userland limit but keeps the simulator busy for many seconds (4,096-character globs). */
const SLOW_LINE = 's=a; for i in $(seq 1 12); do s=$s$s; done; for i in $(seq 1 100000); do v=${s//*a*b/x}; done; echo finished';

interface Run {
  stdout: string;
  stderr: string;
  code: number;
}

async function waitFor(what: string, check: () => boolean, text: () => string): Promise<void> {
  // Polls a condition on output; gives up after many turns (a hang fails the test instead of blocking it).
  for (let i = 0; i < 1200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(check(), `never saw ${what}:\n${text()}`);
}

test('podlab apiserver: a hostile kubectl exec line is stopped, /version answers meanwhile, the cluster is restored', async (t) => {
  if (skipWithoutKubectl(t) || !KUBECTL) return;
  const kubectlPath: string = KUBECTL;
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-apiserver-isolated-'));
  const lesson = path.join(dir, 'fixture.md');
  const kubeconfig = path.join(dir, 'kubeconfig');
  await writeFile(lesson, FIXTURE_LESSON);
  const child = spawn(
    process.execPath,
    ['bin/podlab.js', 'apiserver', lesson, '--port', '0', '--kubeconfig', kubeconfig, '--speed', '0', '--budget', '1', '--verbose'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const kubectl = (args: string[]) =>
    new Promise<Run>((resolve) =>
      execFile(
        kubectlPath,
        ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...args],
        (e: ExecFileException | null, stdout: string, stderr: string) =>
          resolve({ stdout, stderr, code: e ? (typeof e.code === 'number' ? e.code : 1) : 0 }),
      ),
    );
  try {
    await waitFor(
      'the kubeconfig',
      () => out.includes('kubeconfig written'),
      () => out + err,
    );
    const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';

    // A write accepted before the line: it must survive the rebuild.
    assert.equal((await kubectl(['run', 'web', '--image=nginx'])).stdout, 'pod/web created\n');

    let execDone = false;
    const exec = kubectl(['exec', 'toolbox', '--', 'sh', '-c', SLOW_LINE]).then((r) => {
      execDone = true;
      return r;
    });
    // The world process reports when it is inside the line (it runs it synchronously); from then until it is
    // stopped it answers nothing, and the front must still answer.
    await waitFor(
      'the line running',
      () => err.includes('running: sh -c'),
      () => err,
    );
    const version = await fetch(`${url}/version`);
    assert.equal(version.status, 200);
    assert.equal(((await version.json()) as { gitVersion: string }).gitVersion.startsWith('v1.'), true);
    // A read answered from the front's mirror while the line runs. Asked over HTTP here: a kubectl process can take
    // longer to start on a busy machine than the line's 1 s budget, and the order is what this checks.
    const list = await fetch(`${url}/api/v1/namespaces/default/pods`);
    assert.equal(list.status, 200);
    const names = ((await list.json()) as { items: { metadata: { name: string } }[] }).items.map((p) => p.metadata.name).sort();
    assert.equal(execDone, false, 'the line ended before the front answered: nothing was shown');
    assert.deepEqual(names, ['echo-545dfdc594-74z5g', 'echo-545dfdc594-jb8xl', 'toolbox', 'web']);
    // The same through kubectl (during the line or after the restore: the list is the same either way).
    const pods = await kubectl(['get', 'pods', '-o', 'name']);
    assert.equal(pods.stdout, 'pod/echo-545dfdc594-74z5g\npod/echo-545dfdc594-jb8xl\npod/toolbox\npod/web\n');

    const r = await exec;
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^error: stopped: this command used too much time\/memory \(it ran longer than 1 s\); the cluster was restored\n$/,
    );
    await waitFor(
      'the restore',
      () => /podlab: stopped: .*\(restart 1\)/.test(err),
      () => err,
    );

    // The rebuilt world: the pod created before the line is there, and exec and writes work again.
    const after = await kubectl(['get', 'pods', '-o', 'name']);
    assert.equal(after.stdout, pods.stdout);
    assert.deepEqual(await kubectl(['exec', 'toolbox', '--', 'echo', 'hi']), { stdout: 'hi\n', stderr: '', code: 0 });
    assert.equal((await kubectl(['delete', 'pod', 'web', '--wait=false'])).stdout, 'pod "web" deleted\n');
    assert.doesNotMatch((await kubectl(['get', 'pods', '-o', 'name'])).stdout, /pod\/web/);

    child.kill('SIGINT');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});
