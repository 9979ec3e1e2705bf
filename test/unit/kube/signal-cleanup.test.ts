// Ctrl-C and SIGTERM clean up EVERY session (issue 9, finding 3): with two sessions, the process exits only after
// both namespaces' clean-ups and both temp directories are gone, the slower one included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignalCleanup, type SignalTarget } from '../../../src/node/backends/kube/signal-cleanup.ts';

function fakeProcess(): SignalTarget & { exited: Promise<number>; emitter: EventEmitter } {
  const emitter = new EventEmitter();
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolveExit = r));
  return {
    emitter,
    exited,
    on: (s, l) => emitter.on(s, l),
    off: (s, l) => emitter.off(s, l),
    exit: (code) => resolveExit(code),
  };
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} with two sessions: both clean up before the exit`, async () => {
    const proc = fakeProcess();
    const cleanup = new SignalCleanup(proc, () => undefined);
    const dirs = [await mkdtemp(path.join(tmpdir(), 'podlab-sig-a-')), await mkdtemp(path.join(tmpdir(), 'podlab-sig-b-'))];
    const namespaces = new Set(['podlab-a', 'podlab-b']);
    const order: string[] = [];
    // The second session's clean-up is the slower one: the first finishing must not end the process.
    dirs.forEach((dir, i) =>
      cleanup.add(async () => {
        for (let k = 0; k < (i + 1) * 3; k++) await new Promise((r) => setImmediate(r));
        namespaces.delete(i === 0 ? 'podlab-a' : 'podlab-b');
        await rm(dir, { recursive: true, force: true });
        order.push(`cleaned ${i}`);
      }),
    );
    proc.emitter.emit(signal, signal);
    proc.emitter.emit(signal, signal); // a second Ctrl-C while cleaning does not start it twice
    const code = await proc.exited;
    order.push('exit');
    assert.equal(code, signal === 'SIGINT' ? 130 : 143);
    // Both before the exit; between the two, the order is the file system's (each one's rm finishes when it does).
    assert.deepEqual([...order.slice(0, 2)].sort(), ['cleaned 0', 'cleaned 1']);
    assert.equal(order[2], 'exit');
    assert.equal(order.length, 3);
    assert.equal(namespaces.size, 0);
    for (const d of dirs) assert.ok(!existsSync(d), `${d} was left behind`);
  });
}

test('a session stopped normally unregisters; the last one removes the handlers', () => {
  const proc = fakeProcess();
  const cleanup = new SignalCleanup(proc, () => undefined);
  const offA = cleanup.add(async () => undefined);
  const offB = cleanup.add(async () => undefined);
  assert.equal(proc.emitter.listenerCount('SIGTERM'), 1);
  offA();
  assert.equal(cleanup.size, 1);
  offB();
  assert.equal(proc.emitter.listenerCount('SIGTERM'), 0);
  assert.equal(proc.emitter.listenerCount('SIGINT'), 0);
});
