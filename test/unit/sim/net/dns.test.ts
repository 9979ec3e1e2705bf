import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from '../../../../src/core/sim/api/types.ts';
import type { DnsAnswer } from '../../../../src/core/sim/contracts.ts';
import { translateReason } from '../../../../src/core/i18n/reasons.ts';
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

function ok(a: DnsAnswer): Extract<DnsAnswer, { ok: true }> {
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
  // The last candidate, "api" itself, is no cluster name: CoreDNS forwards it upstream, which never answers, and
  // glibc ends with the SERVFAIL it counted (res_nsearch got_servfail) after 6 s.
  assert.deepEqual(!miss.ok && [miss.rcode, miss.elapsedMs], ['SERVFAIL', 6000]);
  assert.deepEqual(miss.tried, ['api.default.svc.cluster.local', 'api.svc.cluster.local', 'api.cluster.local', 'api']);
  assert.match(!miss.ok ? miss.reason : '', /there is no Service api in namespace default.*exists in namespace prod \(use api\.prod\)/);
});

test('NXDOMAIN for cluster names nobody has; names CoreDNS forwards to the silent upstream are SERVFAIL, not NXDOMAIN', () => {
  const w = dnsWorld();
  for (const name of ['nosuch.default.svc.cluster.local.', 'web.nosuchns.svc.cluster.local.', 'web.default.pod.cluster.local.']) {
    const a = w.net.resolve(pod('default', 'client'), name);
    assert.equal(a.ok ? 'answer' : a.rcode, 'NXDOMAIN', name);
  }
  for (const name of ['nosuch', 'web.nosuchns', 'nosuch.example.com']) {
    const a = w.net.resolve(pod('default', 'client'), name);
    assert.deepEqual(a.ok ? 'answer' : [a.rcode, a.elapsedMs], ['SERVFAIL', 6000], name);
  }
  const ext = w.net.resolve(pod('default', 'client'), 'example.com.');
  assert.match(!ext.ok ? ext.reason : '', /forwarded it to the node's resolver, which does not answer/);
  // musl waits 5 s in all: CoreDNS's SERVFAIL at 6 s comes too late, so the lookup times out.
  const musl = w.net.resolve(pod('default', 'client'), 'example.com', { libc: 'musl' });
  assert.deepEqual(!musl.ok && [musl.rcode, musl.elapsedMs, musl.tried?.at(-1)], ['timeout', 5000, 'example.com']);
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
  assert.deepEqual(w.net.hosts(pod('default', 'client')).at(-1), { ip: w.podIp('client'), names: ['client'] });
});

test('a node cannot resolve Service names: its resolver is the router, which does not answer (offline)', () => {
  const w = dnsWorld();
  const a = w.net.resolve(node('w1'), 'web.default.svc.cluster.local');
  assert.equal(a.ok, false);
  assert.equal(!a.ok && a.rcode, 'timeout');
  assert.equal(a.server, '10.0.0.1');
  assert.match(!a.ok ? a.reason : '', /does not answer: the cluster is offline/);
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

test('PTR: a ClusterIP names its Service, an endpoint address its <ep>.<svc> name, anything else goes upstream', () => {
  const w = dnsWorld();
  const q = { qtype: 'PTR' as const, noSearch: true, noHosts: true };
  const svc = ok(w.net.resolve(pod('default', 'client'), '20.0.96.10.in-addr.arpa', q));
  assert.deepEqual(svc.ptr, ['web.default.svc.cluster.local']);
  assert.deepEqual(ok(w.net.resolve(pod('default', 'client'), '10.0.96.10.in-addr.arpa', q)).ptr, [
    'kube-dns.kube-system.svc.cluster.local',
  ]);
  // db-0 has hostname db-0 and subdomain db: its endpoint is named db-0; web-1 has none: its dashed IP.
  const db0 = w.podIp('db-0', 'prod');
  const rev = (ip: string) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  assert.deepEqual(ok(w.net.resolve(pod('default', 'client'), rev(db0), q)).ptr, ['db-0.db.prod.svc.cluster.local']);
  const web1 = w.podIp('web-1');
  assert.deepEqual(ok(w.net.resolve(pod('default', 'client'), rev(web1), q)).ptr, [
    `${web1.replace(/\./g, '-')}.web.default.svc.cluster.local`,
  ]);
  // A pod behind no Service, or a node: `fallthrough in-addr.arpa` hands it to forward, whose upstream is silent.
  const lone = w.net.resolve(pod('default', 'client'), rev(w.podIp('client')), q);
  assert.deepEqual(!lone.ok && [lone.rcode, lone.elapsedMs], ['SERVFAIL', 6000]);
});

test('SRV: named ports of a ClusterIP Service and of a headless one, weights 100/n, targets with their A records', () => {
  const w = dnsWorld();
  w.service('mail', {
    clusterIP: '10.96.0.40',
    selector: { app: 'web' },
    ports: [
      { name: 'smtp', port: 25 },
      { name: 'imap', port: 143 },
    ],
  });
  w.service('pg', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'postgres', port: 5432 }] }, 'prod');
  const q = { qtype: 'SRV' as const };
  const smtp = ok(w.net.resolve(pod('default', 'client'), '_smtp._tcp.mail', q));
  assert.equal(smtp.fqdn, '_smtp._tcp.mail.default.svc.cluster.local');
  assert.deepEqual(smtp.srv, [{ priority: 0, weight: 100, port: 25, target: 'mail.default.svc.cluster.local' }]);
  assert.deepEqual(smtp.extra, [{ name: 'mail.default.svc.cluster.local', ip: '10.96.0.40' }]);
  assert.deepEqual(
    ok(w.net.resolve(pod('default', 'client'), 'mail.default.svc.cluster.local.', q)).srv?.map((r) => [r.weight, r.port]),
    [
      [50, 25],
      [50, 143],
    ],
  );
  const pg = ok(w.net.resolve(pod('default', 'client'), '_postgres._tcp.pg.prod.svc.cluster.local.', q));
  assert.deepEqual(
    pg.srv?.map((r) => `${r.priority} ${r.weight} ${r.port} ${r.target}`).sort(),
    [
      `0 50 5432 ${w.podIp('db-0', 'prod').replace(/\./g, '-')}.pg.prod.svc.cluster.local`,
      `0 50 5432 ${w.podIp('db-1', 'prod').replace(/\./g, '-')}.pg.prod.svc.cluster.local`,
    ].sort(),
    'hostname db-0 names an endpoint of Service db (its subdomain), not of pg',
  );
  const wrong = w.net.resolve(pod('default', 'client'), '_http._tcp.mail.default.svc.cluster.local.', q);
  assert.equal(!wrong.ok && wrong.rcode, 'NXDOMAIN');
});

test("an endpoint with a hostname answers to that name only, not to its dashed IP (CoreDNS's endpointHostname)", () => {
  const w = dnsWorld();
  const dashed = `${w.podIp('db-0', 'prod').replace(/\./g, '-')}.db.prod.svc.cluster.local.`;
  assert.equal(w.net.resolve(pod('default', 'client'), dashed).ok, false);
  const web1 = `${w.podIp('web-1').replace(/\./g, '-')}.web.default.svc.cluster.local.`;
  assert.deepEqual(ok(w.net.resolve(pod('default', 'client'), web1)).addresses, [w.podIp('web-1')]);
});

test('ExternalName: a CNAME; an outside target cannot be resolved offline, a cluster target is followed', () => {
  const w = dnsWorld();
  w.service('ext', { type: 'ExternalName', externalName: 'example.com' });
  w.service('alias', { type: 'ExternalName', externalName: 'web.default.svc.cluster.local' });
  const ext = w.net.resolve(pod('default', 'client'), 'ext');
  // CoreDNS answers the CNAME alone after its upstream lookup of example.com gave up (6 s): glibc takes that answer.
  assert.deepEqual(!ext.ok && [ext.rcode, ext.cname, ext.elapsedMs, ext.tried], [
    'NODATA',
    'example.com',
    6000,
    ['ext.default.svc.cluster.local'],
  ]);
  const musl = w.net.resolve(pod('default', 'client'), 'ext', { libc: 'musl' });
  assert.deepEqual(!musl.ok && [musl.rcode, musl.elapsedMs], ['timeout', 5000]);
  const alias = ok(w.net.resolve(pod('default', 'client'), 'alias'));
  assert.deepEqual([alias.cname, alias.addresses], ['web.default.svc.cluster.local', ['10.96.0.20']]);
});

test('the new DNS reasons read in Chinese too', () => {
  const w = dnsWorld();
  w.service('ext', { type: 'ExternalName', externalName: 'example.com' });
  const reasons = [
    w.net.resolve(pod('default', 'client'), 'example.com.'),
    w.net.resolve(node('w1'), 'web.default.svc.cluster.local'),
    w.net.resolve(pod('default', 'client'), 'ext'),
    w.net.resolve(pod('default', 'client'), 'example.com.', { libc: 'musl' }),
  ].map((a) => (a.ok ? '' : a.reason));
  for (const r of reasons) {
    const zh = translateReason('zh-CN', r);
    assert.notEqual(zh, r, r);
    assert.doesNotMatch(zh, /CoreDNS forwarded|does not answer|did not resolve|did not answer/, zh);
  }
});
