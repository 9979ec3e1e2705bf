// kubectl describe daemonset, as describeDaemonSet (kubectl pkg/describe/describe.go) prints it: the counts from the
// DaemonSet's status, "Pods Status" over the pods it controls (selector and controller owner, by phase), then the pod
// template. A line without a tab ends tabwriter's column block, so "Pods Status:" aligns on its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { KubectlHarness } from './harness.ts';

test('describe ds: selector, node selector, counts, pods by phase, pod template', () => {
  const h = new KubectlHarness();
  const ds = h.store.create({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system', labels: { 'k8s-app': 'agent' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'agent' } },
      template: {
        metadata: { labels: { 'k8s-app': 'agent' } },
        spec: { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'agent', image: 'busybox' }] },
      },
    },
    status: {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 2,
      updatedNumberScheduled: 3,
      numberAvailable: 2,
      numberMisscheduled: 0,
    },
  } as unknown as KObject);
  const pod = (name: string, phase: string, owner?: string): KObject =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'kube-system',
        labels: { 'k8s-app': 'agent' },
        ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: owner, controller: true }] } : {}),
      },
      spec: { containers: [{ name: 'agent', image: 'busybox' }] },
      status: { phase },
    }) as unknown as KObject;
  const uid = ds.metadata.uid ?? '';
  h.store.create(pod('agent-a', 'Running', uid));
  h.store.create(pod('agent-b', 'Running', uid));
  h.store.create(pod('agent-c', 'Pending', uid));
  h.store.create(pod('stray', 'Running')); // matches the selector, but no controller: not counted
  const text = h.run('kubectl describe ds agent -n kube-system').stdout;
  assert.match(
    text,
    new RegExp(
      [
        '^Name:           agent',
        'Namespace:      kube-system',
        'Selector:       k8s-app=agent',
        'Node-Selector:  kubernetes.io/os=linux',
        'Labels:         k8s-app=agent',
        'Annotations:    <none>',
        'Desired Number of Nodes Scheduled: 3',
        'Current Number of Nodes Scheduled: 3',
        'Number of Nodes Scheduled with Up-to-date Pods: 3',
        'Number of Nodes Scheduled with Available Pods: 2',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  2 Running / 1 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  k8s-app=agent',
        '  Containers:',
        '   agent:',
        '',
      ].join('\\n'),
    ),
  );
});
