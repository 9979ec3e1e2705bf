// `kubectl get ds` columns as printDaemonSet (kubernetes pkg/printers/internalversion/printers.go) prints them. The
// expected text is kubeadm's kube-proxy DaemonSet on a three-node cluster as kubectl v1.32 shows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { humanRows, type HumanOptions } from '../../../../../src/core/sim/api/printers/index.ts';
import { TabWriter } from '../../../../../src/core/sim/proc/bin/kubectl/tabwriter.ts';

const NOW = Date.UTC(2024, 0, 4, 1, 0, 0);
const kubeProxy = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-proxy', namespace: 'kube-system', creationTimestamp: '2024-01-01T00:00:00Z' },
  spec: {
    selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
    template: {
      metadata: { labels: { 'k8s-app': 'kube-proxy' } },
      spec: {
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.0' }],
      },
    },
  },
  status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
} as unknown as KObject;

const table = (o: Partial<HumanOptions>): string => {
  const opts: HumanOptions = {
    wide: false,
    withNamespace: false,
    withKind: false,
    showLabels: false,
    noHeaders: false,
    labelColumns: [],
    ...o,
  };
  const w = new TabWriter();
  w.write(humanRows('DaemonSet', [kubeProxy], NOW, opts).join('\n') + '\n');
  return w.flush();
};

test('get ds: DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE', () => {
  assert.equal(
    table({}),
    'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n' +
      'kube-proxy   3         3         2       3            2           kubernetes.io/os=linux   3d1h\n',
  );
});

test('get ds -o wide adds CONTAINERS IMAGES SELECTOR; no node selector prints <none>', () => {
  const wide = table({ wide: true }).split('\n');
  assert.match(wide[0], /AGE {4}CONTAINERS {3}IMAGES {31}SELECTOR$/);
  assert.match(wide[1], /3d1h {3}kube-proxy {3}registry\.k8s\.io\/kube-proxy:v1\.32\.0 {3}k8s-app=kube-proxy$/);
  const spec = (kubeProxy as unknown as { spec: { template: { spec: { nodeSelector?: unknown } } } }).spec.template.spec;
  delete spec.nodeSelector;
  assert.match(table({}).split('\n')[1], / 2 {11}<none> {10}3d1h$/);
});
