// Pod lifecycle on the simulated clock: sandbox and IP, pulls, start, crashes and back-off, deletion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerStatus, Pod } from '../../../../src/core/sim/api/types.ts';
import type { World } from '../../../../src/core/sim/contracts.ts';
import { makeTestWorld, podManifest } from './test-world.ts';

function pod(w: World, name: string): Pod {
  return w.store.get<Pod>('Pod', 'default', name) as Pod;
}
function cs(w: World, name: string, container?: string): ContainerStatus {
  const p = pod(w, name);
  return (p.status?.containerStatuses ?? []).find((c) => !container || c.name === container) as ContainerStatus;
}
function events(w: World, name: string): string[] {
  return w.store
    .list('Event', 'default')
    .filter((e) => (e.involvedObject as { name: string }).name === name)
    .map((e) => `${e.reason}: ${e.message}`);
}
function create(w: World, p: Pod): void {
  const r = w.api.create(p);
  assert.ok(r.ok, r.ok ? '' : r.status.message);
  w.control.settle();
}

test('Pending → ContainerCreating (IP at sandbox creation) → Running after the pull', () => {
  const w = makeTestWorld();
  create(w, podManifest('web', [{ name: 'nginx', image: 'nginx', ports: [80] }]));
  let p = pod(w, 'web');
  assert.equal(p.status?.phase, 'Pending');
  assert.ok(p.spec.nodeName === 'w1' || p.spec.nodeName === 'w2');
  assert.deepEqual(cs(w, 'web').state, { waiting: { reason: 'ContainerCreating' } });
  assert.equal(p.status?.podIP, undefined);
  w.control.advance(1000);
  p = pod(w, 'web');
  assert.match(p.status?.podIP ?? '', /^192\.168\.1[12]\.\d+$/);
  assert.equal(p.status?.hostIP, w.cluster.nodes.find((n) => n.name === p.spec.nodeName)?.ip);
  assert.equal(cs(w, 'web').state.waiting?.reason, 'ContainerCreating');
  w.control.advance(9000);
  p = pod(w, 'web');
  assert.equal(p.status?.phase, 'Running');
  assert.ok(cs(w, 'web').state.running);
  assert.equal(cs(w, 'web').ready, true);
  assert.equal(cs(w, 'web').image, 'docker.io/library/nginx:latest');
  assert.match(cs(w, 'web').imageID ?? '', /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.equal(p.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'True');
  assert.deepEqual(
    w.control.listeners({ kind: 'pod', namespace: 'default', pod: 'web' }).map((l) => l.port),
    [80],
  );
  const ev = events(w, 'web');
  assert.equal(ev[0], `Scheduled: Successfully assigned default/web to ${p.spec.nodeName}`);
  assert.equal(ev[1], 'Pulling: Pulling image "nginx"');
  assert.match(
    ev[2],
    /^Pulled: Successfully pulled image "nginx" in (\d+\.\d+)s \(\1s including waiting\)\. Image size: 72080558 bytes\.$/,
  );
  assert.deepEqual(ev.slice(3), ['Created: Created container: nginx', 'Started: Started container nginx']);
});

test('a second pod with the same image on the same node starts within about two seconds', () => {
  const w = makeTestWorld({
    pins: [
      { pod: 'a', node: 'w1' },
      { pod: 'b', node: 'w1' },
    ],
  });
  create(w, podManifest('a', [{ name: 'nginx', image: 'nginx:1.25' }]));
  w.control.advance(10_000);
  assert.equal(pod(w, 'a').status?.phase, 'Running');
  create(w, podManifest('b', [{ name: 'nginx', image: 'nginx:1.25' }]));
  w.control.advance(2000);
  assert.equal(pod(w, 'b').status?.phase, 'Running');
  assert.ok(events(w, 'b').includes('Pulled: Container image "nginx:1.25" already present on machine'));
});

test('an unknown image: ErrImagePull, then ImagePullBackOff, retried with a growing back-off', () => {
  const w = makeTestWorld();
  create(w, podManifest('bad', [{ name: 'app', image: 'nosuchimage' }]));
  w.control.advance(2500);
  assert.equal(cs(w, 'bad').state.waiting?.reason, 'ErrImagePull');
  assert.match(cs(w, 'bad').state.waiting?.message ?? '', /pull access denied, repository does not exist or may require authorization/);
  w.control.advance(1500);
  assert.equal(cs(w, 'bad').state.waiting?.reason, 'ImagePullBackOff');
  assert.equal(pod(w, 'bad').status?.phase, 'Pending');
  w.control.advance(60_000);
  const ev = events(w, 'bad');
  assert.ok(
    ev.includes(
      'Failed: Failed to pull image "nosuchimage": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuchimage:latest": failed to resolve reference "docker.io/library/nosuchimage:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    ),
  );
  assert.ok(ev.includes('Failed: Error: ErrImagePull'));
  assert.ok(ev.includes('BackOff: Back-off pulling image "nosuchimage"'));
  assert.ok(ev.includes('Failed: Error: ImagePullBackOff'));
  const pulls = w.store
    .list('Event', 'default')
    .find((e) => e.reason === 'Pulling' && (e.involvedObject as { name: string }).name === 'bad');
  // Attempts at ~1s, ~13s, ~35s (10s then 20s back-off): three pulls in a minute, not more.
  assert.equal(pulls?.count, 3);
});

test('an unknown tag of a known image says "not found"', () => {
  const w = makeTestWorld();
  create(w, podManifest('tag', [{ name: 'app', image: 'nginx:nosuchtag' }]));
  w.control.advance(2500);
  assert.match(cs(w, 'tag').state.waiting?.message ?? '', /docker\.io\/library\/nginx:nosuchtag: not found$/);
});

test('two containers binding the same port: the later one crashes, restarts count up, CrashLoopBackOff', () => {
  const w = makeTestWorld();
  create(
    w,
    podManifest('two', [
      { name: 'first', image: 'nginx' },
      { name: 'second', image: 'nginx' },
    ]),
  );
  w.control.advance(15_000);
  assert.ok(cs(w, 'two', 'first').state.running);
  assert.equal(cs(w, 'two', 'first').restartCount, 0);
  w.control.advance(5 * 60_000);
  const second = cs(w, 'two', 'second');
  assert.ok(second.restartCount >= 3, `restarts ${second.restartCount}`);
  assert.equal(second.lastState?.terminated?.exitCode, 1);
  assert.equal(second.lastState?.terminated?.reason, 'Error');
  const p = pod(w, 'two');
  assert.equal(p.status?.phase, 'Running');
  assert.equal(p.status?.conditions?.find((c) => c.type === 'Ready')?.status, 'False');
  const logs = w.api.logs({ kind: 'Pod', name: 'two' }, 'second', { previous: true });
  assert.deepEqual(logs, {
    ok: true,
    text: '/docker-entrypoint.sh: Configuration complete; ready for start up\nnginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n',
  });
  assert.ok(events(w, 'two').some((e) => e.startsWith('BackOff: Back-off restarting failed container second in pod two_default(')));
  // Only the first container holds port 80.
  assert.equal(w.control.listeners({ kind: 'pod', namespace: 'default', pod: 'two' }).length, 1);
  // Sample the state until we catch the back-off wait.
  let sawBackoff = false;
  for (let i = 0; i < 60 && !sawBackoff; i++) {
    w.control.advance(5000);
    sawBackoff = cs(w, 'two', 'second').state.waiting?.reason === 'CrashLoopBackOff';
  }
  assert.ok(sawBackoff);
  assert.match(
    cs(w, 'two', 'second').state.waiting?.message ?? '',
    /^back-off (\d+m)?\d+s restarting failed container=second pod=two_default\(/,
  );
});

test('back-off doubles from 10s and caps at 300s', () => {
  const w = makeTestWorld();
  create(w, podManifest('quick', [{ name: 'sh', image: 'busybox' }]));
  const restarts: number[] = [];
  let last = 0;
  for (let t = 0; t < 40 * 60; t += 1) {
    w.control.advance(1000);
    const n = cs(w, 'quick').restartCount;
    if (n !== last) {
      restarts.push(t);
      last = n;
    }
  }
  const gaps = restarts.slice(1).map((t, i) => t - restarts[i]);
  // busybox's default command exits at once: restart gaps follow 10, 20, 40, 80, 160, 300, 300 s (plus a pull of ~1s).
  const rounded = gaps.map((g) => Math.round(g / 10) * 10);
  assert.deepEqual(rounded.slice(0, 7), [10, 20, 40, 80, 160, 300, 300]);
});

test('exit 0 with restartPolicy Always reads Completed, then CrashLoopBackOff; with Never the pod Succeeds', () => {
  const w = makeTestWorld();
  create(w, podManifest('always', [{ name: 'sh', image: 'busybox', command: ['sh', '-c', 'echo hi'] }]));
  w.control.advance(4000);
  assert.equal(cs(w, 'always').state.terminated?.reason, 'Completed');
  w.control.advance(20_000);
  assert.ok(cs(w, 'always').restartCount >= 1);
  create(w, podManifest('once', [{ name: 'sh', image: 'busybox', command: ['sh', '-c', 'echo done'] }], { restartPolicy: 'Never' }));
  w.control.advance(10_000);
  assert.equal(pod(w, 'once').status?.phase, 'Succeeded');
  assert.deepEqual(w.api.logs({ kind: 'Pod', name: 'once' }), { ok: true, text: 'done\n' });
});

test('logs of a container still creating are refused as kubectl shows', () => {
  const w = makeTestWorld();
  create(w, podManifest('slow', [{ name: 'nginx', image: 'nginx' }]));
  const r = w.api.logs({ kind: 'Pod', name: 'slow' });
  assert.ok(!r.ok);
  assert.equal(r.status.message, 'container "nginx" in pod "slow" is waiting to start: ContainerCreating');
});

test('deletion: Terminating for the grace period, listeners gone at once, IP released when removed', () => {
  const w = makeTestWorld();
  create(w, podManifest('sleeper', [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }]));
  create(w, podManifest('web', [{ name: 'nginx', image: 'nginx' }]));
  w.control.advance(15_000);
  assert.ok(w.net.ips.has('default/sleeper') && w.net.ips.has('default/web'));
  const d = w.api.delete({ kind: 'Pod', name: 'sleeper' });
  assert.ok(d.ok);
  assert.equal(d.object.metadata.deletionTimestamp, w.clock.iso(w.clock.now() + 30_000));
  w.api.delete({ kind: 'Pod', name: 'web' });
  w.control.settle();
  assert.deepEqual(w.control.listeners({ kind: 'pod', namespace: 'default', pod: 'web' }), []);
  w.control.advance(1000);
  assert.equal(w.store.get('Pod', 'default', 'web'), undefined, 'nginx stops quickly on SIGTERM');
  assert.ok(!w.net.ips.has('default/web'));
  w.control.advance(25_000);
  assert.ok(w.store.get('Pod', 'default', 'sleeper'), 'sleep ignores SIGTERM: still terminating');
  assert.ok(events(w, 'sleeper').includes('Killing: Stopping container sh'));
  w.control.advance(5_000);
  assert.equal(w.store.get('Pod', 'default', 'sleeper'), undefined);
  assert.ok(!w.net.ips.has('default/sleeper'));
});

test('--grace-period=0 removes the pod at once', () => {
  const w = makeTestWorld();
  create(w, podManifest('gone', [{ name: 'sh', image: 'busybox', command: ['sleep', '3600'] }]));
  w.control.advance(5000);
  assert.ok(w.api.delete({ kind: 'Pod', name: 'gone' }, { gracePeriodSeconds: 0 }).ok);
  assert.equal(w.store.get('Pod', 'default', 'gone'), undefined);
  w.control.settle();
  assert.ok(!w.net.ips.has('default/gone'));
  assert.equal(w.control.running('default', 'gone', 'sh'), undefined);
});

test("changing a running pod's image restarts that container with the new image", () => {
  const w = makeTestWorld();
  create(w, podManifest('img', [{ name: 'nginx', image: 'nginx:1.24' }]));
  w.control.advance(10_000);
  const r = w.api.patch({ kind: 'Pod', name: 'img' }, { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } }, 'strategic');
  assert.ok(r.ok);
  w.control.settle();
  w.control.advance(10_000);
  const s = cs(w, 'img');
  assert.ok(s.state.running);
  assert.equal(s.restartCount, 1);
  assert.equal(s.image, 'docker.io/library/nginx:1.25');
  assert.ok(events(w, 'img').includes('Killing: Container nginx definition changed, will be restarted'));
});

test('timers due at one instant all fire before the controllers settle, once, after the last of them', () => {
  const w = makeTestWorld();
  const seen: (string | undefined)[] = [];
  // The first timer creates a pod; the second, due at the same instant, sees it not yet scheduled.
  w.clock.schedule(500, () => assert.ok(w.api.create(podManifest('early', [{ name: 'main', image: 'nginx' }])).ok));
  w.clock.schedule(500, () => seen.push(pod(w, 'early').spec.nodeName));
  w.clock.schedule(501, () => seen.push(pod(w, 'early').spec.nodeName));
  w.control.advance(1000);
  assert.equal(seen[0], undefined);
  assert.ok(seen[1] === 'w1' || seen[1] === 'w2', `scheduled by the next instant: ${seen[1]}`);
});
