// NetworkPolicy evaluation: which policies isolate a pod per direction, and whether a rule of theirs allows a peer
// on a port/protocol. The semantics are the API's (kubernetes/kubernetes pkg/apis/networking/types.go):
// - a pod is isolated for a direction when some policy in its namespace selects it and lists that policyType;
//   the allowed traffic is then the union of every such policy's rules (policies never deny, they only allow);
// - a rule with no `from`/`to` allows every peer; with no `ports` every port and protocol;
// - a peer with podSelector alone selects pods of the policy's namespace, namespaceSelector alone every pod of the
//   selected namespaces, both together (one peer) pods matching both (AND); several peers or rules are OR;
// - ipBlock matches addresses in `cidr` not in any `except` (pod IPs too: upstream e2e "should enforce except clause
//   while egress access to server in CIDR block" puts a pod IP in except);
// - a named port matches the destination pod's container port of that name and protocol; endPort makes a range.
import type { Store } from '../../api/store.ts';
import type { KObject, Pod } from '../../api/types.ts';
import { matchesSelector } from '../../api/selector.ts';
import { containsIp, parseCidr, parseIp } from '../cidr.ts';
import type {
  DirectionVerdict,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  PolicyAllow,
  PolicyDirection,
  PolicyPeer,
  PolicyTraffic,
} from './types.ts';

/** The policy types a spec has, as the API server defaults them when unset (SetDefaults_NetworkPolicy). */
export function policyTypesOf(np: NetworkPolicy): ('Ingress' | 'Egress')[] {
  const t = np.spec?.policyTypes;
  if (t && t.length) return t;
  return np.spec?.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function key(o: KObject): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}

/** The destination pod's container port of that name and protocol (named ports), if any. */
function namedPort(pod: Pod | undefined, name: string, proto: string): number | undefined {
  for (const c of pod?.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

function portMatches(ports: NetworkPolicyPort[] | undefined, t: PolicyTraffic, dstPod: Pod | undefined): boolean {
  if (!ports || ports.length === 0) return true;
  if (t.proto === 'ICMP') return false;
  for (const p of ports) {
    if ((p.protocol ?? 'TCP') !== t.proto) continue;
    if (p.port === undefined || p.port === null) return true;
    if (typeof p.port === 'string') {
      if (/^[0-9]+$/.test(p.port)) {
        if (Number(p.port) === t.port) return true;
        continue;
      }
      if (namedPort(dstPod, p.port, t.proto) === t.port) return true;
      continue;
    }
    const end = typeof p.endPort === 'number' ? p.endPort : p.port;
    if (t.port >= p.port && t.port <= end) return true;
  }
  return false;
}

function inIpBlock(block: NonNullable<NetworkPolicyPeer['ipBlock']>, ip: string): boolean {
  const a = parseIp(ip);
  const c = parseCidr(block.cidr ?? '');
  if (a === undefined || !c || !containsIp(c, a)) return false;
  for (const e of block.except ?? []) {
    const x = parseCidr(e);
    if (x && containsIp(x, a)) return false;
  }
  return true;
}

/**
 * Policies, pods and namespaces as the dataplane reads them. Rebuilt lazily when a NetworkPolicy, Pod or Namespace
 * changes, so a label change applies to the next connection at once.
 */
export class PolicyIndex {
  private version = '';
  /** The store's version at the last refresh: while nothing at all was written, nothing needs a look. */
  private seen = -1;
  private byNamespace = new Map<string, NetworkPolicy[]>();
  private selecting = new Map<string, { ingress: NetworkPolicy[]; egress: NetworkPolicy[] }>();

  constructor(private readonly store: Store) {}

  private refresh(): void {
    if (this.store.version === this.seen) return;
    this.seen = this.store.version;
    const v = `${this.store.kindVersion('NetworkPolicy')}/${this.store.kindVersion('Pod')}/${this.store.kindVersion('Namespace')}`;
    if (v === this.version) return;
    this.version = v;
    this.byNamespace = new Map();
    this.selecting = new Map();
    for (const np of this.store.scan<NetworkPolicy>('NetworkPolicy')) {
      const ns = np.metadata.namespace ?? 'default';
      const list = this.byNamespace.get(ns);
      if (list) list.push(np);
      else this.byNamespace.set(ns, [np]);
    }
  }

  /** True if there is at least one NetworkPolicy anywhere (the walk skips every check otherwise). */
  any(): boolean {
    this.refresh();
    return this.byNamespace.size > 0;
  }

  /** The policies that select the pod, per direction they isolate, sorted by namespace/name. */
  selectingPod(pod: Pod): { ingress: NetworkPolicy[]; egress: NetworkPolicy[] } {
    this.refresh();
    const k = key(pod);
    const hit = this.selecting.get(k);
    if (hit) return hit;
    const out = { ingress: [] as NetworkPolicy[], egress: [] as NetworkPolicy[] };
    for (const np of this.byNamespace.get(pod.metadata.namespace ?? 'default') ?? []) {
      if (!matchesSelector(np.spec?.podSelector ?? {}, pod.metadata.labels)) continue;
      const types = policyTypesOf(np);
      if (types.includes('Ingress')) out.ingress.push(np);
      if (types.includes('Egress')) out.egress.push(np);
    }
    this.selecting.set(k, out);
    return out;
  }

  pod(namespace: string, name: string): Pod | undefined {
    return this.store.peek<Pod>('Pod', namespace, name);
  }

  private namespaceLabels(ns: string): Record<string, string> {
    return this.store.peek('Namespace', undefined, ns)?.metadata.labels ?? { 'kubernetes.io/metadata.name': ns };
  }

  private peerMatches(peer: NetworkPolicyPeer, policyNs: string, other: PolicyPeer): boolean {
    if (peer.ipBlock) return inIpBlock(peer.ipBlock, other.ip);
    if (!peer.podSelector && !peer.namespaceSelector) return false;
    const pod = other.pod;
    if (!pod) return false;
    if (peer.namespaceSelector) {
      if (!matchesSelector(peer.namespaceSelector, other.namespaceLabels ?? this.namespaceLabels(pod.namespace))) return false;
    } else if (pod.namespace !== policyNs) return false;
    return peer.podSelector ? matchesSelector(peer.podSelector, pod.labels) : true;
  }

  /** The first rule (in policy order, rule order, peer order) that allows `other` on this traffic. */
  private firstAllow(
    policies: NetworkPolicy[],
    direction: PolicyDirection,
    other: PolicyPeer,
    t: PolicyTraffic,
    dstPod: Pod | undefined,
  ): PolicyAllow | undefined {
    for (const np of policies) {
      const ns = np.metadata.namespace ?? 'default';
      const rules = direction === 'ingress' ? (np.spec?.ingress ?? []) : (np.spec?.egress ?? []);
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        const peers = direction === 'ingress' ? (rule as { from?: NetworkPolicyPeer[] }).from : (rule as { to?: NetworkPolicyPeer[] }).to;
        if (!portMatches(rule.ports, t, dstPod)) continue;
        if (!peers || peers.length === 0) return { policy: key(np), rule: i };
        const j = peers.findIndex((p) => this.peerMatches(p, ns, other));
        if (j >= 0) return { policy: key(np), rule: i, peer: j };
      }
    }
    return undefined;
  }

  /**
   * The verdict for `pod` in `direction`, where `other` is the far end (the source for ingress, the destination for
   * egress) and `t` the traffic after DNAT. `dstPod` is the pod named ports are resolved against.
   */
  verdict(direction: PolicyDirection, pod: Pod, other: PolicyPeer, t: PolicyTraffic, dstPod: Pod | undefined): DirectionVerdict {
    const name = key(pod);
    const policies = this.selectingPod(pod)[direction];
    if (policies.length === 0) return { direction, pod: name, kind: 'not-isolated' };
    const isolatedBy = policies.map(key);
    const by = this.firstAllow(policies, direction, other, t, dstPod);
    return by ? { direction, pod: name, kind: 'allowed', isolatedBy, by } : { direction, pod: name, kind: 'denied', isolatedBy };
  }

  /** The policy object by "namespace/name" (for explanations). */
  policy(ref: string): NetworkPolicy | undefined {
    const [ns, name] = ref.split('/');
    return this.store.peek<NetworkPolicy>('NetworkPolicy', ns, name);
  }
}
