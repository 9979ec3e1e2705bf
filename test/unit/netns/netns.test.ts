// The netns backend (issue 17): the renderer (everywhere), and where this machine allows it (root, network
// namespaces, the Debian tools), the differential test: the simulator's probes against real packets in namespaces
// built from the same model, host isolation, and clean-up after SIGINT and SIGKILL.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCommand, SimBackend } from '../../../src/core/sim/index.ts';
import { differential } from '../../../src/node/backends/netns/differential.ts';
import {
  cleanupLeftovers,
  classifyPing,
  classifyTcp,
  findMissingMatches,
  Lab,
  listNamespaces,
  newRunId,
  prerequisiteProblem,
} from '../../../src/node/backends/netns/lab.ts';
import {
  formatRoute,
  loadLesson,
  matchesSelector,
  readModel,
  simulateLesson,
  type SimNetwork,
} from '../../../src/node/backends/netns/model.ts';
import { matchModules, nsName, ownedBy, renderPlan, stripMatch } from '../../../src/node/backends/netns/render.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROBLEM = prerequisiteProblem();
if (PROBLEM) console.warn(`\n!!! SKIPPED: the netns differential tests did not run: ${PROBLEM} !!!\n`);

function skipped(t: { skip(message: string): void }): boolean {
  if (!PROBLEM) return false;
  t.skip(`SKIPPED: ${PROBLEM}`);
  return true;
}

const sims = new Map<string, Promise<SimNetwork>>();
function simulate(file: string): Promise<SimNetwork> {
  let s = sims.get(file);
  if (!s) sims.set(file, (s = simulateLesson(loadLesson(file))));
  return s;
}

const CALICO = 'lessons/pod-networking/lesson.en.md';
const FLANNEL = 'test/fixtures/runtime/flannel-four-nodes.md';
const KINDNET = 'test/fixtures/runtime/kindnet-broken-route.md';
/** Services of every kind the differential checks through kube-proxy's rules (no endpoints, traffic policies, affinity). */
const SERVICES_FLANNEL = 'test/unit/netns/fixtures/services-flannel.md';
const SERVICES_CALICO = 'test/unit/netns/fixtures/services-calico.md';

// ---------------------------------------------------------------------------------------------
// The renderer (pure: runs everywhere).

test("render (calico): veths join only the run's namespaces; IPIP routes go over eth0; proxy ARP on every cali veth", async () => {
  const sim = await simulate(CALICO);
  const plan = renderPlan(sim.model, 'abcx0');
  for (const ns of plan.namespaces) assert.ok(ownedBy(ns, 'abcx0'), ns);
  for (const line of plan.veths) {
    const named = [...line.matchAll(/netns (\S+)/g)].map((m) => m[1]);
    assert.equal(named.length, 2, line);
    for (const n of named) assert.ok(ownedBy(n, 'abcx0'), line);
  }
  for (const b of [...plan.batches, ...plan.fdb]) assert.ok(ownedBy(b.ns, 'abcx0'), b.ns);
  const node = sim.model.nodes[1];
  const name = plan.nsOf.get(node.id) as string;
  const want = node.routes.map((r) => formatRoute(r).replace(/ dev tunl0 /, ' dev eth0 '));
  assert.deepEqual(plan.expectedRoutes.get(name), want);
  assert.ok(
    want.some((r) => / via \S+ dev eth0 proto bird onlink$/.test(r)),
    'node-to-node routes in routed mode',
  );
  const batch = plan.batches.find((b) => b.ns === name)?.lines ?? [];
  assert.ok(batch.includes('link add tunl0 index 3 type bridge'), 'tunl0 holds the tunnel address on a stand-in device');
  const cali = node.interfaces.filter((i) => i.name.startsWith('cali'));
  assert.ok(cali.length > 0);
  const settings = plan.sysctls.find((s) => s.ns === name)?.settings ?? [];
  for (const i of cali) assert.ok(settings.includes(`net.ipv4.conf.${i.name}.proxy_arp=1`), i.name);
  assert.ok(plan.notes.some((n) => /IPIP is not available/.test(n)));
});

test('render (flannel): a VXLAN flannel.1 per node with the neighbour and FDB entries of every other node', async () => {
  const sim = await simulate(FLANNEL);
  const plan = renderPlan(sim.model, 'abcx1');
  const nodes = sim.model.nodes.length;
  for (const n of sim.model.nodes) {
    const name = plan.nsOf.get(n.id) as string;
    const lines = plan.batches.find((b) => b.ns === name)?.lines ?? [];
    assert.ok(lines.some((l) => /^link add flannel\.1 index 3 type vxlan id 1 local \S+ dev eth0 dstport 8472 nolearning$/.test(l)));
    assert.equal(lines.filter((l) => l.startsWith('neigh replace ')).length, nodes - 1);
    assert.equal(plan.fdb.find((b) => b.ns === name)?.lines.length, nodes - 1);
  }
});

test('render (kindnet): host veths carry the gateway /32; the drop-route fault leaves the route out', async () => {
  const sim = await simulate(KINDNET);
  const plan = renderPlan(sim.model, 'abcx2');
  const worker = sim.model.nodes.find((n) => n.node === 'kind-worker');
  assert.ok(worker);
  const lines = plan.batches.find((b) => b.ns === plan.nsOf.get(worker.id))?.lines ?? [];
  assert.ok(
    lines.some((l) => /^addr add 10\.244\.\d+\.1\/32 dev veth[0-9a-f]{8}$/.test(l)),
    lines.join('\n'),
  );
  const worker2 = sim.model.nodes.find((n) => n.node === 'kind-worker2');
  const block = worker2?.interfaces.length
    ? sim.model.pods.find((p) => p.node === 'kind-worker2')?.ip.replace(/\.\d+$/, '.0/24')
    : undefined;
  assert.ok(block);
  assert.ok(!lines.some((l) => l.startsWith(`route add ${block}`)), 'no route to the lost block');
  assert.throws(() => renderPlan(sim.model, 'Bad-Id'), /bad run id/);
});

test("render: each node restores the very text the simulator's iptables-save prints there, then the CNI's rules with --noflush", async () => {
  const lesson = loadLesson(SERVICES_FLANNEL);
  const backend = new SimBackend();
  await backend.start(lesson.cluster, { seed: lesson.seed, lessonId: lesson.id });
  const model = readModel(backend.world);
  const plan = renderPlan(model, 'abcx3');
  for (const node of model.nodes) {
    const ns = plan.nsOf.get(node.id) as string;
    const printed = runCommand(backend.world, { kind: 'node', node: node.node }, ['iptables-save'], '', false).stdout;
    const installed = plan.iptables.filter((x) => x.ns === ns);
    assert.deepEqual(
      installed.map((x) => [x.what, x.noflush ?? false]),
      [
        ['kube-proxy', false],
        ['cni', true],
      ],
    );
    assert.equal(
      installed[0].rules,
      printed
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
    );
    assert.match(installed[0].rules, /-A KUBE-SERVICES -d \S+\/32 -p tcp -m comment --comment "default\/web:http cluster IP"/);
    assert.match(installed[0].rules, /-A KUBE-EXTERNAL-SERVICES -p tcp -m comment --comment "default\/nobody has no endpoints"/);
  }
  // flannel's cni0: ports hairpin, bridged traffic goes through iptables; the router's way out drops silently.
  const worker = plan.nsOf.get('node/worker-a') as string;
  const lines = plan.batches.find((b) => b.ns === worker)?.lines ?? [];
  const ports = model.nodes.find((n) => n.node === 'worker-a')?.interfaces.filter((i) => i.master === 'cni0') ?? [];
  assert.ok(ports.length >= 3);
  for (const p of ports) assert.ok(lines.includes(`link set dev ${p.name} type bridge_slave hairpin on`), p.name);
  assert.ok(plan.bridgeNetfilter.includes(worker));
  assert.ok(plan.iptables.some((x) => x.ns === plan.router && /-A FORWARD -o wan0 -j DROP/.test(x.rules)));
  assert.ok(!plan.notes.some((n) => /no kube-proxy rules/.test(n)));
  await backend.stop();
});

test('render (NetworkPolicy): per-pod chains on the host veths, from the policy objects; flannel and admin policies render none', async () => {
  const sim = await simulate('lessons/exercises/lock-down-nginx.md');
  const plan = renderPlan(sim.model, 'abcx4');
  assert.ok(plan.policyRendered);
  const policy = plan.iptables.filter((x) => x.what === 'policy');
  assert.ok(policy.length > 0);
  for (const x of policy) {
    assert.equal(x.noflush, true);
    assert.match(x.rules, /^-I FORWARD 1 -j PLAB-FORWARD$/m);
    assert.match(x.rules, /^-A PLAB-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN$/m);
    assert.match(x.rules, /^-A PLAB-(TW|FW)-\d+ -j DROP$/m, 'an isolated pod drops what no rule allows');
  }
  const all = policy.map((x) => x.rules).join('\n');
  for (const np of sim.model.policies)
    for (const pod of sim.model.pods.filter((p) => p.ref.kind === 'pod' && p.ref.namespace === np.namespace))
      if (matchesSelector(np.spec.podSelector ?? {}, pod.labels ?? {})) {
        const dev = pod.interfaces.find((i) => i.name === 'eth0')?.peer?.name;
        const types = np.spec.policyTypes ?? ['Ingress', ...(np.spec.egress?.length ? ['Egress'] : [])];
        if (types.includes('Ingress'))
          assert.match(all, new RegExp(`^-A PLAB-FORWARD -o ${dev} -j PLAB-TW-\\d+$`, 'm'), `ingress hook of ${pod.id}`);
        if (types.includes('Egress')) {
          assert.match(all, new RegExp(`^-A PLAB-FORWARD -i ${dev} -j PLAB-FW-\\d+$`, 'm'), `egress hook of ${pod.id}`);
          assert.match(all, new RegExp(`^-A PLAB-INPUT -i ${dev} -j PLAB-FW-\\d+$`, 'm'), `egress to its node, ${pod.id}`);
        }
      }
  const flannel = await simulate(FLANNEL);
  assert.ok(!renderPlan({ ...flannel.model, policies: sim.model.policies }, 'abcx5').iptables.some((x) => x.what === 'policy'));
  const admin = renderPlan({ ...sim.model, adminPolicies: 1 }, 'abcx6');
  assert.equal(admin.policyRendered, false);
  assert.ok(!admin.iptables.some((x) => x.what === 'policy'));
});

test('a match module the kernel lacks is stripped from the rules that use it, and only that match', () => {
  const rules = [
    '*nat',
    ':KUBE-SVC-X - [0:0]',
    '-A KUBE-SVC-X -m comment --comment "default/web -> 10.0.0.1:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-A',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A INPUT -m conntrack --ctstate NEW -m comment --comment "x y" -j KUBE-EXTERNAL-SERVICES',
    'COMMIT',
  ].join('\n');
  assert.deepEqual(matchModules(rules), ['comment', 'statistic', 'mark', 'conntrack']);
  const lines = stripMatch(rules, 'statistic').split('\n');
  assert.equal(lines[2], '-A KUBE-SVC-X -m comment --comment "default/web -> 10.0.0.1:80" -j KUBE-SEP-A');
  assert.equal(stripMatch(rules, 'mark').split('\n')[3], '-A KUBE-POSTROUTING -j RETURN');
  assert.equal(
    stripMatch(rules, 'comment').split('\n')[4],
    '-A INPUT -m conntrack --ctstate NEW -j KUBE-EXTERNAL-SERVICES',
    'a quoted comment goes as one word',
  );
  assert.equal(stripMatch(rules, 'recent'), rules, 'a module the rules do not use changes nothing');
});

test("real probe outputs are classified in the simulator's words", () => {
  assert.deepEqual(classifyPing(0, 'PING 1.2.3.4\n64 bytes from 1.2.3.4: icmp_seq=1 ttl=62 time=0.1 ms\n\n--- stats'), {
    outcome: 'reply',
    ttl: 62,
    detail: '64 bytes from 1.2.3.4: icmp_seq=1 ttl=62 time=0.1 ms',
  });
  assert.equal(classifyPing(1, 'PING 1.2.3.4\nFrom 10.0.0.1 icmp_seq=1 Destination Net Unreachable').outcome, 'unreachable');
  assert.equal(classifyPing(2, 'ping: connect: Network is unreachable').outcome, 'unreachable');
  assert.equal(classifyPing(1, 'PING 1.2.3.4\n\n--- 1.2.3.4 ping statistics ---\n1 packets transmitted, 0 received').outcome, 'timeout');
  assert.equal(classifyTcp(1, 'bash: connect: Connection refused', 1).outcome, 'refused');
  assert.equal(classifyTcp(124, '', 1).outcome, 'timeout');
  assert.equal(classifyTcp(1, 'bash: connect: No route to host', 1).outcome, 'unreachable');
});

// ---------------------------------------------------------------------------------------------
// Real packets (root, namespaces, tools).

/** What must not change on the host: its addresses, routes, rules and iptables (comment lines carry dates). */
function hostState(): string {
  const out = (argv: string[]) => spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' }).stdout ?? '';
  return [
    out(['ip', 'addr']),
    out(['ip', 'route', 'show', 'table', 'all']),
    out(['ip', 'rule']),
    out(['iptables-save'])
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n'),
  ].join('\n----\n');
}

const HOST_BEFORE = PROBLEM ? '' : hostState();

const ALL_FILES = [
  ...readdirSync('lessons/pod-networking')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `lessons/pod-networking/${f}`),
  ...readdirSync('lessons/exercises')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `lessons/exercises/${f}`),
  ...readdirSync('lessons/network-policy')
    .filter((f) => f.endsWith('.md'))
    .map((f) => `lessons/network-policy/${f}`),
  // One fixture per CNI beyond the lessons' Calico, with the faults (bench/netns.ts --all runs more).
  FLANNEL,
  KINDNET,
  'test/fixtures/lessons/flannel-other-names.md',
  SERVICES_FLANNEL,
  SERVICES_CALICO,
  // NetworkPolicy as upstream's e2e model exercises it (namespaces x pods, ipBlock, named ports, egress), and on
  // kindnet and Calico with a NodePort, named ports, ipBlock except and a deny-all.
  'test/fixtures/scenarios/netpol-e2e-model.md',
  'test/unit/netns/fixtures/policies-kindnet.md',
  'test/unit/netns/fixtures/policies-calico.md',
].sort();

// `npm test` compares a subset that still covers every CNI, Services (with and without endpoints, Local policies,
// affinity) and NetworkPolicy on two engines; the whole list runs with PODLAB_NETNS_ALL=1 (`npm run test:netns`).
// Each cluster costs tens of seconds of real probes (Service ports that must time out wait 2 s per source).
const QUICK = new Set([
  'lessons/pod-networking/lesson.en.md',
  'lessons/exercises/lock-down-nginx.md',
  FLANNEL,
  KINDNET,
  SERVICES_CALICO,
  'test/unit/netns/fixtures/policies-kindnet.md',
]);
const FILES = process.env.PODLAB_NETNS_ALL ? ALL_FILES : ALL_FILES.filter((f) => QUICK.has(f));
if (!process.env.PODLAB_NETNS_ALL)
  console.log(`# netns differential: ${FILES.length} of ${ALL_FILES.length} clusters (PODLAB_NETNS_ALL=1 or npm run test:netns for all)`);

const tested = new Map<string, string>();

for (const file of FILES) {
  test(`differential: ${file}: the kernel agrees with the simulator on every probe`, async (t) => {
    if (skipped(t)) return;
    const sim = await simulate(file);
    // Translations run the same cluster: the same model is checked once.
    const key = JSON.stringify(sim.model);
    const same = tested.get(key);
    if (same) {
      t.diagnostic(`same network model as ${same}: checked there`);
      return;
    }
    tested.set(key, file);
    const lab = new Lab(renderPlan(sim.model, newRunId()));
    try {
      await lab.build();
      await lab.waitForServers();
      const result = await differential(sim, lab, { maxPorts: 1, targets: 'pods' });
      for (const note of lab.plan.notes.filter((n) => n.startsWith('WARNING'))) t.diagnostic(note);
      const kernel = [...result.serviceOutcomes].map(([k, v]) => `${k} ${v}`).join(', ');
      t.diagnostic(
        `${result.cases} probes (${result.serviceCases} through Services: ${kernel}; ${result.policyCompared} dropped by NetworkPolicy), ${result.agreed} agree${result.policySkipped ? `, ${result.policySkipped} dropped by NetworkPolicy in the simulator not compared (admin policies are not rendered)` : ''}`,
      );
      if (/network-policy|lock-down|netpol|policies-/.test(file)) {
        assert.ok(result.policyCompared > 0, 'probes NetworkPolicy drops are compared with the rendered rules');
        assert.equal(result.policySkipped, 0);
      }
      assert.ok(result.cases > 20, 'the differential probes something');
      assert.ok(result.serviceCases > 0, 'every cluster has Services (kubernetes, kube-dns) to probe');
      if (file === SERVICES_FLANNEL || file === SERVICES_CALICO)
        assert.deepEqual(
          [...result.serviceOutcomes.keys()].sort(),
          ['connected', 'refused', 'timeout'],
          'the kernel connected, refused (no endpoints: REJECT; no listener behind the endpoint: RST) and timed out (DROP, undefined port)',
        );
      assert.deepEqual(
        result.disagreements.map((d) => d.text),
        [],
      );
    } finally {
      await lab.destroy();
    }
    assert.deepEqual(
      listNamespaces().filter((n) => ownedBy(n, lab.plan.runId)),
      [],
      "the run's namespaces are gone",
    );
  });
}

function startChild(): { child: ReturnType<typeof spawn>; ready: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'build-child.ts'), KINDNET], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', () => reject(new Error(`the child exited before building: ${err}`)));
  });
  return { child, ready, exited };
}

function processesIn(runId: string): number {
  let n = 0;
  for (const ns of listNamespaces().filter((x) => ownedBy(x, runId))) {
    n += (spawnSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).stdout ?? '').split(/\s+/).filter(Boolean).length;
  }
  return n;
}

test("clean-up: after SIGKILL the next run removes the dead run's namespaces and processes; on SIGINT a run removes its own", async (t) => {
  if (skipped(t)) return;
  // Two children at once (each takes a while to start on a busy machine).
  const killed = startChild();
  const interrupted = startChild();
  const [killedId, interruptedId] = await Promise.all([killed.ready, interrupted.ready]);
  assert.ok(
    listNamespaces().some((n) => ownedBy(n, killedId)),
    'the child built its namespaces',
  );
  assert.ok(processesIn(killedId) > 0, 'its servers run in them');
  killed.child.kill('SIGKILL');
  interrupted.child.kill('SIGINT');
  await Promise.all([killed.exited, interrupted.exited]);
  assert.deepEqual(
    listNamespaces().filter((n) => ownedBy(n, interruptedId)),
    [],
    'SIGINT: the run cleaned up before dying',
  );
  assert.ok(
    listNamespaces().some((n) => ownedBy(n, killedId)),
    'SIGKILL leaves them behind',
  );
  const removed = cleanupLeftovers();
  assert.ok(removed.some((n) => ownedBy(n, killedId)));
  assert.deepEqual(
    listNamespaces().filter((n) => ownedBy(n, killedId)),
    [],
  );
});

test('a match module this kernel rejects is found by a test restore in a namespace of the run', async (t) => {
  if (skipped(t)) return;
  const scratch = nsName(newRunId(), 'xcheck');
  const add = spawnSync('ip', ['netns', 'add', scratch]);
  assert.equal(add.status, 0);
  try {
    const rules = [
      '*filter',
      ':INPUT ACCEPT [0:0]',
      '-A INPUT -m comment --comment "kept" -j ACCEPT',
      '-A INPUT -p tcp -m nosuchmatch --foo 1 -m tcp --dport 5 -j ACCEPT',
      'COMMIT',
      '',
    ].join('\n');
    assert.deepEqual(await findMissingMatches(scratch, rules), ['nosuchmatch']);
    assert.deepEqual(await findMissingMatches(scratch, stripMatch(rules, 'nosuchmatch')), [], 'without it the kernel takes the rules');
  } finally {
    spawnSync('ip', ['netns', 'del', scratch]);
  }
});

test("the host's addresses, routes, rules and iptables are unchanged by every build, probe and clean-up", (t) => {
  if (skipped(t)) return;
  assert.equal(hostState(), HOST_BEFORE);
});

test("--backend netns: a lesson's reachability checks are answered by real packets and pass", async (t) => {
  if (skipped(t)) return;
  const { createBackend } = await import('../../../src/node/backends/index.ts');
  const { Kernel } = await import('../../../src/core/runtime/kernel.ts');
  const kernel = new Kernel(loadLesson('lessons/exercises/cross-node.md'), createBackend('netns'));
  try {
    await kernel.runAll();
    const report = await kernel.report();
    const checks = report.cells.flatMap((c) => c.checks);
    assert.deepEqual(
      checks.filter((c) => !c.passed).map((c) => `${c.text}: ${c.reason}`),
      [],
    );
    assert.ok(checks.length > 0);
    const probe = await kernel.backend.probe({ kind: 'pod', name: 'client' }, { host: 'server', port: 80, protocol: 'tcp' });
    assert.equal(probe.outcome, 'ok');
    assert.match(probe.reason, /^real packets in network namespaces/);
    const svc = await kernel.backend.probe({ kind: 'pod', name: 'client' }, { host: 'kubernetes', port: 443, protocol: 'tcp' });
    assert.equal(svc.outcome, 'ok', svc.reason);
    assert.match(svc.reason, /^real packets in network namespaces/, 'a ClusterIP is translated by the kernel too');
    const ping = await kernel.backend.probe({ kind: 'node', name: 'cp' }, { host: 'server', protocol: 'icmp' });
    assert.equal(ping.outcome, 'ok');
    assert.equal(ping.ttl, 63, 'a node to a pod on another node: one routed hop back');
  } finally {
    await kernel.stop();
  }
  assert.deepEqual(
    // This process's runs only (a run id starts with its owner's pid): another process may be building its own.
    listNamespaces().filter((n) => ownedBy(n) && n.startsWith(`plab-${process.pid}x`)),
    [],
    'stop() removed the namespaces',
  );
});
