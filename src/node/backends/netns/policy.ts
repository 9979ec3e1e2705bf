// NetworkPolicy as filter rules on each node, rendered from the policy objects (not from the simulator's verdicts), the
// way Calico's Felix lays them out: per-workload chains on the host side of each pod's veth, in the filter table,
// after kube-proxy's DNAT (nat PREROUTING) and before its MASQUERADE (nat POSTROUTING). Felix's structure
// (projectcalico/calico felix/rules: cali-FORWARD → cali-from-wl-dispatch (-i cali…) → cali-fw-<iface> for egress,
// cali-to-wl-dispatch (-o cali…) → cali-tw-<iface> for ingress; a policy's allow sets mark 0x10000 and the endpoint
// chain returns on it, else drops); the chain names here are podlab's own (PLAB-…).
//
// Semantics, as the API defines them (kubernetes/kubernetes pkg/apis/networking/types.go): a pod is isolated for a
// direction when a policy of its namespace selects it and lists that policyType (defaults: Ingress, plus Egress when
// the spec has egress rules); the allowed traffic is the union of their rules; a rule without peers allows every peer,
// without ports every port and protocol; podSelector alone: pods of the policy's namespace; namespaceSelector alone:
// every pod of the selected namespaces; both: AND; ipBlock: cidr minus except (pod addresses too); a named port is the
// destination pod's container port of that name and protocol; endPort makes a range. Never subject to policy: a pod
// to itself, and its own node to it (the node's own packets to a local pod leave by OUTPUT, which carries no hook
// here). Replies and ICMP errors of allowed connections pass (conntrack ESTABLISHED, RELATED).
import { matchesSelector, type NetModel, type NsModel, type PolicyModel, type PolicyPeerModel, type PolicyPortModel } from './model.ts';

/** The mark a rule sets when it allows a packet (Calico uses 0x10000; kube-proxy 0x4000 and 0x8000). */
const ALLOW = '0x20000';

/** The host side of a pod's veth (the name of its eth0's peer), where its policy chains hook. */
function hostVeth(pod: NsModel): string | undefined {
  return pod.interfaces.find((i) => i.name === 'eth0')?.peer?.name;
}

function typesOf(np: PolicyModel): ('Ingress' | 'Egress')[] {
  const t = np.spec.policyTypes;
  if (t && t.length) return t;
  return np.spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function namespaceLabels(model: NetModel, ns: string): Record<string, string> {
  return model.namespaces.find((n) => n.name === ns)?.labels ?? { 'kubernetes.io/metadata.name': ns };
}

function podNamespace(p: NsModel): string {
  return p.ref.kind === 'pod' ? p.ref.namespace : '';
}

/** The pods a peer selects (podSelector / namespaceSelector), for a policy of namespace `policyNs`. */
function selectedPods(model: NetModel, peer: PolicyPeerModel, policyNs: string): NsModel[] {
  return model.pods.filter((p) => {
    const ns = podNamespace(p);
    if (peer.namespaceSelector) {
      if (!matchesSelector(peer.namespaceSelector, namespaceLabels(model, ns))) return false;
    } else if (ns !== policyNs) return false;
    return peer.podSelector ? matchesSelector(peer.podSelector, p.labels ?? {}) : true;
  });
}

/**
 * The port matches of a rule: `-p proto [--dport a[:b]]` words, with `-d ip/32` for a named port of an egress rule
 * (resolved per destination pod); undefined: every port and protocol.
 */
function portSpecs(
  model: NetModel,
  ports: PolicyPortModel[] | undefined,
  direction: 'ingress' | 'egress',
  pod: NsModel,
): string[] | undefined {
  if (!ports || ports.length === 0) return undefined;
  const out: string[] = [];
  for (const p of ports) {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    if (p.port === undefined || p.port === null) {
      out.push(`-p ${proto}`);
      continue;
    }
    const numeric = typeof p.port === 'number' ? p.port : /^[0-9]+$/.test(p.port) ? Number(p.port) : undefined;
    if (numeric !== undefined) {
      const end = typeof p.port === 'number' && typeof p.endPort === 'number' ? p.endPort : numeric;
      out.push(`-p ${proto} -m ${proto} --dport ${end > numeric ? `${numeric}:${end}` : numeric}`);
      continue;
    }
    // A named port: the destination pod's container port of that name and protocol.
    const want = p.protocol ?? 'TCP';
    const named = (q: NsModel): number | undefined => q.containerPorts?.find((c) => c.name === p.port && c.protocol === want)?.port;
    if (direction === 'ingress') {
      const n = named(pod);
      if (n !== undefined) out.push(`-p ${proto} -m ${proto} --dport ${n}`);
    } else {
      for (const q of model.pods) {
        const n = named(q);
        if (n !== undefined) out.push(`-d ${q.ip}/32 -p ${proto} -m ${proto} --dport ${n}`);
      }
    }
  }
  return out;
}

export interface PolicyRules {
  /** The node namespace's filter additions (iptables-restore --noflush input), or undefined when no pod there is isolated. */
  rules?: string;
  /** Pods isolated on this node, per direction ("default/web ingress"), for notes and tests. */
  isolated: string[];
}

/** The filter rules enforcing every NetworkPolicy for the pods of `node`. */
export function renderPolicies(model: NetModel, node: string): PolicyRules {
  const chains: string[] = [];
  const lines: string[] = [];
  const isolated: string[] = [];
  const hooks: { dev: string; dir: 'ingress' | 'egress'; chain: string }[] = [];
  const pods = model.pods.filter((p) => p.node === node);
  pods.forEach((pod, n) => {
    const dev = hostVeth(pod);
    const ns = podNamespace(pod);
    if (!dev) return;
    for (const dir of ['egress', 'ingress'] as const) {
      const policies = model.policies.filter(
        (np) =>
          np.namespace === ns &&
          matchesSelector(np.spec.podSelector ?? {}, pod.labels ?? {}) &&
          typesOf(np).includes(dir === 'ingress' ? 'Ingress' : 'Egress'),
      );
      if (policies.length === 0) continue;
      isolated.push(`${ns}/${pod.ref.kind === 'pod' ? pod.ref.pod : ''} ${dir}`);
      const chain = `PLAB-${dir === 'ingress' ? 'TW' : 'FW'}-${n}`;
      const far = dir === 'ingress' ? '-s' : '-d';
      chains.push(chain);
      hooks.push({ dev, dir, chain });
      lines.push(`-A ${chain} -j MARK --set-xmark 0x0/${ALLOW}`);
      // A pod to itself (through a Service: hairpin) is never subject to policy.
      lines.push(`-A ${chain} ${far} ${pod.ip}/32 -j RETURN`);
      let k = 0;
      for (const np of policies) {
        const rules = dir === 'ingress' ? (np.spec.ingress ?? []) : (np.spec.egress ?? []);
        for (const rule of rules) {
          const peers = dir === 'ingress' ? (rule as { from?: PolicyPeerModel[] }).from : (rule as { to?: PolicyPeerModel[] }).to;
          const ports = portSpecs(model, rule.ports, dir, pod);
          if (ports && ports.length === 0) continue;
          const allow = `${chain}-R${k++}`;
          chains.push(allow);
          for (const p of ports ?? ['']) lines.push(`-A ${allow}${p ? ` ${p}` : ''} -j MARK --set-xmark ${ALLOW}/${ALLOW}`);
          if (!peers || peers.length === 0) {
            lines.push(`-A ${chain} -j ${allow}`);
            continue;
          }
          peers.forEach((peer, j) => {
            if (peer.ipBlock) {
              const block = `${allow}-B${j}`;
              chains.push(block);
              for (const e of peer.ipBlock.except ?? []) lines.push(`-A ${block} ${far} ${e} -j RETURN`);
              lines.push(`-A ${block} ${far} ${peer.ipBlock.cidr} -j ${allow}`);
              lines.push(`-A ${chain} -j ${block}`);
              return;
            }
            if (!peer.podSelector && !peer.namespaceSelector) return;
            for (const q of selectedPods(model, peer, np.namespace)) lines.push(`-A ${chain} ${far} ${q.ip}/32 -j ${allow}`);
          });
        }
      }
      lines.push(`-A ${chain} -m mark --mark ${ALLOW}/${ALLOW} -j RETURN`, `-A ${chain} -j DROP`);
    }
  });
  if (hooks.length === 0) return { isolated };
  // Egress is judged where the pod's packet enters the node (forwarded, or for the node itself), ingress where the
  // node forwards a packet to the pod; replies and ICMP errors of allowed connections pass first.
  const head = (c: string) => [`-A ${c} -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN`];
  const fwd = [...head('PLAB-FORWARD'), ...hooks.map((h) => `-A PLAB-FORWARD ${h.dir === 'egress' ? '-i' : '-o'} ${h.dev} -j ${h.chain}`)];
  const input = [...head('PLAB-INPUT'), ...hooks.filter((h) => h.dir === 'egress').map((h) => `-A PLAB-INPUT -i ${h.dev} -j ${h.chain}`)];
  const text = [
    '*filter',
    ':PLAB-FORWARD - [0:0]',
    ':PLAB-INPUT - [0:0]',
    ...chains.map((c) => `:${c} - [0:0]`),
    '-I FORWARD 1 -j PLAB-FORWARD',
    '-I INPUT 1 -j PLAB-INPUT',
    ...fwd,
    ...input,
    ...lines,
    'COMMIT',
    '',
  ].join('\n');
  return { rules: text, isolated };
}
