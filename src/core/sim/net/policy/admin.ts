// AdminNetworkPolicy and BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1, kubernetes-sigs/network-policy-api
// apis/v1alpha1/adminnetworkpolicy_types.go, baselineadminnetworkpolicy_types.go, shared_types.go): the cluster-scoped
// tiers around NetworkPolicy. Semantics modelled:
// - ANPs are evaluated by `spec.priority`, lower number first (0–1000); within a policy, rules in order; the first rule
//   whose peers and ports match decides: Allow (accepted, NetworkPolicy is not consulted), Deny (dropped), Pass (skip
//   the remaining ANP rules: NetworkPolicy, then BANP, decide). Two ANPs at the same priority are undefined upstream
//   ("the behavior is undefined"); the model breaks the tie by name, so it stays deterministic.
// - BANP: the singleton named `default`; consulted only when no ANP rule decided (or one passed) and no NetworkPolicy
//   isolates the pod in that direction; actions Allow / Deny.
// - subject and peers: `namespaces` (pods of the selected namespaces) or `pods` (namespaceSelector AND podSelector);
//   host-network pods are not pods for these peers; egress `networks` peers match CIDRs. `nodes` and `domainNames`
//   (experimental) are not modelled and match nothing.
// - ports: `portNumber` {protocol, port}, `namedPort` (resolved on the destination pod's container ports), `portRange`
//   {protocol, start, end} inclusive; a rule without ports matches every port and protocol.
import type { Store } from '../../api/store.ts';
import type { KObject, LabelSelector, Pod } from '../../api/types.ts';
import { matchesSelector } from '../../api/selector.ts';
import { containsIp, parseCidr, parseIp } from '../cidr.ts';
import type { PolicyDirection, PolicyPeer, PolicyTraffic } from './types.ts';

export type AdminAction = 'Allow' | 'Deny' | 'Pass';
export type AdminTier = 'anp' | 'banp';

export interface NamespacedPod {
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
}

export interface AdminSubject {
  namespaces?: LabelSelector;
  pods?: NamespacedPod;
}

export interface AdminPeer extends AdminSubject {
  /** Egress only: CIDRs. */
  networks?: string[];
  nodes?: LabelSelector;
  domainNames?: string[];
}

export interface AdminPort {
  portNumber?: { protocol?: string; port: number };
  namedPort?: string;
  portRange?: { protocol?: string; start: number; end: number };
}

export interface AdminRule {
  name?: string;
  action: AdminAction;
  from?: AdminPeer[];
  to?: AdminPeer[];
  ports?: AdminPort[];
}

export interface AdminNetworkPolicy extends KObject {
  spec: { priority?: number; subject?: AdminSubject; ingress?: AdminRule[]; egress?: AdminRule[] };
}

/** The rule of an admin tier that matched: its policy, index, name and action. */
export interface AdminMatch {
  tier: AdminTier;
  policy: string;
  priority?: number;
  rule: number;
  ruleName: string;
  action: AdminAction;
}

function namedPort(pod: Pod | undefined, name: string, proto: string): number | undefined {
  for (const c of pod?.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

/** AdminNetworkPolicyPort matching (shared_types.go): exactly one of portNumber, namedPort, portRange per entry. */
export function adminPortsMatch(ports: AdminPort[] | undefined, t: PolicyTraffic, dstPod: Pod | undefined): boolean {
  if (!ports || ports.length === 0) return true;
  if (t.proto === 'ICMP') return false;
  for (const p of ports) {
    if (p.portNumber) {
      if ((p.portNumber.protocol ?? 'TCP') === t.proto && p.portNumber.port === t.port) return true;
    } else if (p.portRange) {
      if ((p.portRange.protocol ?? 'TCP') === t.proto && t.port >= p.portRange.start && t.port <= p.portRange.end) return true;
    } else if (p.namedPort !== undefined) {
      if (namedPort(dstPod, p.namedPort, t.proto) === t.port) return true;
    }
  }
  return false;
}

/** The index of admin policies, rebuilt when one of them, a Pod or a Namespace changes. */
export class AdminIndex {
  private version = '';
  /** The store's version at the last refresh: while nothing at all was written, nothing needs a look. */
  private seen = -1;
  private anps: AdminNetworkPolicy[] = [];
  private banp: AdminNetworkPolicy | undefined;

  constructor(private readonly store: Store) {}

  private refresh(): void {
    if (this.store.version === this.seen) return;
    this.seen = this.store.version;
    const v = `${this.store.kindVersion('AdminNetworkPolicy')}/${this.store.kindVersion('BaselineAdminNetworkPolicy')}`;
    if (v === this.version) return;
    this.version = v;
    this.anps = this.store
      .scan<AdminNetworkPolicy>('AdminNetworkPolicy')
      .slice()
      .sort(
        (a, b) =>
          (a.spec?.priority ?? 0) - (b.spec?.priority ?? 0) ||
          (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0),
      );
    this.banp = this.store.peek<AdminNetworkPolicy>('BaselineAdminNetworkPolicy', undefined, 'default');
  }

  any(): boolean {
    this.refresh();
    return this.anps.length > 0 || this.banp !== undefined;
  }

  private namespaceLabels(ns: string): Record<string, string> {
    return this.store.peek('Namespace', undefined, ns)?.metadata.labels ?? { 'kubernetes.io/metadata.name': ns };
  }

  /** Does a subject (or a namespaces/pods peer) select this pod? */
  private selects(s: AdminSubject | undefined, pod: { namespace: string; labels: Record<string, string> }): boolean {
    if (!s) return false;
    if (s.namespaces) return matchesSelector(s.namespaces, this.namespaceLabels(pod.namespace));
    if (s.pods)
      return (
        matchesSelector(s.pods.namespaceSelector ?? {}, this.namespaceLabels(pod.namespace)) &&
        matchesSelector(s.pods.podSelector ?? {}, pod.labels)
      );
    return false;
  }

  private peerMatches(peer: AdminPeer, other: PolicyPeer): boolean {
    if (peer.networks) {
      const a = parseIp(other.ip);
      return (
        a !== undefined &&
        peer.networks.some((n) => {
          const c = parseCidr(n);
          return c !== undefined && containsIp(c, a);
        })
      );
    }
    if (peer.namespaces || peer.pods) return other.pod !== undefined && this.selects(peer, other.pod);
    return false;
  }

  private firstRule(
    tier: AdminTier,
    p: AdminNetworkPolicy,
    direction: PolicyDirection,
    other: PolicyPeer,
    t: PolicyTraffic,
    dstPod: Pod | undefined,
  ): AdminMatch | undefined {
    const rules = (direction === 'ingress' ? p.spec?.ingress : p.spec?.egress) ?? [];
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      const peers = (direction === 'ingress' ? r.from : r.to) ?? [];
      if (!adminPortsMatch(r.ports, t, dstPod)) continue;
      if (!peers.some((x) => this.peerMatches(x, other))) continue;
      return {
        tier,
        policy: p.metadata.name,
        priority: tier === 'anp' ? (p.spec?.priority ?? 0) : undefined,
        rule: i,
        ruleName: r.name ?? '',
        action: r.action,
      };
    }
    return undefined;
  }

  /** The first ANP rule (by priority, then rule order) that matches this connection for `pod` in `direction`. */
  anpMatch(direction: PolicyDirection, pod: Pod, other: PolicyPeer, t: PolicyTraffic, dstPod: Pod | undefined): AdminMatch | undefined {
    this.refresh();
    const me = { namespace: pod.metadata.namespace ?? 'default', labels: pod.metadata.labels ?? {} };
    for (const p of this.anps) {
      if (!this.selects(p.spec?.subject, me)) continue;
      const m = this.firstRule('anp', p, direction, other, t, dstPod);
      if (m) return m;
    }
    return undefined;
  }

  /** The first rule of the BANP `default` that matches, if it selects the pod. */
  banpMatch(direction: PolicyDirection, pod: Pod, other: PolicyPeer, t: PolicyTraffic, dstPod: Pod | undefined): AdminMatch | undefined {
    this.refresh();
    const b = this.banp;
    if (!b || !this.selects(b.spec?.subject, { namespace: pod.metadata.namespace ?? 'default', labels: pod.metadata.labels ?? {} }))
      return undefined;
    return this.firstRule('banp', b, direction, other, t, dstPod);
  }

  /** The rule object of a match (for explanations). */
  rule(m: AdminMatch, direction: PolicyDirection): AdminRule | undefined {
    this.refresh();
    const p = m.tier === 'banp' ? this.banp : this.anps.find((x) => x.metadata.name === m.policy);
    return (direction === 'ingress' ? p?.spec?.ingress : p?.spec?.egress)?.[m.rule];
  }
}
