// The matrix by classes is exact: on random worlds (CNIs, nodes, pods with labels and listeners in several
// namespaces, Services, route and node faults, NetworkPolicy with pod, namespace and ipBlock peers, reach checks),
// the outcome, expectation and agreement of every square computed by classes equal the pair-by-pair matrix's, and
// classes do save probes. The classifier's two steps, and cells made when first read, on a small world.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Backend, Endpoint, Probe, Target } from '../../../src/core/backend.ts';
import { endpointFor } from '../../../src/core/check/endpoints.ts';
import { computeMatrix, matrixCounts, matrixSquares } from '../../../src/core/check/matrix.ts';
import type { ClusterSpec, FaultSpec, Lesson, ReachExpectation, ReachVerdict } from '../../../src/core/lesson/model.ts';
import { SimBackend } from '../../../src/core/sim/sim-backend.ts';
import type { ReachMatrix } from '../../../src/core/check/types.ts';

const NAMESPACES = ['default', 'x', 'y'];
const APPS = ['a', 'b'];

const podArb = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  app: fc.constantFrom(...APPS),
  serves: fc.constantFrom('nginx', 'busybox', 'agnhost'),
  node: fc.nat(1),
});
const peerArb = fc.oneof(
  fc.constantFrom(...APPS).map((a) => `- podSelector: { matchLabels: { app: ${a} } }`),
  fc.constantFrom(...NAMESPACES).map((n) => `- namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ${n} } }`),
  // blocks that split a node's pods (the first addresses of a node's range; half of Calico's pool)
  fc
    .constantFrom(
      '10.244.1.0/24 except [10.244.1.0/29]',
      '10.244.0.0/16 except [10.244.0.0/29, 10.244.1.0/29]',
      '10.244.1.0/30',
      '192.168.0.0/16 except [192.168.0.0/17]',
      '192.168.128.0/17',
      '0.0.0.0/0',
    )
    .map((b) => {
      const [cidr, except] = b.split(' except ');
      return `- ipBlock: { cidr: ${cidr}${except ? `, except: ${except}` : ''} }`;
    }),
);
const policyArb = fc.record({
  ns: fc.constantFrom(...NAMESPACES),
  app: fc.option(fc.constantFrom(...APPS), { nil: undefined }),
  egress: fc.boolean(),
  peers: fc.array(peerArb, { maxLength: 2 }),
  port: fc.option(fc.constantFrom(80, 8080), { nil: undefined }),
});
const worldArb = fc.record({
  cni: fc.constantFrom<ClusterSpec['cni']>('calico', 'flannel', 'kindnet'),
  nodes: fc.integer({ min: 2, max: 4 }),
  pods: fc.array(podArb, { minLength: 2, maxLength: 12 }),
  services: fc.subarray(APPS),
  policies: fc.array(policyArb, { maxLength: 3 }),
  faults: fc.array(fc.record({ kind: fc.constantFrom('drop-route', 'node-down'), node: fc.nat(3), to: fc.nat(3) }), { maxLength: 2 }),
  // reach checks between pods: they add columns and give squares an expectation
  checks: fc.array(
    fc.record({
      from: fc.nat(11),
      to: fc.nat(11),
      port: fc.constantFrom(80, 8080, undefined),
      expect: fc.constantFrom<ReachVerdict>('ok', 'blocked', 'refused', 'timeout'),
    }),
    { maxLength: 4 },
  ),
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const IMAGES: Record<string, string> = {
  nginx: 'image: nginx:1.27\n    ports: [{ name: http, containerPort: 80 }]',
  busybox: "image: busybox:1.36\n    command: ['sleep', '86400']",
  agnhost:
    "image: registry.k8s.io/e2e-test-images/agnhost:2.39\n    args: ['netexec', '--http-port=8080']\n    ports: [{ name: http, containerPort: 8080 }]",
};

function lessonOf(w: WorldSpec): Pick<Lesson, 'cluster' | 'cells'> {
  const nodeName = (i: number) => (i === 0 ? 'cp' : `w${i}`);
  const nodes = Array.from({ length: w.nodes }, (_, i) => ({
    name: nodeName(i),
    role: i === 0 ? ('control-plane' as const) : ('worker' as const),
  }));
  const faults: FaultSpec[] = w.faults
    .map((f) => ({ ...f, node: nodeName(f.node % w.nodes), to: nodeName(f.to % w.nodes) }))
    .filter((f) => (f.kind === 'node-down' ? f.node !== 'cp' : f.node !== f.to))
    .map((f) => (f.kind === 'node-down' ? { kind: 'node-down', node: f.node } : { kind: 'drop-route', node: f.node, to: f.to }));
  const docs = NAMESPACES.filter((n) => n !== 'default').map((n) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${n}`);
  w.pods.forEach((p, i) => {
    docs.push(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: ${p.ns}\n  labels: { app: ${p.app} }\nspec:\n  nodeName: ${nodeName(p.node % w.nodes)}\n  containers:\n  - name: main\n    ${IMAGES[p.serves]}`,
    );
  });
  for (const app of w.services) {
    for (const ns of NAMESPACES)
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${app}\n  namespace: ${ns}\nspec:\n  selector: { app: ${app} }\n  ports: [{ port: 80, targetPort: http }]`,
      );
  }
  w.policies.forEach((np, i) => {
    const dir = np.egress ? 'egress' : 'ingress';
    const peerKey = np.egress ? 'to' : 'from';
    const rule =
      np.peers.length || np.port
        ? `\n  - ${[np.peers.length ? `${peerKey}:\n${np.peers.map((x) => `    ${x}`).join('\n')}` : '', np.port ? `ports: [{ port: ${np.port} }]` : ''].filter(Boolean).join('\n    ')}`
        : ' []';
    docs.push(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np${i}\n  namespace: ${np.ns}\nspec:\n  podSelector: ${np.app ? `{ matchLabels: { app: ${np.app} } }` : '{}'}\n  policyTypes: [${np.egress ? 'Egress' : 'Ingress'}]\n  ${dir}:${rule}`,
    );
  });
  const cluster: ClusterSpec = {
    cni: w.cni,
    nodes,
    workstation: { node: 'cp', cwd: '/root', user: 'root' },
    pins: [],
    faults,
    setup: [{ manifests: docs.join('\n---\n'), pos: { file: 'random-world.yaml', line: 1 }, after: '2m' }],
  };
  const label = (i: number) => (w.pods[i].ns === 'default' ? `p${i}` : `${w.pods[i].ns}/p${i}`);
  const expectations: ReachExpectation[] = (w.checks ?? [])
    .filter((c) => c.from < w.pods.length && c.to < w.pods.length)
    .map((c) => ({
      kind: 'reach',
      text: '',
      pos: { file: 'random-world.md', line: 1 },
      hidden: false,
      from: label(c.from),
      to: label(c.to),
      ...(c.port === undefined ? { protocol: 'icmp' as const } : { protocol: 'tcp' as const, port: c.port }),
      expect: c.expect,
    }));
  return { cluster, cells: [{ expectations }] as unknown as Lesson['cells'] };
}

/** A backend that counts the probes it runs. */
function counting(b: SimBackend): { backend: Backend; probes: () => number } {
  let n = 0;
  const backend: Backend = Object.assign(Object.create(b) as SimBackend, {
    probe: (from: Endpoint, to: Target): Promise<Probe> => {
      n++;
      return b.probe(from, to);
    },
    probeClasses: () => b.probeClasses(),
    view: () => b.view(),
  });
  return { backend, probes: () => n };
}

test('the matrix by classes has the outcomes of the pair-by-pair matrix, on random worlds', async () => {
  let saved = 0;
  let total = 0;
  await fc.assert(
    fc.asyncProperty(worldArb, fc.nat(1000), async (w, seed) => {
      const lesson = lessonOf(w);
      const pairs = new SimBackend();
      const classes = new SimBackend();
      await pairs.start(lesson.cluster, { seed, lessonId: 'random' });
      await classes.start(lesson.cluster, { seed, lessonId: 'random' });
      const counted = counting(classes);
      const all = { maxPods: Infinity, maxTargets: Infinity };
      const a = await computeMatrix(pairs, lesson, all);
      const b = await computeMatrix(counted.backend, lesson, { ...all, classes: true });
      assert.deepEqual(b.sources, a.sources);
      assert.deepEqual(b.targets, a.targets);
      // Read square by square (as `podlab matrix` does, before and without making the cells), the same outcomes.
      const squares = matrixSquares(b);
      assert.ok(squares, 'a matrix by classes has squares');
      assert.equal(matrixSquares(a), undefined, 'a pair-by-pair matrix has cells only');
      const read: string[] = [];
      b.sources.forEach((from, i) =>
        b.targets.forEach((t, j) => {
          const observed = squares.observed(i, j);
          if (observed !== undefined)
            read.push(`${from} → ${t.name} ${t.protocol}/${t.port ?? ''}: ${observed} ${squares.expected(i, j)} ${squares.agrees(i, j)}`);
        }),
      );
      assert.deepEqual(
        read,
        a.cells.map((c) => `${c.from} → ${c.to} ${c.protocol}/${c.port ?? ''}: ${c.observed} ${c.expected} ${c.agrees}`),
      );
      assert.deepEqual(matrixCounts(b), matrixCounts(a));
      assert.deepEqual(
        b.cells.map((c) => `${c.from} → ${c.to} ${c.protocol}/${c.port ?? ''}: ${c.observed} ${c.expected} ${c.agrees}`),
        a.cells.map((c) => `${c.from} → ${c.to} ${c.protocol}/${c.port ?? ''}: ${c.observed} ${c.expected} ${c.agrees}`),
      );
      assert.ok(
        b.cells.every((c) => c.reason === undefined && c.hops === undefined),
        'cells by classes carry no pair text',
      );
      total += a.cells.length;
      saved += a.cells.length - counted.probes();
      await pairs.stop();
      await classes.stop();
    }),
    { numRuns: 40, seed: 13 },
  );
  assert.ok(saved > 0, `classes saved no probe in ${total}`);
});

/**
 * The probes a pass over every square would run by classes (the reference): row by row, column by column, a square
 * no class holds (or a pod probing itself) probed on its own, any other only if its classes were not probed yet.
 */
function referenceProbes(
  backend: SimBackend,
  lesson: Pick<Lesson, 'cluster'>,
  sources: string[],
  targets: ReachMatrix['targets'],
): string[] {
  const classify = backend.probeClasses();
  const done = new Set<string>();
  const columns = new Map<string, ReturnType<typeof classify.target>[]>();
  const out: string[] = [];
  for (const from of sources) {
    const cls = classify.source(endpointFor(from, lesson));
    let cols = cls && columns.get(cls.scope);
    if (cls && !cols)
      columns.set(cls.scope, (cols = targets.map((t) => classify.target(cls.scope, { host: t.name, port: t.port, protocol: t.protocol }))));
    targets.forEach((t, j) => {
      if (from === t.name) return;
      const tc = cols?.[j];
      const key = `${from} → ${t.name} ${t.protocol}/${t.port ?? ''}`;
      if (!cls || !tc || (cls.pod !== undefined && cls.pod === tc.pod)) return void out.push(key);
      if (done.has(`${cls.id} ${tc.id}`)) return;
      done.add(`${cls.id} ${tc.id}`);
      out.push(key);
    });
  }
  return out;
}

test('the matrix by classes runs the probes of a pass over every square, in its order (probes leave traces: ARP entries)', async () => {
  await fc.assert(
    fc.asyncProperty(worldArb, fc.nat(1000), async (w, seed) => {
      const lesson = lessonOf(w);
      const ran = new SimBackend();
      const reference = new SimBackend();
      await ran.start(lesson.cluster, { seed, lessonId: 'random' });
      await reference.start(lesson.cluster, { seed, lessonId: 'random' });
      const probes: string[] = [];
      const backend: Backend = Object.assign(Object.create(ran) as SimBackend, {
        probe: (from: Endpoint, to: Target): Promise<Probe> => {
          probes.push(
            `${from.kind === 'node' || !from.namespace || from.namespace === 'default' ? from.name : `${from.namespace}/${from.name}`} → ${to.host} ${to.protocol}/${to.port ?? ''}`,
          );
          return ran.probe(from, to);
        },
        probeClasses: () => ran.probeClasses(),
        view: () => ran.view(),
      });
      const m = await computeMatrix(backend, lesson, { maxPods: Infinity, maxTargets: Infinity, classes: true });
      assert.deepEqual(probes, referenceProbes(reference, lesson, m.sources, m.targets));
      await ran.stop();
      await reference.stop();
    }),
    { numRuns: 40, seed: 7 },
  );
});

const SMALL: WorldSpec = {
  checks: [],
  cni: 'calico',
  nodes: 2,
  pods: [
    { ns: 'default', app: 'a', serves: 'nginx', node: 1 },
    { ns: 'default', app: 'a', serves: 'nginx', node: 1 },
    { ns: 'x', app: 'b', serves: 'busybox', node: 0 },
  ],
  services: ['a'],
  policies: [],
  faults: [],
};

test('the classifier: sources once, targets per scope; a pod itself, addresses, Services and unknown names are not classed', async () => {
  const lesson = lessonOf(SMALL);
  const b = new SimBackend();
  await b.start(lesson.cluster, { seed: 1, lessonId: 'classes' });
  const c = b.probeClasses();
  const p0 = c.source({ kind: 'pod', name: 'p0' });
  const p1 = c.source({ kind: 'pod', name: 'p1' });
  const p2 = c.source({ kind: 'pod', namespace: 'x', name: 'p2' });
  const node = c.source({ kind: 'node', name: 'cp' });
  assert.ok(p0 && p1 && p2 && node);
  assert.deepEqual(
    [p0.scope, p0.pod, p2.scope, p2.pod, node.scope, node.pod],
    ['default', 'default/p0', 'x', 'x/p2', 'default', undefined],
  );
  // two nginx pods on one node are one class; a busybox pod on the other node is another
  assert.equal(p0.id, p1.id);
  assert.notEqual(p0.id, p2.id);
  assert.notEqual(node.id, p0.id);
  assert.equal(c.source({ kind: 'node', name: 'nowhere' }), undefined);
  assert.equal(c.source({ kind: 'pod', name: 'nowhere' }), undefined);
  const http = (host: string) => ({ host, port: 80, protocol: 'tcp' as const });
  const t0 = c.target('default', http('p0'));
  const t1 = c.target('default', http('p1'));
  assert.ok(t0 && t1);
  assert.equal(t0.id, t1.id);
  assert.equal(t0.pod, 'default/p0', 'p0 probing p0 is seen as a pod probing itself');
  assert.notEqual(c.target('default', { host: 'p0', port: 8080, protocol: 'tcp' })?.id, t0.id, 'the port is part of the class');
  // a bare name resolves in the source's namespace; ns/name anywhere
  assert.equal(c.target('x', http('p0')), undefined);
  assert.equal(c.target('x', http('default/p0'))?.id, t0.id);
  assert.equal(c.target('default', http('pod/p1'))?.id, t0.id);
  assert.equal(c.target('default', http('10.96.0.1')), undefined);
  assert.equal(c.target('default', http('svc-a')), undefined);
  assert.equal(c.target('default', http('svc/svc-a')), undefined);
  await b.stop();
});

test('cells by classes are made once when first read, and serialize as the plain matrix they stand for', async () => {
  const lesson = lessonOf(SMALL);
  const b = new SimBackend();
  await b.start(lesson.cluster, { seed: 1, lessonId: 'classes' });
  const m = await computeMatrix(b, lesson, { maxPods: Infinity, maxTargets: Infinity, classes: true });
  assert.deepEqual(Object.keys(m), ['sources', 'targets', 'cells']);
  const cells = m.cells;
  assert.equal(m.cells, cells, 'read twice, the same array');
  assert.equal(JSON.stringify(m), JSON.stringify({ sources: m.sources, targets: m.targets, cells }));
  assert.deepEqual(structuredClone(m), { sources: m.sources, targets: m.targets, cells });
  assert.equal(
    cells.length,
    m.sources.reduce((n, s) => n + m.targets.filter((t) => t.name !== s).length, 0),
  );
  assert.ok(cells.some((x) => x.observed === 'ok') && cells.some((x) => x.observed !== 'ok'));
  await b.stop();
});
