// nslookup, curl and wget against the simulated CoreDNS in a whole world, compared with test/golden/tools/dns/: real
// BusyBox 1.35 and bind9 9.18 nslookup, curl 7.88.1 and BusyBox wget asking a server at 127.0.0.2 that answered as
// CoreDNS does (authoritative A, PTR and SRV records, ExternalName CNAMEs) and held every forwarded name for 6 s
// before a SERVFAIL, as CoreDNS 1.11 does when its upstream never answers (see src/core/sim/net/dns/coredns.ts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Service } from '../../../../../src/core/sim/api/types.ts';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { CALICO_TWO_NODES, type } from '../shell/helpers.ts';

const SPEC = CALICO_TWO_NODES;

const MANIFEST = `apiVersion: v1
kind: Pod
metadata: {name: bb}
spec:
  nodeName: w1
  containers: [{name: bb, image: busybox, command: ['sleep', '3600']}]
---
apiVersion: v1
kind: Pod
metadata: {name: shoot}
spec:
  nodeName: w1
  containers: [{name: s, image: nicolaka/netshoot, command: ['sleep', '3600']}]
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  nodeName: w1
  containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: example.com
`;

/** A golden with the capture's server (127.0.0.2) as the cluster's DNS Service, split into command and output. */
function golden(name: string): { cmd: string; out: string; exit: number } {
  const text = readFileSync(new URL(`../../../../golden/tools/dns/${name}`, import.meta.url), 'utf8').replaceAll('127.0.0.2', '10.96.0.10');
  const lines = text.split('\n');
  const exit = Number(/^\[exit (\d+)\]$/.exec(lines.at(-2) ?? '')?.[1]);
  return { cmd: lines[0].slice(2), out: lines.slice(1, -2).join('\n') + '\n', exit };
}

async function cluster() {
  const world = createWorld(SPEC, { seed: 5 });
  world.fs({ kind: 'node', node: 'm1' }).write('/root/m.yaml', MANIFEST);
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  assert.equal((await type(t, 'kubectl apply -f /root/m.yaml')).exitCode, 0);
  await type(t, 'sleep 30');
  return { world, t };
}

test('nslookup of the API Service address answers its PTR name, in BusyBox and bind9 layouts', async () => {
  const { t } = await cluster();
  for (const [file, pod] of [
    ['busybox-nslookup-ptr.txt', 'bb'],
    ['nslookup-ptr.txt', 'shoot'],
  ]) {
    const g = golden(file);
    const r = await type(t, `kubectl exec ${pod} -- ${g.cmd.replace(/^busybox /, '')}`);
    assert.equal(r.output, g.out, file);
    assert.equal(r.exitCode, g.exit);
  }
});

test('bind9 nslookup remarks on each CoreDNS reply without RA, as it comes', async () => {
  const { t, world } = await cluster();
  const vip = world.store.get<Service>('Service', 'default', 'web')?.spec.clusterIP ?? '';
  for (const file of ['nslookup-search.txt', 'nslookup-fqdn.txt', 'nslookup-nxdomain.txt']) {
    const g = golden(file);
    const r = await type(t, `kubectl exec shoot -- ${g.cmd}`);
    assert.equal(r.output, g.out.replace('10.96.0.12', vip) + (g.exit === 0 ? '' : `command terminated with exit code ${g.exit}\n`), file);
  }
});

test('nslookup -type=srv of a named port: the ClusterIP name as target, priority 0 weight 100', async () => {
  const { t } = await cluster();
  for (const [file, pod] of [
    ['busybox-nslookup-srv.txt', 'bb'],
    ['nslookup-srv.txt', 'shoot'],
  ]) {
    const g = golden(file);
    const r = await type(t, `kubectl exec ${pod} -- ${g.cmd.replace(/^busybox /, '')}`);
    assert.equal(r.output, g.out, file);
  }
});

test('an outside name in an offline cluster: timeouts and "could not resolve", never NXDOMAIN', async () => {
  const { t } = await cluster();
  for (const [file, pod] of [
    ['busybox-nslookup-external.txt', 'bb'],
    ['nslookup-external.txt', 'shoot'],
    ['busybox-nslookup-externalname.txt', 'bb'],
    ['curl-external.txt', 'shoot'],
    ['busybox-wget-external.txt', 'bb'],
  ]) {
    const g = golden(file);
    const r = await type(t, `kubectl exec ${pod} -- ${g.cmd.replace(/^busybox /, '')}`);
    assert.equal(r.output, g.out + (g.exit === 0 ? '' : `command terminated with exit code ${g.exit}\n`), file);
  }
});

test('a node asks its own resolver, the router, which never answers; CoreDNS asked directly does', async () => {
  const { t } = await cluster();
  const own = await type(t, 'nslookup kubernetes.default.svc.cluster.local');
  assert.match(own.output, /^(;; communications error to 10\.0\.0\.1#53: timed out\n){3};; no servers could be reached\n\n$/);
  const direct = await type(t, 'nslookup kubernetes.default.svc.cluster.local 10.96.0.10');
  assert.equal(
    direct.output,
    'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n',
  );
});

test("the lookup's simulated time: glibc takes CoreDNS's SERVFAIL at 6 s, musl gives up at 5 s", async () => {
  const { world, t } = await cluster();
  const timed = async (cmd: string) => {
    const start = world.clock.now();
    const r = await type(t, cmd);
    return { r, ms: world.clock.now() - start };
  };
  const glibc = await timed('kubectl exec web -- curl -sS http://example.com/');
  assert.equal(glibc.r.output, 'curl: (6) Could not resolve host: example.com\ncommand terminated with exit code 6\n');
  const musl = await timed('kubectl exec shoot -- curl -sS http://example.com/');
  assert.equal(musl.r.output, glibc.r.output);
  // Both include the same exec overhead: what differs is the lookup, 6 s against 5 s.
  assert.ok(glibc.ms >= 6000 && musl.ms >= 5000, `glibc ${glibc.ms} ms, musl ${musl.ms} ms`);
  assert.equal(glibc.ms - musl.ms, 1000);
  // curl -m shorter than the lookup: curl's own resolve timeout.
  const m = await type(t, 'kubectl exec web -- curl -sS -m 2 http://example.com/');
  assert.equal(m.output, 'curl: (28) Resolving timed out after 2001 milliseconds\ncommand terminated with exit code 28\n');
});

/** What the capture's wall clock and random draws decide: the query id, the COOKIE, WHEN, the query time, the SOA serial. */
function masked(text: string): string {
  return text
    .replace(/id: \d+/g, 'id: ID')
    .replace(/COOKIE: [0-9a-f]+/g, 'COOKIE: C')
    .replace(/WHEN: .*/g, 'WHEN: W')
    .replace(/Query time: \d+ msec/g, 'Query time: T msec')
    .replace(/(hostmaster\.cluster\.local\. )\d+/g, '$1SERIAL');
}

test('dig and host against CoreDNS: A, -x, SRV, NXDOMAIN with the SOA, +short, +search, and the silent upstream', async () => {
  const { t, world } = await cluster();
  const vip = world.store.get<Service>('Service', 'default', 'web')?.spec.clusterIP ?? '';
  for (const file of [
    'dig-a.txt',
    'dig-x.txt',
    'dig-srv.txt',
    'dig-nxdomain.txt',
    'dig-short.txt',
    'dig-short-x.txt',
    'dig-search.txt',
    'dig-external.txt',
    'host-a.txt',
    'host-x.txt',
    'host-srv.txt',
    'host-nxdomain.txt',
    'host-search.txt',
    'host-external.txt',
  ]) {
    const g = golden(file);
    const r = await type(t, `kubectl exec shoot -- ${g.cmd}`);
    // A ClusterIP of another length would change MSG SIZE: the capture's 10.96.0.12 and the model's are both 4 bytes.
    const want = g.out.replaceAll('10.96.0.12', vip) + (g.exit === 0 ? '' : `command terminated with exit code ${g.exit}\n`);
    assert.equal(masked(r.output), masked(want), file);
  }
});
