// kubectl describe node, as kubectl v1.32's describeNode prints it (pkg/describe/describe.go): the Lease, the
// conditions, Capacity/Allocatable, System Info, the controller-manager's PodCIDR, the non-terminated pods with
// their requests and limits as shares of the allocatable, and the node's allocated totals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { podRequestsAndLimits } from '../../../../../src/core/sim/proc/bin/kubectl/describe/node.ts';
import { formatQuantity, parseQuantity } from '../../../../../src/core/sim/proc/bin/kubectl/describe/quantity.ts';
import { clusterSpec, kubeSession } from './kube-session.ts';

const GOLDEN = new URL('../../../../golden/kubectl/cluster/', import.meta.url);
const golden = (f: string) => readFileSync(new URL(f, GOLDEN), 'utf8');

test('describe node n1 of a Calico cluster with one pod that requests resources (golden)', () => {
  const { world, run } = kubeSession(clusterSpec('calico'));
  const r = world.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      nodeName: 'n1',
      containers: [
        { name: 'web', image: 'nginx', resources: { requests: { cpu: '500m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } } },
      ],
    },
  } as KObject);
  assert.ok(r.ok);
  world.control.advance(60_000);
  assert.equal(run('kubectl describe node n1').stdout, golden('describe-node-n1.txt'));
});

test("the PodCIDR lines show the node IPAM /24, not the /26 block the node's pods get addresses from", () => {
  const { world, run } = kubeSession(clusterSpec('calico'));
  const text = run('kubectl describe node n2').stdout;
  assert.match(text, /\nPodCIDR: {22}192\.168\.2\.0\/24\nPodCIDRs: {21}192\.168\.2\.0\/24\n/);
  const block = world.cluster.nodes.find((n) => n.name === 'n2')!.podCIDR;
  assert.match(block, /\/26$/);
  assert.equal(run('kubectl get node n2 -o jsonpath={.spec.podCIDR}').stdout, '192.168.2.0/24');
  // the control plane carries the system pods kubeadm and Calico put there, with their requests
  const cp = run('kubectl describe node cp').stdout;
  assert.match(cp, /\n {2}kube-system +kube-apiserver-cp +250m \(12%\) +0 \(0%\) +0 \(0%\) +0 \(0%\) +3d4h\n/);
  assert.match(cp, /\n {2}cpu {16}1100m \(55%\) {2}0 \(0%\)\n {2}memory {13}240Mi \(6%\) {3}340Mi \(8%\)\n/);
});

test('a node whose kubelet is down stops renewing its Lease', () => {
  const { world, run } = kubeSession(clusterSpec('calico', { faults: [{ kind: 'node-down', node: 'n1' }] } as never));
  world.control.advance(10 * 60_000);
  const text = run('kubectl describe node n1').stdout;
  const renew = /\n {2}RenewTime: {7}(.+)\n/.exec(text)?.[1];
  const ready = /\n {2}Ready {16}Unknown {3}\S.{30} {3}(.{31})/.exec(text)?.[1];
  assert.ok(renew && ready, text);
  assert.ok(Date.parse(renew) <= Date.parse(ready), `${renew} after ${ready}`);
  assert.ok(Date.parse(renew) < world.clock.now() - 60_000);
});

test('Quantity.String: canonical forms', () => {
  const f = (s: string) => formatQuantity(parseQuantity(s)!);
  assert.deepEqual(
    ['250m', '1000m', '2', '70Mi', '1024Ki', '1536Mi', '100M', '1k', '512', '0.5', '4005812Ki', '27922302236', '1e3'].map(f),
    ['250m', '1', '2', '70Mi', '1Mi', '1536Mi', '100M', '1k', '512', '500m', '4005812Ki', '27922302236', '1e3'],
  );
});

test('pod requests: containers summed, an init container raises them, a limit without a request is the request', () => {
  const pod = {
    spec: {
      containers: [{ resources: { requests: { cpu: '100m' } } }, { resources: { limits: { cpu: '200m', memory: '64Mi' } } }],
      initContainers: [{ resources: { requests: { cpu: '1' } } }],
    },
  } as unknown as KObject;
  const { requests, limits } = podRequestsAndLimits(pod);
  assert.equal(formatQuantity(requests.cpu), '1');
  assert.equal(formatQuantity(requests.memory), '64Mi');
  assert.equal(formatQuantity(limits.cpu), '200m');
});

test("the CNI agent's node annotations: Calico's address and tunnel address, flannel's vxlan lease", () => {
  const calico = kubeSession(clusterSpec('calico'));
  const n1 = calico.world.cluster.nodes.find((n) => n.name === 'n1')!;
  const tunnel = n1.podCIDR.replace(/\/26$/, '');
  const text = calico.run('kubectl describe node n1').stdout;
  assert.match(
    text,
    new RegExp(
      `\\n {20}projectcalico\\.org/IPv4Address: 10\\.0\\.0\\.12/24\\n {20}projectcalico\\.org/IPv4IPIPTunnelAddr: ${tunnel.replace(/\./g, '\\.')}\\n`,
    ),
  );
  // the tunnel address is tunl0's on that node
  const flannel = kubeSession(clusterSpec('flannel'));
  const ann = JSON.parse(
    flannel.run("kubectl get node n2 -o jsonpath='{.metadata.annotations.flannel\\.alpha\\.coreos\\.com/backend-data}'").stdout,
  );
  assert.equal(ann.VNI, 1);
  assert.match(ann.VtepMAC, /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
});
