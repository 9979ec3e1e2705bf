// kubectl describe endpointslice, as describeEndpointSliceV1 (kubectl pkg/describe/describe.go) lays it out through
// tabbedString's tabwriter (minwidth 0, padding 2): the Ports table, then each endpoint with its condition, hostname,
// target, node and zone, `<unset>` for what the slice leaves out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { describeEndpointSlice } from '../../../../../src/core/sim/proc/bin/kubectl/describe/endpoint-slice.ts';
import { DescribeWriter } from '../../../../../src/core/sim/proc/bin/kubectl/describe/writer.ts';
import type { Kube } from '../../../../../src/core/sim/proc/bin/kubectl/kube.ts';

const describe = (obj: unknown): string => {
  const w = new DescribeWriter();
  describeEndpointSlice(undefined as unknown as Kube, w, obj as KObject);
  return w.toString();
};

test('describe endpointslice: ports, endpoints with conditions, hostname, target, node, zone', () => {
  const text = describe({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abcde', namespace: 'default', labels: { 'kubernetes.io/service-name': 'web' } },
    addressType: 'IPv4',
    ports: [
      { name: '', port: 80, protocol: 'TCP' },
      { name: 'metrics', port: 9153, protocol: 'TCP' },
    ],
    endpoints: [
      {
        addresses: ['10.244.1.5'],
        conditions: { ready: true, serving: true, terminating: false },
        nodeName: 'worker-1',
        targetRef: { kind: 'Pod', name: 'web-1', namespace: 'default' },
      },
      { addresses: ['10.244.2.7'], conditions: {}, hostname: 'db-0' },
    ],
  });
  assert.equal(
    text,
    [
      'Name:         web-abcde',
      'Namespace:    default',
      'Labels:       kubernetes.io/service-name=web',
      'Annotations:  <none>',
      'AddressType:  IPv4',
      'Ports:',
      '  Name     Port  Protocol',
      '  ----     ----  --------',
      '  <unset>  80    TCP',
      '  metrics  9153  TCP',
      'Endpoints:',
      '  - Addresses:  10.244.1.5',
      '    Conditions:',
      '      Ready:    true',
      '    Hostname:   <unset>',
      '    TargetRef:  Pod/web-1',
      '    NodeName:   worker-1',
      '    Zone:       <unset>',
      '  - Addresses:  10.244.2.7',
      '    Conditions:',
      // a line without a tab (Conditions:) ends tabwriter's column block: this endpoint aligns on its own
      '      Ready:   <unset>',
      '    Hostname:  db-0',
      '    NodeName:  <unset>',
      '    Zone:      <unset>',
      '',
    ].join('\n'),
  );
});

test('a slice without ports or endpoints says so on one line each', () => {
  const text = describe({
    kind: 'EndpointSlice',
    metadata: { name: 'e', namespace: 'default' },
    addressType: 'IPv4',
    ports: null,
    endpoints: [],
  });
  assert.match(text, /\nAddressType:  IPv4\nPorts: <unset>\nEndpoints: <none>\n$/);
});
