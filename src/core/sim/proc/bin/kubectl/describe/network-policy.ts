// `kubectl describe networkpolicy`: kubectl v1.32's describeNetworkPolicy / describeNetworkPolicySpec
// (kubernetes/kubectl pkg/describe/describe.go, v0.32.9), without events (its describer lists none).
import { formatSelector } from '../../../../api/selector.ts';
import type { KObject, LabelSelector } from '../../../../api/types.ts';
import type { NetworkPolicyPeer, NetworkPolicyPort, NetworkPolicySpec } from '../../../../net/policy/types.ts';
import type { Kube } from '../kube.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels } from './writer.ts';

/** metav1.FormatLabelSelector: the selector's String(), "<none>" when empty. */
function formatLabelSelector(sel: LabelSelector | undefined): string {
  return formatSelector(sel ?? {}) || '<none>';
}

/** metav1.Time printed with %s: Go's time.Time.String() ("2006-01-02 15:04:05 +0000 UTC"; kubectl's TZ is UTC here). */
function goTimeString(ts: string | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  return `${ts.replace('T', ' ').replace(/Z$/, '')} +0000 UTC`;
}

/** An *intstr.IntOrString with %s: its String(), "<nil>" when unset. */
function portText(p: NetworkPolicyPort): string {
  return p.port === undefined || p.port === null ? '<nil>' : String(p.port);
}

function printPorts(w: DescribeWriter, ports: NetworkPolicyPort[] | undefined, indent: string): void {
  if (!ports || ports.length === 0) {
    w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const p of ports) {
    const proto = p.protocol ?? 'TCP';
    if (p.endPort === undefined || p.endPort === null) w.write(0, `${indent}To Port: ${portText(p)}/${proto}\n`);
    else w.write(0, `${indent}To Port Range: ${portText(p)}-${p.endPort}/${proto}\n`);
  }
}

function printPeers(w: DescribeWriter, peers: NetworkPolicyPeer[] | undefined, indent: string, title: 'From' | 'To'): void {
  if (!peers || peers.length === 0) {
    w.write(
      0,
      `${indent}${title === 'From' ? 'From: <any> (traffic not restricted by source)' : 'To: <any> (traffic not restricted by destination)'}\n`,
    );
    return;
  }
  for (const p of peers) {
    w.write(0, `${indent}${title}:\n`);
    if (p.podSelector && p.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(p.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(p.podSelector)}\n`);
    } else if (p.podSelector) {
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(p.podSelector)}\n`);
    } else if (p.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(p.namespaceSelector)}\n`);
    } else if (p.ipBlock) {
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${p.ipBlock.cidr}\n`);
      w.write(2, `${indent}Except: ${(p.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

function printRules(
  w: DescribeWriter,
  rules: { ports?: NetworkPolicyPort[]; peers?: NetworkPolicyPeer[] }[],
  direction: 'ingress' | 'egress',
): void {
  const indent = '    ';
  if (rules.length === 0) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((r, i) => {
    printPorts(w, r.ports, indent);
    printPeers(w, r.peers, indent, direction === 'ingress' ? 'From' : 'To');
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicySpec(w: DescribeWriter, spec: NetworkPolicySpec): void {
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  const sel = spec.podSelector ?? {};
  if (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0) {
    w.write(2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  } else {
    w.write(2, `${formatLabelSelector(sel)}\n`);
  }
  const types = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    printRules(
      w,
      (spec.ingress ?? []).map((r) => ({ ports: r.ports, peers: r.from })),
      'ingress',
    );
  } else {
    w.write(1, 'Not affecting ingress traffic\n');
  }
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    printRules(
      w,
      (spec.egress ?? []).map((r) => ({ ports: r.ports, peers: r.to })),
      'egress',
    );
  } else {
    w.write(1, 'Not affecting egress traffic\n');
  }
  w.write(1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
}

export function describeNetworkPolicy(_k: Kube, w: DescribeWriter, np: KObject): void {
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
  w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', np.metadata.labels);
  printAnnotations(w, 'Annotations', np.metadata.annotations);
  describeNetworkPolicySpec(w, (np.spec ?? {}) as NetworkPolicySpec);
}

/** Kinds whose kubectl describer prints no Events section. */
export const DESCRIBE_WITHOUT_EVENTS = new Set(['NetworkPolicy']);
