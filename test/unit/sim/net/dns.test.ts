import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../../src/core/sim/api/types.ts';
import type { DnsAnswer } from '../../../../src/core/sim/contracts.ts';
import { searchCandidates } from '../../../../src/core/sim/net/dns/search.ts';
import { TestWorld, node, pod } from './test-world.ts';

const SEARCH = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];

function dnsWorld(faults: ConstructorParameters<typeof TestWorld>[0]['faults'] = []): TestWorld {
  const w = new TestWorld({ cni: 'calico', nodes: 2, faults });
  w.kubeDns(['cp']);
  w.pod('web-1', { node: 'w1', labels: { app: 'web' }, listen: [80] });
  w.pod('client', { node: 'w2' });
  w.service('web', { clusterIP: '10.96.0.20', selector: { app: 'web' }, ports: [{ port: 80 }] });
  w.pod('db-0', { node: 'w1', namespace: 'prod', labels: { app: 'db' }, hostname: 'db-0', subdomain: 'db' });
  w.pod('db-1', { node: 'w2', namespace: 'prod', labels: { app: 'db' }, hostname: 'db-1', subdomain: 'db' });
  w.service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }, 'prod');
  w.service('api', { clusterIP: '10.96.0.30', selector: { app: 'api' }, ports: [{ port: 80 }] }, 'prod');
  return w;
}

function ok(a: DnsAnswer): { fqdn: string; addresses: string[]; server: string; tried?: string[] } {
  assert.ok(a.ok, `expected an answer: ${a.ok ? '' : a.reason}`);
  return a;
}

test('search-list expansion follows glibc and musl', () => {
  const cases: [string, 'glibc' | 'musl', string[]][] = [
    ['web', 'glibc', ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    ['web.prod', 'musl', ['web.prod.default.svc.cluster.local', 'web.prod.svc.cluster.local', 'web.prod.cluster.local', 'web.prod']],
    ['web.default.svc.cluster.local.', 'glibc', ['web.default.svc.cluster.local']],
    [
      'a.b.c.d.e.f',
      'glibc',
      ['a.b.c.d.e.f', 'a.b.c.d.e.f.default.svc.cluster.local', 'a.b.c.d.e.f.svc.cluster.local', 'a.b.c.d.e.f.cluster.local'],
    ],
    ['a.b.c.d.e.f', 'musl', ['a.b.c.d.e.f']],
  ];
  for (const [name, libc, want] of cases) assert.deepEqual(searchCandidates(name, SEARCH, 5, libc), want, `${libc} ${name}`);
  assert.deepEqual(searchCandidates('web', SEARCH, 5, 'glibc', true), ['web']);
  assert.deepEqual(searchCandidates('web', [], 5), ['web']);
});

test('resolv.conf: ClusterFirst pods, hostNetwork pods, opt-ins, node hosts', () => {
  const w = dnsWorld();
  assert.deepEqual(w.net.resolvConf(pod('prod', 'db-0')), {
    nameservers: ['10.96.0.10'],
    search: ['prod.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    options: ['ndots:5'],
  });
  w.pod('agent', { node: 'w1', hostNetwork: true });
  w.pod('agent2', { node: 'w1', hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
  w.pod('plain', { node: 'w1', dnsPolicy: 'Default' });
  const nodeConf = { nameservers: ['10.0.0.1'], search: [], options: [] };
  assert.deepEqual(w.net.resolvConf(node('w1')), nodeConf);
  assert.deepEqual(w.net.resolvConf(pod('default', 'agent')), nodeConf);
  assert.deepEqual(w.net.resolvConf(pod('default', 'plain')), nodeConf);
  assert.equal(w.net.resolvConf(pod('default', 'agent2')).nameservers[0], '10.96.0.10');
});

test("a short name resolves in the pod's own namespace through CoreDNS", () => {
  const w = dnsWorld();
  const a = ok(w.net.resolve(pod('default', 'client'), 'web'));
  assert.deepEqual(
    [a.fqdn, a.addresses, a.server, a.tried],
    ['web.default.svc.cluster.local', ['10.96.0.20'], '10.96.0.10', ['web.default.svc.cluster.local']],
  );
  assert.equal(w.net.connect(pod('default', 'client'), a.addresses[0], 80, 'TCP').outcome, 'connected');
});

test('an FQDN with fewer than 5 dots still goes through the search list first; a trailing dot does not', () => {
  const w = dnsWorld();
  const a = ok(w.net.resolve(pod('default', 'client'), 'web.default.svc.cluster.local'));
  assert.equal(a.fqdn, 'web.default.svc.cluster.local');
  assert.equal(a.tried?.length, 4);
  const b = ok(w.net.resolve(pod('default', 'client'), 'web.default.svc.cluster.local.'));
  assert.deepEqual(b.tried, ['web.default.svc.cluster.local']);
});

test('another namespace by <svc>.<ns>; a short name of another namespace is NXDOMAIN with a hint', () => {
  const w = dnsWorld();
  const a = ok(w.net.resolve(pod('default', 'client'), 'api.prod'));
  assert.deepEqual([a.fqdn, a.addresses], ['api.prod.svc.cluster.local', ['10.96.0.30']]);
  const miss = w.net.resolve(pod('default', 'client'), 'api');
  assert.equal(miss.ok, false);
  assert.equal(!miss.ok && miss.rcode, 'NXDOMAIN');
  assert.deepEqual(miss.tried, ['api.default.svc.cluster.local', 'api.svc.cluster.local', 'api.cluster.local', 'api']);
  assert.match(!miss.ok ? miss.reason : '', /there is no Service api in namespace default.*exists in namespace prod \(use api\.prod\)/);
});

test('NXDOMAIN for names nobody has', () => {
  const w = dnsWorld();
  for (const name of ['nosuch', 'web.nosuchns', 'nosuch.example.com', 'web.default.pod.cluster.local']) {
    const a = w.net.resolve(pod('default', 'client'), name);
    assert.equal(a.ok ? 'answer' : a.rcode, 'NXDOMAIN', name);
  }
});

test('headless Services give endpoint addresses; hostname.subdomain names one pod; dashed pod names resolve', () => {
  const w = dnsWorld();
  const all = ok(w.net.resolve(pod('prod', 'db-0'), 'db'));
  assert.deepEqual([...all.addresses].sort(), [w.podIp('db-0', 'prod'), w.podIp('db-1', 'prod')].sort());
  const one = ok(w.net.resolve(pod('default', 'client'), 'db-1.db.prod.svc.cluster.local'));
  assert.deepEqual(one.addresses, [w.podIp('db-1', 'prod')]);
  const dashed = ok(w.net.resolve(pod('default', 'client'), '10-1-2-3.default.pod.cluster.local'));
  assert.deepEqual(dashed.addresses, ['10.1.2.3']);
  w.deletePod('db-0', 'prod');
  w.deletePod('db-1', 'prod');
  const none = w.net.resolve(pod('default', 'client'), 'db.prod');
  assert.match(!none.ok ? none.reason : '', /headless Service prod\/db has no ready endpoints/);
});

test("/etc/hosts first: a pod's own hostname, localhost, node names on nodes; nslookup-style lookups skip it", () => {
  const w = dnsWorld();
  const self = ok(w.net.resolve(pod('prod', 'db-0'), 'db-0'));
  assert.deepEqual([self.addresses, self.server], [[w.podIp('db-0', 'prod')], '/etc/hosts']);
  assert.deepEqual(ok(w.net.resolve(pod('prod', 'db-0'), 'db-0.db.prod.svc.cluster.local')).server, '/etc/hosts');
  assert.deepEqual(ok(w.net.resolve(pod('default', 'client'), 'localhost')).addresses, ['127.0.0.1']);
  assert.deepEqual(ok(w.net.resolve(node('w1'), 'w2')).addresses, [w.nodeIp('w2')]);
  const skip = w.net.resolve(node('w1'), 'w2', { noHosts: true });
  assert.equal(skip.ok, false);
  assert.deepEqual(ok(w.net.resolve(node('w1'), '10.0.0.99')).addresses, ['10.0.0.99'], 'IP literals need no lookup');
  assert.deepEqual(w.net.hosts?.(pod('default', 'client')).at(-1), { ip: w.podIp('client'), names: ['client'] });
});

test('a node cannot resolve Service names: its resolver is the router, which knows no cluster names', () => {
  const w = dnsWorld();
  const a = w.net.resolve(node('w1'), 'web.default.svc.cluster.local');
  assert.equal(a.ok, false);
  assert.equal(!a.ok && a.rcode, 'NXDOMAIN');
  assert.equal(a.server, '10.0.0.1');
  assert.match(!a.ok ? a.reason : '', /knows nothing of the cluster/);
  // Asking CoreDNS's ClusterIP directly works from the node (nslookup NAME 10.96.0.10).
  assert.deepEqual(ok(w.net.resolve(node('w1'), 'web.default.svc.cluster.local', { server: '10.96.0.10' })).addresses, ['10.96.0.20']);
});

test('CoreDNS without endpoints: kube-proxy refuses the query; CoreDNS on a dead node: the query times out', () => {
  const gone = dnsWorld();
  gone.deletePod('coredns-0', 'kube-system');
  const a = gone.net.resolve(pod('default', 'client'), 'web');
  assert.equal(a.ok, false);
  assert.deepEqual(!a.ok && [a.rcode, a.refused, a.server], ['timeout', true, '10.96.0.10']);
  assert.match(!a.ok ? a.reason : '', /kube-dns has no ready endpoints/);
  const down = dnsWorld([{ kind: 'node-down', node: 'cp' }]);
  const b = down.net.resolve(pod('default', 'client'), 'web');
  assert.deepEqual(!b.ok && [b.rcode, b.refused], ['timeout', undefined]);
  assert.match(!b.ok ? b.reason : '', /^no DNS server answered: cp is down/);
});

test("the query itself walks the network: a dropped route to CoreDNS's node is a timeout", () => {
  const w = dnsWorld([{ kind: 'drop-route', node: 'w2', to: 'cp' }]);
  const a = w.net.resolve(pod('default', 'client'), 'web');
  assert.deepEqual(!a.ok && a.rcode, 'timeout');
  const b = ok(w.net.resolve(pod('default', 'web-1'), 'web'));
  assert.deepEqual(b.addresses, ['10.96.0.20'], 'from w1 the route is intact');
});

test("spec.hostAliases are in the pod's hosts file and win over DNS", () => {
  const w = dnsWorld();
  const created = w.store.create<Pod>({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'aliased', namespace: 'default' },
    spec: { nodeName: 'w1', containers: [], hostAliases: [{ ip: '10.9.9.9', hostnames: ['web', 'legacy.example'] }] } as Pod['spec'],
  });
  w.net.attachPod(created, 'w1');
  assert.deepEqual(ok(w.net.resolve(pod('default', 'aliased'), 'web')).addresses, ['10.9.9.9']);
  assert.deepEqual(ok(w.net.resolve(pod('default', 'aliased'), 'legacy.example')).server, '/etc/hosts');
  assert.deepEqual(ok(w.net.resolve(pod('default', 'client'), 'web')).addresses, ['10.96.0.20'], 'other pods are unaffected');
});
