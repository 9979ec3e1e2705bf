// The isolated apiserver rebuilds its cluster from the journal: what an interactive shell changed inside a
// container, and the writes before, are there again after the watchdog stopped a line; the open shell is told why
// it ended. Driven with @kubernetes/client-node (exec with a tty, as `kubectl exec -it` does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startIsolatedApiServer } from '../../../src/node/apiserver/isolated/front.ts';
import { kubeconfigText } from '../../../src/node/apiserver/kubeconfig.ts';
import { FIXTURE_LESSON } from './fixture-lesson.ts';

const SLOW_LINE = 's=a; for i in $(seq 1 12); do s=$s$s; done; for i in $(seq 1 100000); do v=${s//*a*b/x}; done; echo finished';

function sink(into: string[]): Writable {
  return new Writable({
    write(chunk, _enc, cb) {
      into.push(String(chunk));
      cb();
    },
  });
}

async function until(what: string, check: () => boolean, text: () => string): Promise<void> {
  for (let i = 0; i < 1200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(check(), `never saw ${what}:\n${text()}`);
}

test('isolated apiserver: a stopped line ends the open shell with the reason; the rebuilt cluster keeps what the shell wrote', async () => {
  const log: string[] = [];
  const server = await startIsolatedApiServer({
    spec: { source: FIXTURE_LESSON, file: 'fixture.md' },
    timeScale: 0,
    budgetMs: 1000,
    log: (l) => log.push(l),
  });
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-isolated-replay-'));
  try {
    const kubeconfig = path.join(dir, 'kubeconfig');
    await writeFile(kubeconfig, kubeconfigText(server.url));
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kubeconfig);
    const exec = new k8s.Exec(kc);
    const run = (argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      return new Promise<{ out: string; err: string; status: k8s.V1Status }>((resolve) => {
        void exec.exec('default', 'toolbox', 'shell', argv, sink(out), sink(err), null, false, (status) =>
          resolve({ out: out.join(''), err: err.join(''), status }),
        );
      });
    };

    // An interactive shell writes a file in the container, and stays open.
    const shellOut: string[] = [];
    const stdin = new PassThrough();
    const shellDone = new Promise<k8s.V1Status>((resolve) => {
      void exec.exec('default', 'toolbox', 'shell', ['sh'], sink(shellOut), null, stdin, true, resolve);
    });
    await until(
      'the prompt',
      () => shellOut.join('').includes('# '),
      () => shellOut.join(''),
    );
    stdin.write('echo kept > /tmp/mark\r');
    stdin.write('cat /tmp/mark\r');
    await until(
      'the file written',
      () => /cat \/tmp\/mark\r\nkept\r\n/.test(shellOut.join('')),
      () => shellOut.join(''),
    );

    const slow = await run(['sh', '-c', SLOW_LINE]);
    assert.equal(slow.status.status, 'Failure');
    assert.equal(slow.status.message, 'stopped: this command used too much time/memory (it ran longer than 1 s); the cluster was restored');
    assert.equal(slow.out, '');
    const shellStatus = await shellDone;
    assert.equal(shellStatus.status, 'Failure');
    assert.match(
      shellOut.join(''),
      /\r\nstopped: this command used too much time\/memory \(it ran longer than 1 s\); the cluster was restored\r\n$/,
    );

    await server.ready();
    assert.equal(server.restarts, 1);
    const cat = await run(['cat', '/tmp/mark']);
    assert.deepEqual([cat.out, cat.err, cat.status.status], ['kept\n', '', 'Success']);
    assert.deepEqual(
      log.filter((l) => l.startsWith('stopped:') || l.startsWith('the journal')),
      ['stopped: this command used too much time/memory (it ran longer than 1 s); the cluster was restored (restart 1)'],
    );
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
