// `kubectl describe node`, as describeNode and describeNodeResource (kubectl v1.32 pkg/describe/describe.go) print
// it: identity, taints, the node Lease, conditions, addresses, capacity and allocatable, system info, pod CIDRs, the
// non-terminated pods with their requests and limits, the node's allocated totals; events follow (cmd/describe.ts).
import type { KObject } from '../../../../api/types.ts';
import { age } from '../../../../api/duration.ts';
import type { Kube } from '../kube.ts';
import { nodeRoles } from '../../../../api/printers/node.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels, rfc1123z } from './writer.ts';
import { addQuantity, formatQuantity, milliValue, parseQuantity, value, ZERO, type Quantity } from './quantity.ts';

type ResourceList = Record<string, Quantity>;

interface Container {
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  restartPolicy?: string;
}

/** The kubelet renews its node Lease every 10 s (a quarter of the 40 s lease duration). */
const LEASE_RENEW_MS = 10_000;

function parseList(list: Record<string, string> | undefined): ResourceList {
  const out: ResourceList = {};
  for (const [name, text] of Object.entries(list ?? {})) {
    const q = parseQuantity(String(text));
    if (q) out[name] = q;
  }
  return out;
}

function addInto(total: ResourceList, add: ResourceList): void {
  for (const [name, q] of Object.entries(add)) total[name] = addQuantity(total[name], q);
}

function maxInto(total: ResourceList, other: ResourceList): void {
  for (const [name, q] of Object.entries(other)) if (!total[name] || milliValue(q) > milliValue(total[name])) total[name] = { ...q };
}

/**
 * PodRequestsAndLimits (kubectl pkg/util/resource): the containers' sum, raised to any single init container's,
 * plus overhead. A request left out where a limit is set is the limit (the apiserver defaults it so).
 */
export function podRequestsAndLimits(pod: KObject): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  const of = (c: Container) => {
    const l = parseList(c.resources?.limits);
    return { requests: { ...l, ...parseList(c.resources?.requests) }, limits: l };
  };
  for (const c of (pod.spec?.containers ?? []) as Container[]) {
    const r = of(c);
    addInto(requests, r.requests);
    addInto(limits, r.limits);
  }
  const sidecars: ResourceList[] = [];
  for (const c of (pod.spec?.initContainers ?? []) as Container[]) {
    const r = of(c);
    if (c.restartPolicy === 'Always') {
      addInto(requests, r.requests);
      addInto(limits, r.limits);
      sidecars.push(r.requests);
    } else {
      maxInto(requests, r.requests);
      maxInto(limits, r.limits);
    }
  }
  const overhead = parseList(pod.spec?.overhead as Record<string, string> | undefined);
  addInto(requests, overhead);
  if (Object.keys(limits).length) addInto(limits, overhead);
  return { requests, limits };
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));

/** The Lease section: the kubelet holds its node's Lease and renews it; a node whose kubelet is down stops renewing. */
function describeLease(k: Kube, w: DescribeWriter, node: KObject): void {
  const created = Date.parse(node.metadata.creationTimestamp ?? '');
  const ready = ((node.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]).find(
    (c) => c.type === 'Ready',
  );
  // node-lifecycle marks a node Unknown once its lease has gone unrenewed for the grace period
  const until = ready?.status === 'Unknown' ? Date.parse(ready.lastTransitionTime ?? '') : k.now();
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  if (Number.isNaN(created) || Number.isNaN(until)) return w.write(1, 'RenewTime:\t<unset>\n');
  const renew = created + Math.max(0, Math.floor((until - created) / LEASE_RENEW_MS)) * LEASE_RENEW_MS;
  w.write(1, `RenewTime:\t${rfc1123z(new Date(renew).toISOString())}\n`);
}

export function describeNode(k: Kube, w: DescribeWriter, node: KObject): void {
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${nodeRoles(node)}\n`);
  printLabels(w, 'Labels', node.metadata.labels);
  printAnnotations(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints: { key: string; value?: string; effect: string }[] = spec.taints ?? [];
  if (taints.length === 0) w.write(0, 'Taints:\t<none>\n');
  else taints.forEach((t, i) => w.write(0, `${i === 0 ? 'Taints:' : ''}\t${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
  w.write(0, `Unschedulable:\t${spec.unschedulable ? 'true' : 'false'}\n`);
  describeLease(k, w, node);
  const conditions: {
    type: string;
    status: string;
    reason?: string;
    message?: string;
    lastHeartbeatTime?: string;
    lastTransitionTime?: string;
  }[] = st.conditions ?? [];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of conditions) {
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`,
      );
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of (st.addresses ?? []) as { type: string; address: string }[]) w.write(1, `${a.type}:\t${a.address}\n`);
  const capacity = parseList(st.capacity);
  const allocatable = parseList(st.allocatable);
  const printList = (title: string, list: ResourceList) => {
    if (Object.keys(list).length === 0) return;
    w.write(0, `${title}:\n`);
    for (const name of Object.keys(list).sort()) w.write(0, `  ${name}:\t${formatQuantity(list[name])}\n`);
  };
  printList('Capacity', capacity);
  printList('Allocatable', allocatable);
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info.machineID ?? ''}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ''}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  const pods = k.api
    .list('Pod', { fieldSelector: { 'spec.nodeName': node.metadata.name } })
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  describeNodeResource(w, pods, Object.keys(allocatable).length ? allocatable : capacity, k.now());
}

function describeNodeResource(w: DescribeWriter, pods: KObject[], allocatable: ResourceList, nowMs: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const cpuAlloc = milliValue(allocatable.cpu ?? ZERO);
  const memAlloc = value(allocatable.memory ?? ZERO);
  const cell = (q: Quantity | undefined, whole: number, of: (q: Quantity) => number) =>
    `${formatQuantity(q ?? ZERO)} (${pct(of(q ?? ZERO), whole)}%)`;
  const reqs: ResourceList = {};
  const limits: ResourceList = {};
  for (const p of pods) {
    const r = podRequestsAndLimits(p);
    addInto(reqs, r.requests);
    addInto(limits, r.limits);
    w.write(
      1,
      `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t\t${cell(r.requests.cpu, cpuAlloc, milliValue)}\t${cell(r.limits.cpu, cpuAlloc, milliValue)}\t` +
        `${cell(r.requests.memory, memAlloc, value)}\t${cell(r.limits.memory, memAlloc, value)}\t${age(p.metadata.creationTimestamp, nowMs)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  const storageAlloc = value(allocatable['ephemeral-storage'] ?? ZERO);
  w.write(1, `cpu\t${cell(reqs.cpu, cpuAlloc, milliValue)}\t${cell(limits.cpu, cpuAlloc, milliValue)}\n`);
  w.write(1, `memory\t${cell(reqs.memory, memAlloc, value)}\t${cell(limits.memory, memAlloc, value)}\n`);
  w.write(
    1,
    `ephemeral-storage\t${cell(reqs['ephemeral-storage'], storageAlloc, value)}\t${cell(limits['ephemeral-storage'], storageAlloc, value)}\n`,
  );
  const standard = new Set(['cpu', 'memory', 'ephemeral-storage', 'storage', 'pods']);
  const names = Object.keys(allocatable).sort();
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) {
    const whole = value(allocatable[name]);
    w.write(1, `${name}\t${cell(reqs[name], whole, value)}\t${cell(limits[name], whole, value)}\n`);
  }
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !standard.has(n))) {
    w.write(1, `${name}\t${formatQuantity(reqs[name] ?? ZERO)}\t${formatQuantity(limits[name] ?? ZERO)}\n`);
  }
}
