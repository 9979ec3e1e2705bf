// `kubectl describe node` (reduced): identity, taints, conditions, addresses, system info, pod CIDRs, pods.
import type { KObject } from '../../../../api/types.ts';
import { age } from '../../../../api/duration.ts';
import type { Kube } from '../kube.ts';
import { nodeRoles } from '../../../../api/printers/node.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels, rfc1123z } from './writer.ts';

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
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.write(1, `Kernel Version:\t${info.kernelVersion ?? ''}\n`);
  w.write(1, `OS Image:\t${info.osImage ?? ''}\n`);
  w.write(1, `Operating System:\t${info.operatingSystem ?? 'linux'}\n`);
  w.write(1, `Architecture:\t${info.architecture ?? 'amd64'}\n`);
  w.write(1, `Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
  w.write(1, `Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  const pods = k.api
    .list('Pod', { fieldSelector: { 'spec.nodeName': node.metadata.name } })
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\tAge\n');
  w.write(1, '---------\t----\t---\n');
  for (const p of pods) w.write(1, `${p.metadata.namespace ?? ''}\t${p.metadata.name}\t${age(p.metadata.creationTimestamp, k.now())}\n`);
}
