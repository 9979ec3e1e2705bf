// Ctrl-C during a kube session: the backend removes the namespace it created before the process exits (130).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KUBECTL, skipWithoutKubectl } from '../apiserver/harness.ts';
import { startFacadeCluster } from './facade-cluster.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

test('SIGINT: the namespace the session created is deleted, and the process exits 130', async (t) => {
  if (skipWithoutKubectl(t) || !KUBECTL) return;
  const cluster = await startFacadeCluster();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'sigint-child.ts'), cluster.kubeconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 300 && !out.includes('started'); i++) await new Promise((r) => setTimeout(r, 100));
    const ns = /started (\S+)/.exec(out)?.[1];
    assert.ok(ns, `the child did not start: ${err}`);
    assert.ok(cluster.world.store.get('Pod', ns, 'toolbox'), 'the setup pod is there before Ctrl-C');
    child.kill('SIGINT');
    assert.equal(await exited, 130, err);
    const nsObj = cluster.world.store.get('Namespace', undefined, ns);
    assert.ok(!nsObj || nsObj.metadata.deletionTimestamp, 'the namespace is gone or terminating');
    assert.match(err, /SIGINT: cleaning up/);
  } finally {
    await cluster.close();
  }
});

test('SIGTERM with two sessions: both namespaces and both temp directories are removed', async (t) => {
  if (skipWithoutKubectl(t) || !KUBECTL) return;
  const cluster = await startFacadeCluster();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'sigterm-two-child.ts'), cluster.kubeconfig], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 300 && !out.includes('started'); i++) await new Promise((r) => setTimeout(r, 100));
    const m = /started (\S+) (\S+)/.exec(out);
    assert.ok(m, `the child did not start: ${err}`);
    const namespaces = m[1].split(',');
    const dirs = m[2].split(',');
    assert.equal(new Set(namespaces).size, 2);
    for (const d of dirs) assert.ok(existsSync(d));
    child.kill('SIGTERM');
    assert.equal(await exited, 143, err);
    for (const ns of namespaces) {
      const nsObj = cluster.world.store.get('Namespace', undefined, ns);
      assert.ok(!nsObj || nsObj.metadata.deletionTimestamp, `namespace ${ns} is gone or terminating`);
    }
    for (const d of dirs) assert.ok(!existsSync(d), `${d} was left behind`);
  } finally {
    await cluster.close();
  }
});
