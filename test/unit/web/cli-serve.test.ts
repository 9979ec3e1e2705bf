// `podlab serve` as a user runs it: the line it prints, its warnings, and a clean stop on SIGINT.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REPO_ROOT } from '../../../src/node/server/bundle.ts';
import { FAKE_LESSON_FILE } from './helpers.ts';

/** Start `podlab serve ARGS`, wait for its URL line, fetch the page, stop it with SIGINT. */
async function serveOnce(args: string[]): Promise<{ stdout: string; stderr: string; page: string; code: number | null }> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/podlab.js'), 'serve', FAKE_LESSON_FILE, '--port', '0', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /at (http:\/\/\S+) /.exec(stdout);
        if (m) resolve(m[1]);
      });
      child.once('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const page = await (await fetch(url.replace('0.0.0.0', '127.0.0.1'))).text();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    return { stdout, stderr, page, code: await exited };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

test('serve prints where it listens, serves the page, and stops cleanly', { timeout: 60_000 }, async () => {
  const r = await serveOnce([]);
  assert.match(r.stdout, /^podlab: serving 1 lesson at http:\/\/127\.0\.0\.1:\d+\/ \(simulator\)\n$/);
  assert.match(r.page, /<podlab-app>/);
  assert.doesNotMatch(r.stderr, /WARNING/);
  assert.equal(r.code, 0);
});

test('binding beyond loopback warns loudly', { timeout: 60_000 }, async () => {
  const r = await serveOnce(['--host', '0.0.0.0']);
  assert.match(r.stderr, /podlab: WARNING: listening on 0\.0\.0\.0, not 127\.0\.0\.1/);
});

test('a real-cluster backend opens host shells only with --shell', { timeout: 60_000 }, async () => {
  for (const backend of ['kube', 'kind']) {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/podlab.js'), 'serve', FAKE_LESSON_FILE, '--port', '0', '--backend', backend],
      { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(code, 2, stderr);
    assert.match(
      stderr,
      new RegExp(`--backend ${backend} runs every learner's commands in a real shell on this machine as .*; pass --shell to allow it`),
    );
  }
});
