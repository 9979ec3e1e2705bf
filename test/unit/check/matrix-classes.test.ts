// The matrix by classes is exact: on random worlds (CNIs, nodes, pods with labels and listeners in several
// namespaces, Services, route and node faults, NetworkPolicy with pod, namespace and ipBlock peers), the outcome
// of every square computed by classes equals the pair-by-pair matrix's, and classes do save probes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Backend, Endpoint, Probe, Target } from '../../../src/core/backend.ts';
import { computeMatrix } from '../../../src/core/check/matrix.ts';
import type { ClusterSpec, FaultSpec } from '../../../src/core/lesson/model.ts';
import { SimBackend } from '../../../src/core/sim/sim-backend.ts';

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
});
type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const IMAGES: Record<string, string> = {
  nginx: 'image: nginx:1.27\n    ports: [{ name: http, containerPort: 80 }]',
  busybox: "image: busybox:1.36\n    command: ['sleep', '86400']",
  agnhost:
    "image: registry.k8s.io/e2e-test-images/agnhost:2.39\n    args: ['netexec', '--http-port=8080']\n    ports: [{ name: http, containerPort: 8080 }]",
};

function lessonOf(w: WorldSpec): { cluster: ClusterSpec; cells: [] } {
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
  return { cluster, cells: [] };
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
      assert.deepEqual(
        b.cells.map((c) => `${c.from} → ${c.to} ${c.protocol}/${c.port ?? ''}: ${c.observed}`),
        a.cells.map((c) => `${c.from} → ${c.to} ${c.protocol}/${c.port ?? ''}: ${c.observed}`),
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
