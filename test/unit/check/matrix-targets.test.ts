// The matrix's columns for a pod that declares no port: by ICMP in `podlab run`'s grid; with `servicePorts`
// (the page's matrix) on the ports the Services selecting it send to, so a Deployment made by `kubectl create
// deployment` is probed where its Service sends traffic.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Backend, ClusterView, Probe } from '../../../src/core/backend.ts';
import { computeMatrix } from '../../../src/core/check/matrix.ts';
import type { Lesson } from '../../../src/core/lesson/model.ts';

type ViewPod = ClusterView['pods'][number];

function pod(name: string, labels: Record<string, string>, ports: number[] = []): ViewPod {
  return {
    namespace: 'default',
    name,
    node: 'n1',
    ip: '10.1.0.1',
    phase: 'Running',
    ready: '1/1',
    labels,
    containers: [{ name: 'c', image: 'nginx', ports }],
    hostNetwork: false,
  };
}

const VIEW: ClusterView = {
  version: 1,
  nodes: [{ name: 'n1', role: 'control-plane', ip: '10.0.0.1', ready: true }],
  pods: [pod('web-1', { app: 'web' }), pod('api-1', { app: 'api' }, [9000]), pod('lonely', { app: 'lonely' }), pod('other', { tier: 'x' })],
  services: [
    {
      namespace: 'default',
      name: 'web',
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      ports: [
        { port: 80, targetPort: '8080', protocol: 'TCP' },
        { port: 53, targetPort: '53', protocol: 'UDP' },
        { port: 81, targetPort: 'http', protocol: 'TCP' },
      ],
      selector: { app: 'web' },
      endpoints: ['default/web-1'],
    },
    // Selects api-1, which declares its port: the declared port wins.
    {
      namespace: 'default',
      name: 'api',
      type: 'ClusterIP',
      clusterIP: '10.96.0.11',
      ports: [{ port: 80, targetPort: '7000', protocol: 'TCP' }],
      selector: { app: 'api' },
      endpoints: [],
    },
    // An empty selector selects nothing (a Service with manual endpoints).
    {
      namespace: 'default',
      name: 'manual',
      type: 'ClusterIP',
      clusterIP: '10.96.0.12',
      ports: [{ port: 70, targetPort: '70', protocol: 'TCP' }],
      selector: {},
      endpoints: [],
    },
  ],
};

const backend = {
  name: 'fake',
  view: async () => VIEW,
  probe: async (from, target): Promise<Probe> => ({ from, target, outcome: 'ok', reason: 'fake', hops: [] }),
} as Pick<Backend, 'name' | 'view' | 'probe'> as Backend;

const lesson: Pick<Lesson, 'cluster' | 'cells'> = {
  cluster: { cni: 'calico', nodes: [{ name: 'n1', role: 'control-plane' }] } as unknown as Lesson['cluster'],
  cells: [],
};

function podColumns(m: { targets: { name: string; protocol: string; port?: number; kind?: string }[] }): string[] {
  return m.targets.filter((t) => t.kind === 'pod').map((t) => `${t.name} ${t.protocol}${t.port === undefined ? '' : `:${t.port}`}`);
}

test("podlab run's grid: a pod without a declared port or a check naming it is probed by ICMP", async () => {
  assert.deepEqual(podColumns(await computeMatrix(backend, lesson)), ['web-1 icmp', 'api-1 tcp:9000', 'lonely icmp', 'other icmp']);
});

test("the page's matrix: such a pod on its Services' numeric target ports (TCP and UDP), else ICMP", async () => {
  const m = await computeMatrix(backend, lesson, { servicePorts: true });
  assert.deepEqual(podColumns(m), ['web-1 tcp:8080', 'web-1 udp:53', 'api-1 tcp:9000', 'lonely icmp', 'other icmp']);
  // Every row probes the new columns.
  assert.ok(m.cells.some((c) => c.from === 'lonely' && c.to === 'web-1' && c.port === 8080 && c.observed === 'ok'));
});
