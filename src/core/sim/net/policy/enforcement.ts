// Who enforces NetworkPolicy, per CNI model, and the two checks the packet walk makes (egress where a pod's packet
// enters its node, ingress before the node hands a packet to a local pod).
//
// - Calico: Felix programs per-workload chains on the host side of each pod's veth (`cali…`): packets from the pod
//   run the pod's egress policy (cali-fw-…), packets to it its ingress policy (cali-tw-…); both in the filter table,
//   after kube-proxy's DNAT (PREROUTING) and before its MASQUERADE (POSTROUTING). A denied packet is dropped silently.
// - kindnet: the modelled kindnetd (v20241108-5c6d2daf, kind v0.25) embeds sigs.k8s.io/kube-network-policies:
//   network policy support arrived in kind v0.24.0 (kubernetes-sigs/kind#3612, "Kindnet network policies";
//   kubernetes-sigs/kind#842 "This is available now, in v0.24.0"). It queues new connections to userspace from the
//   forward hook and drops the denied ones, so a denied connection times out as with Calico.
// - flannel: no policy engine at all (flannel-io/flannel: "Flannel is focused on networking. For network policy,
//   other projects such as Calico can be used"). The objects are accepted and do nothing.
//
// Never subject to policy: a pod talking to itself, and its own node talking to it (kubernetes.io NetworkPolicy docs,
// "What you can't do": pods cannot block localhost access, nor access from their resident node). Replies of an
// allowed connection are conntrack state and pass (the walk checks requests only).
import type { CniModel } from '../../../lesson/model.ts';
import type { Pod } from '../../api/types.ts';
import type { Netns } from '../fabric.ts';
import type { Attachment, NetState } from '../state.ts';
import { AdminIndex, type AdminMatch } from './admin.ts';
import { PolicyIndex } from './evaluate.ts';
import type { ExplainContext } from './explain.ts';
import type { DirectionVerdict, PolicyPeer, PolicyTraffic } from './types.ts';

export interface PolicyEngine {
  /** Drops what policy denies. */
  enforces: boolean;
  /** Enforces AdminNetworkPolicy (policy.networking.k8s.io/v1alpha1). */
  anp: boolean;
  /** Enforces the BaselineAdminNetworkPolicy `default`. */
  banp: boolean;
  /** For sentences: "Calico", "kindnet (kube-network-policies)", "flannel". */
  name: string;
}

// Admin tiers (AdminNetworkPolicy, BaselineAdminNetworkPolicy):
// - Calico, modelled at v3.29.1 (calico/node:v3.29.1 in sim/control/system-workloads.ts): v3.29.0 introduced tiers
//   and "k8s AdminNetworkPolicy support" (release notes, projectcalico/calico#9404; implementation #9206: ANPs live in
//   the `adminnetworkpolicy` tier, order 1000, whose default action is Pass, ahead of the default tier holding
//   NetworkPolicy). BaselineAdminNetworkPolicy came later (projectcalico/calico#9464 "Add support for
//   BaselineAdminNetworkPolicy", opened 2024-11-12 after v3.29.0, released with v3.30): v3.29.1 accepts the object
//   and does not enforce it.
// - kindnet: kindnetd wires kube-network-policies' ANP/BANP support behind --admin-network-policy and
//   --baseline-admin-network-policy, both "default false" (kindnetd main.go), and kind does not pass them: not enforced.
// - flannel: no policy engine at all.
export const POLICY_ENGINES: Record<CniModel, PolicyEngine> = {
  calico: { enforces: true, anp: true, banp: false, name: 'Calico' },
  kindnet: { enforces: true, anp: false, banp: false, name: 'kindnet (kube-network-policies)' },
  flannel: { enforces: false, anp: false, banp: false, name: 'flannel' },
};

/** The policy checks of one dataplane: the engine, the index of policies, and the attachments (pod by IP). */
export class PolicyGate implements ExplainContext {
  readonly index: PolicyIndex;
  readonly admin: AdminIndex;

  constructor(
    readonly engine: PolicyEngine,
    store: ConstructorParameters<typeof PolicyIndex>[0],
    private readonly state: NetState,
    /** The node that has this address, for host sources ("10.0.0.11 (node henry001)"). */
    private readonly nodeByIp: (ip: string) => string | undefined,
  ) {
    this.index = new PolicyIndex(store);
    this.admin = new AdminIndex(store);
  }

  get engineName(): string {
    return this.engine.name;
  }

  /** "10.0.1.1 (pod x/a)", "10.0.0.11 (node henry001)", or the bare address. */
  peerLabel(ip: string): string {
    const a = this.state.podByIp(ip);
    if (a) return `${ip} (pod ${a.namespace}/${a.pod})`;
    const node = this.nodeByIp(ip);
    return node ? `${ip} (node ${node})` : ip;
  }

  /** False when there is no NetworkPolicy nor admin policy at all: the walk then skips the checks. */
  active(): boolean {
    return this.index.any() || this.admin.any();
  }

  /**
   * The tiers in order (network-policy-api: ANP by priority → NetworkPolicy → BANP): an ANP Allow or Deny decides;
   * Pass (or no ANP rule) defers to NetworkPolicy; the BANP decides only where no NetworkPolicy isolates the pod in
   * this direction. A tier the engine does not enforce is skipped, and a Deny it would have given is kept as `ignored`.
   */
  private tiered(direction: 'ingress' | 'egress', pod: Pod, far: PolicyPeer, t: PolicyTraffic, dstPod: Pod | undefined): DirectionVerdict {
    const name = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    const e = this.engine;
    let passed: AdminMatch | undefined;
    let ignored: AdminMatch | undefined;
    const a = this.admin.anpMatch(direction, pod, far, t, dstPod);
    if (a && e.enforces && e.anp) {
      if (a.action === 'Allow')
        return { direction, pod: name, kind: 'allowed', isolatedBy: [], by: { policy: a.policy, rule: a.rule }, admin: a };
      if (a.action === 'Deny') return { direction, pod: name, kind: 'denied', isolatedBy: [], admin: a };
      passed = a;
    } else if (a?.action === 'Deny') ignored = a;
    const np = this.index.verdict(direction, pod, far, t, dstPod);
    if (np.kind === 'not-isolated') {
      const b = this.admin.banpMatch(direction, pod, far, t, dstPod);
      if (b && e.enforces && e.banp) {
        if (b.action === 'Allow')
          return { direction, pod: name, kind: 'allowed', isolatedBy: [], by: { policy: b.policy, rule: b.rule }, admin: b, passed };
        return { direction, pod: name, kind: 'denied', isolatedBy: [], admin: b, passed };
      }
      if (b?.action === 'Deny') ignored ??= b;
    }
    if (!passed && !ignored) return np;
    return { ...np, ...(passed ? { passed } : {}), ...(ignored ? { ignored } : {}) };
  }

  private podOf(a: Attachment | undefined): Pod | undefined {
    return a ? this.index.pod(a.namespace, a.pod) : undefined;
  }

  /** The far end as a policy sees it: an address, and its pod when it is a (non-hostNetwork) pod's address. */
  peerAt(ip: string): { peer: PolicyPeer; pod?: Pod } {
    const pod = this.podOf(this.state.podByIp(ip));
    if (!pod) return { peer: { ip } };
    return {
      peer: { ip, pod: { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, labels: pod.metadata.labels ?? {} } },
      pod,
    };
  }

  /** The egress verdict for a packet leaving `source` (a pod namespace) for t.dst:t.port, after DNAT. */
  egress(source: Netns, t: PolicyTraffic): DirectionVerdict | undefined {
    const pod = this.podOf(source.attachment);
    if (!pod) return undefined;
    const name = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
    if (t.dst === source.attachment?.ip) return { direction: 'egress', pod: name, kind: 'exempt', why: 'self' };
    const far = this.peerAt(t.dst);
    return this.tiered('egress', pod, far.peer, t, far.pod);
  }

  /**
   * The ingress verdict for a packet from t.src (as the destination's node sees it) to the local pod `dst`.
   * `fromHere`: the packet starts on this node (its own stack hands it to the pod, by OUTPUT); a node's connection that
   * left and came back (through another node's NodePort, masqueraded there) is forwarded like any other and judged.
   */
  ingress(dst: Attachment, t: PolicyTraffic, from: Netns, fromHere = true): DirectionVerdict | undefined {
    const pod = this.podOf(dst);
    if (!pod) return undefined;
    const name = `${dst.namespace}/${dst.pod}`;
    if (t.src === dst.ip) return { direction: 'ingress', pod: name, kind: 'exempt', why: 'self' };
    if (from.kind === 'node' && from.node === dst.node && fromHere)
      return { direction: 'ingress', pod: name, kind: 'exempt', why: 'own-node' };
    const far = this.peerAt(t.src);
    return this.tiered('ingress', pod, far.peer, t, pod);
  }

  /** The attachment of the pod that owns `ip` if it lives on `node` (where its ingress is checked). */
  localPod(ip: string, node: string | undefined): Attachment | undefined {
    const a = this.state.podByIp(ip);
    return a && a.node === node ? a : undefined;
  }
}
