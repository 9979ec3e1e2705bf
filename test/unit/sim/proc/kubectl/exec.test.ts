// kubectl exec: the forms, container choice, TTY handling, and the runtime's refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import type { ImageCatalog } from '../../../../../src/core/sim/contracts.ts';
import { KubectlHarness } from './harness.ts';
import { pod } from './scenarios.ts';

function cluster(): KubectlHarness {
  const h = new KubectlHarness();
  h.seed(pod('mypod'));
  const two: KObject = pod('duo');
  two.spec.containers = [
    { name: 'app', image: 'nginx' },
    { name: 'sidecar', image: 'busybox' },
  ];
  h.seed(two);
  h.advance(10_000);
  // images know which programs they ship
  (h.world as { images: ImageCatalog }).images = {
    lookup: (image: string) =>
      image.startsWith('busybox')
        ? { repository: 'busybox', shells: ['sh'], commands: ['ls', 'wget', 'ping'], prompt: 'busybox', workdir: '/', pullMs: 1 }
        : { repository: 'nginx', shells: ['bash', 'sh'], commands: ['ls', 'curl', 'nginx'], prompt: 'bash', workdir: '/', pullMs: 1 },
    start: () => ({ listeners: [], logs: [] }),
  };
  return h;
}

test('exec POD -- CMD runs in the first container; exit codes pass through', () => {
  const h = cluster();
  h.execHandler = (_host, argv, io) => {
    io.stdout(`ran ${argv.join(' ')}\n`);
    return argv[0] === 'ls' ? 0 : 2;
  };
  const r = h.run('kubectl exec mypod -- ls -l /');
  assert.deepEqual(r.execs, [{ host: { kind: 'pod', namespace: 'default', pod: 'mypod', container: 'mypod' }, argv: ['ls', '-l', '/'] }]);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['ran ls -l /\n', '', 0]);
  const bad = h.run('kubectl exec mypod -- curl x');
  assert.equal(bad.stderr, 'command terminated with exit code 2\n');
  assert.equal(bad.code, 2);
});

test('several containers: "Defaulted container" unless -c; -c picks one', () => {
  const h = cluster();
  const r = h.run('kubectl exec duo -- ls');
  assert.equal(r.stderr, 'Defaulted container "app" out of: app, sidecar\n');
  assert.equal(r.execs[0].host.kind === 'pod' && r.execs[0].host.container, 'app');
  const c = h.run('kubectl exec duo -c sidecar -- ls');
  assert.equal(c.stderr, '');
  assert.equal(c.execs[0].host.kind === 'pod' && c.execs[0].host.container, 'sidecar');
  assert.equal(h.run('kubectl exec duo -c nope -- ls').stderr, 'Error from server (BadRequest): container nope is not valid for pod duo\n');
});

test('-it with a shell opens a nested shell on a terminal; without a terminal it warns', () => {
  const h = cluster();
  const it = h.run('kubectl exec -it mypod -- sh', { tty: true });
  assert.deepEqual(
    it.shells.map((s) => s.program),
    ['sh'],
  );
  assert.equal(it.execs.length, 0);
  const piped = h.run('kubectl exec -it mypod -- sh', { tty: false, stdin: 'echo hi\n' });
  assert.equal(piped.stderr, 'Unable to use a TTY - input is not a terminal or the right kind of file\n');
  assert.equal(piped.shells.length, 0);
  assert.deepEqual(piped.execs[0].argv, ['sh']);
});

test('refusals: the old form, no command, no pod, missing program, not running, completed', () => {
  const h = cluster();
  assert.equal(
    h.run('kubectl exec mypod ls').stderr,
    "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
  );
  assert.equal(h.run('kubectl exec mypod').stderr, 'error: you must specify at least one command for the container\n');
  assert.equal(h.run('kubectl exec nosuch -- ls').stderr, 'Error from server (NotFound): pods "nosuch" not found\n');
  const missing = h.run('kubectl exec -it duo -c sidecar -- bash', { tty: true });
  assert.match(
    missing.stderr,
    /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/,
  );
  assert.equal(missing.code, 1);
  h.seed(pod('fresh'));
  assert.equal(h.run('kubectl exec fresh -- ls').stderr, 'error: unable to upgrade connection: container not found ("fresh")\n');
  const done = h.store.get('Pod', 'default', 'mypod') as KObject;
  done.status.phase = 'Succeeded';
  h.store.update(done);
  assert.equal(
    h.run('kubectl exec mypod -- ls').stderr,
    'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
  );
});
