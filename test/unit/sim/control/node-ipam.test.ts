// The node IPAM controller's podCIDRs: /24s of the cluster CIDR in registration order for Calico (whose pods use
// /26 blocks of their own), the resolved block itself for flannel and kindnet (their pod range is the podCIDR).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResolvedCluster, ResolvedNode } from '../../../../src/core/sim/contracts.ts';
import { nodePodCidrs } from '../../../../src/core/sim/control/node-ipam.ts';

function cluster(cni: ResolvedCluster['cni'], podCIDR: string, blocks: string[], cpIndex = 0): ResolvedCluster {
  const nodes: ResolvedNode[] = blocks.map((b, i) => ({
    name: `n${i}`,
    role: i === cpIndex ? 'control-plane' : 'worker',
    ip: `10.0.0.${11 + i}`,
    podCIDR: b,
    labels: {},
    taints: [],
  }));
  return {
    cni,
    podCIDR,
    serviceCIDR: '10.96.0.0/12',
    nodeCIDR: '10.0.0.0/24',
    domain: 'cluster.local',
    kubernetesVersion: 'v1.32.0',
    nodes,
    workstation: { node: 'n0' },
    pins: [],
    faults: [],
  } as unknown as ResolvedCluster;
}

test('calico: /24s of the cluster CIDR in order, the control plane first, whatever the /26 blocks are', () => {
  const c = cluster('calico', '192.168.0.0/16', ['192.168.217.0/26', '192.168.254.192/26', '192.168.3.64/26'], 1);
  assert.deepEqual(
    [...nodePodCidrs(c)],
    [
      ['n1', '192.168.0.0/24'],
      ['n0', '192.168.1.0/24'],
      ['n2', '192.168.2.0/24'],
    ],
  );
});

test('calico: a node past the last free /24 gets none; a cluster CIDR smaller than /24 gives none at all', () => {
  const small = cluster('calico', '10.10.0.0/23', ['10.10.0.0/26', '10.10.0.64/26', '10.10.1.0/26']);
  assert.deepEqual(
    [...nodePodCidrs(small)],
    [
      ['n0', '10.10.0.0/24'],
      ['n1', '10.10.1.0/24'],
    ],
  );
  assert.equal(nodePodCidrs(cluster('calico', '10.10.0.0/25', ['10.10.0.0/26'])).size, 0);
});

test('flannel and kindnet: the podCIDR is the node block their pods are addressed from', () => {
  for (const cni of ['flannel', 'kindnet'] as const) {
    const c = cluster(cni, '10.244.0.0/16', ['10.244.0.0/24', '10.244.7.0/24']);
    assert.deepEqual(
      [...nodePodCidrs(c)],
      [
        ['n0', '10.244.0.0/24'],
        ['n1', '10.244.7.0/24'],
      ],
    );
  }
});
