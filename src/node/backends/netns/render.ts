// The renderer: the simulator's network model (NetModel) as the configuration that builds it in real Linux network
// namespaces: `ip` batch lines per namespace, `bridge fdb` lines, sysctls, iptables-restore text and the servers
// each namespace runs. Pure: it runs nothing, so it is tested without root; lab.ts executes a Plan.
//
// Layout (nothing in the host's namespace):
//   <prefix>-underlay  a bridge `br0`, one port per node (n0, n1 ...) and one for the router (r0): the node subnet
//   <prefix>-router    the node subnet's router: eth0 with the gateway address, `wan0` (a port-less bridge: packets sent there vanish) as its way out
//   <prefix>-n-<node>  a node's host namespace: the devices and main table the model lists
//   <prefix>-p-<ns>-<pod>  a pod's namespace
//
// Routes are installed from the text the simulator's `ip route` prints (formatRoute), after flushing the kernel's
// own connected routes, so the main table is the model's and nothing else. Substitutions, each said in `notes`:
//   - Calico's IPIP tunnel cannot be created here (no ipip module): routes `dev tunl0 ... onlink` are installed on
//     eth0 (Calico's no-encapsulation, BGP-routed mode: the same hops and TTLs), and a node's tunl0 address lives on
//     a port-less bridge named tunl0 (no dummy module here either); a pod's tunl0 (down, no address) is left out.
//   - flannel.1 is a real VXLAN device (VNI 1, UDP 8472, nolearning) with the neighbour and FDB entries flanneld
//     writes for every other node (github.com/flannel-io/flannel pkg/backend/vxlan: AddARP, AddFDB).
//
// kube-proxy: each node's iptables are restored from the very text the simulator's `iptables-save` prints on that
// node (NsModel.iptables, from net/kube-proxy-rules.ts), then the CNI's own rules are added with --noflush. Bridge
// ports get `hairpin on` (the bridge plugin's hairpinMode, which flannel's CNI config sets and `ip -d link` shows in
// the model) and bridged pod traffic goes through iptables (net.bridge.bridge-nf-call-iptables=1, br_netfilter):
// without both, a pod reaching itself or a pod on the same bridge through a ClusterIP gets no answer.
import type { Interface, Listener, NetModel, NsModel, Route } from './model.ts';
import { formatRoute } from './model.ts';
import { renderPolicies } from './policy.ts';

export const PREFIX = 'plab';

/** A namespace name of a run: `plab-<runId>-<rest>`. */
export function nsName(runId: string, rest: string): string {
  return `${PREFIX}-${runId}-${rest}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** True if `name` belongs to run `runId` (or to any podlab run if runId is undefined). */
export function ownedBy(name: string, runId?: string): boolean {
  return runId === undefined ? /^plab-[a-z0-9]+-/.test(name) : name.startsWith(`${PREFIX}-${runId}-`);
}

/** A command batch for one namespace: lines for `ip -n NS -batch -` or `bridge -n NS -batch -`. */
export interface Batch {
  ns: string;
  tool: 'ip' | 'bridge';
  lines: string[];
}

/** A server a namespace runs for one listener of the model. */
export interface ServerSpec {
  ns: string;
  id: string;
  port: number;
  protocol: 'TCP' | 'UDP';
  process: string;
  /** For HTTP listeners: the body a GET / gets (busybox httpd serves it). */
  httpBody?: string;
}

export interface Plan {
  runId: string;
  /** Every namespace, in creation order. */
  namespaces: string[];
  underlay: string;
  router: string;
  /** Model id ("node/henry002", "pod/default/web") → namespace name. */
  nsOf: Map<string, string>;
  /** Veth pairs, created from the underlay namespace (each end goes straight into its own namespace). */
  veths: string[];
  /** Per namespace: devices, attributes, addresses, routes, neighbours. */
  batches: Batch[];
  /** Per namespace, after the batches: FDB entries (flannel). */
  fdb: Batch[];
  sysctls: { ns: string; settings: string[] }[];
  /** Namespaces with a bridge whose traffic must go through iptables (net.bridge.bridge-nf-call-iptables=1). */
  bridgeNetfilter: string[];
  /**
   * iptables-restore input per namespace, in order: kube-proxy's rules as the simulator prints them (a full restore),
   * then with `noflush` the CNI's outgoing masquerade and a node-down fault's DROP policies.
   */
  iptables: IptablesInput[];
  servers: ServerSpec[];
  /**
   * NetworkPolicy is in the namespaces as the CNI would enforce it (Calico, kindnet: filter rules per pod veth;
   * flannel: nothing to enforce), so probes it decides are compared too. False when admin policies exist (not rendered).
   */
  policyRendered: boolean;
  /** Each route as installed, per namespace (the model's text, after substitutions), for checking. */
  expectedRoutes: Map<string, string[]>;
  /** What differs from the model on purpose, in sentences. */
  notes: string[];
}

export interface IptablesInput {
  ns: string;
  rules: string;
  /** iptables-restore --noflush: add to what is there. */
  noflush?: boolean;
  /** What the rules are, for messages: kube-proxy's, the CNI's, NetworkPolicy's, the router's. */
  what: 'kube-proxy' | 'cni' | 'policy' | 'router';
}

const VXLAN_PORT = 8472;

function addressOnly(cidr: string): string {
  return cidr.split('/')[0];
}

/** The route as installed: IPIP routes go over eth0 (Calico's routed, no-encapsulation mode). */
function installedRoute(r: Route, ipipDevs: Set<string>): Route {
  if (!ipipDevs.has(r.dev)) return r;
  return { ...r, dev: 'eth0' };
}

/** Routes without a gateway first (a gateway must be reachable when its route is added), each group in model order. */
function addOrder(routes: Route[]): Route[] {
  return [...routes.filter((r) => !r.via), ...routes.filter((r) => r.via)];
}

/** `link set` for a device's MAC, MTU, master and state. */
function linkSet(i: Interface): string[] {
  const parts = [`link set dev ${i.name}`];
  if (i.type !== 'loopback' && i.type !== 'ipip' && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(i.mac)) parts.push(`address ${i.mac}`);
  if (i.type !== 'loopback') parts.push(`mtu ${i.mtu}`);
  if (i.master) parts.push(`master ${i.master}`);
  if (i.state !== 'DOWN') parts.push('up');
  return [parts.join(' ')];
}

function podNsName(runId: string, ns: NsModel): string {
  return ns.ref.kind === 'pod' ? nsName(runId, `p-${ns.ref.namespace}-${ns.ref.pod}`) : nsName(runId, `n-${ns.node}`);
}

/** Build the plan for a model; `runId` names the run ([a-z0-9]+). */
export function renderPlan(model: NetModel, runId: string): Plan {
  if (!/^[a-z0-9]+$/.test(runId)) throw new Error(`bad run id "${runId}"`);
  const underlay = nsName(runId, 'underlay');
  const router = nsName(runId, 'router');
  const nsOf = new Map<string, string>();
  for (const ns of [...model.nodes, ...model.pods]) nsOf.set(ns.id, podNsName(runId, ns));
  const prefix = model.nodeCIDR.split('/')[1] ?? '24';
  const plan: Plan = {
    runId,
    namespaces: [underlay, router, ...nsOf.values()],
    underlay,
    router,
    nsOf,
    veths: [],
    batches: [],
    fdb: [],
    sysctls: [],
    bridgeNetfilter: [],
    iptables: [],
    servers: [],
    policyRendered: model.adminPolicies === 0,
    expectedRoutes: new Map(),
    notes: [],
  };

  // The node subnet: a bridge in the underlay namespace, the router on it.
  const ports = [...model.nodes.map((_, i) => `n${i}`), 'r0'];
  plan.veths.push(`link add eth0 index 2 netns ${router} type veth peer name r0 netns ${underlay}`);
  plan.batches.push({
    ns: underlay,
    tool: 'ip',
    lines: [
      'link set dev lo up',
      'link add br0 type bridge',
      'link set dev br0 up',
      ...ports.map((p) => `link set dev ${p} master br0 up`),
    ],
  });
  plan.batches.push({
    ns: router,
    tool: 'ip',
    lines: [
      'link set dev lo up',
      'link add wan0 type bridge',
      'link set dev wan0 up',
      'link set dev eth0 up',
      `addr add ${model.gateway}/${prefix} dev eth0`,
      'route flush table main',
      `route add ${model.nodeCIDR} dev eth0 proto kernel scope link src ${model.gateway}`,
      'route add default dev wan0',
    ],
  });
  plan.sysctls.push({ ns: router, settings: ['net.ipv4.ip_forward=1'] });
  // What leaves by wan0 vanishes, as in the model ("sent out of the simulated network, where nothing answers"):
  // without this rule the router would ARP for the destination on wan0 and, failing, answer ICMP host unreachable.
  plan.iptables.push({ ns: router, rules: '*filter\n-A FORWARD -o wan0 -j DROP\nCOMMIT\n', what: 'router' });

  let ipipNoted = false;
  const vteps = new Map<string, { mac: string; address: string; nodeIp: string }>();
  model.nodes.forEach((node, i) => {
    plan.veths.push(`link add eth0 index 2 netns ${nsOf.get(node.id)} type veth peer name n${i} netns ${underlay}`);
    const vtep = node.interfaces.find((x) => x.type === 'vxlan');
    if (vtep && vtep.addresses[0]) vteps.set(node.node, { mac: vtep.mac, address: addressOnly(vtep.addresses[0]), nodeIp: node.ip });
  });

  for (const ns of [...model.nodes, ...model.pods]) {
    const name = nsOf.get(ns.id) as string;
    const create: string[] = [];
    const set: string[] = [];
    const addrs: string[] = [];
    const ipipDevs = new Set<string>();
    for (const i of ns.interfaces) {
      if (i.type === 'loopback') {
        set.push('link set dev lo up');
        continue;
      }
      if (i.type === 'ipip') {
        ipipDevs.add(i.name);
        if (i.addresses.length === 0) continue;
        if (!ipipNoted) {
          plan.notes.push(
            "IPIP is not available here: Calico runs in its routed (no-encapsulation) mode; routes via tunl0 go over eth0 and tunl0 is a port-less bridge holding the node's tunnel address (same hops and TTLs; this kernel has no dummy module either).",
          );
          ipipNoted = true;
        }
        create.push(`link add ${i.name} index ${i.index} type bridge`);
      } else if (i.type === 'vxlan') {
        create.push(`link add ${i.name} index ${i.index} type vxlan id 1 local ${ns.ip} dev eth0 dstport ${VXLAN_PORT} nolearning`);
      } else if (i.type === 'bridge') {
        create.push(`link add ${i.name} index ${i.index} type bridge`);
      } else if (i.type === 'veth' && ns.kind === 'pod' && i.peer) {
        // The pair is created once, from the pod's side: eth0 in the pod, the host end in the node.
        plan.veths.push(
          `link add ${i.name} index ${i.index} netns ${name} type veth peer name ${i.peer.name} index ${i.peer.index} netns ${nsOf.get(`node/${ns.node}`)}`,
        );
      }
      set.push(...linkSet(i));
      // A bridge port hairpins (the bridge plugin's hairpinMode; the model's `ip -d link` prints "hairpin on").
      if (i.master && ns.interfaces.some((b) => b.name === i.master && b.type === 'bridge'))
        set.push(`link set dev ${i.name} type bridge_slave hairpin on`);
      for (const a of i.addresses) addrs.push(`addr add ${a} dev ${i.name}`);
    }
    const routes = ns.routes.map((r) => installedRoute(r, ipipDevs));
    plan.expectedRoutes.set(name, routes.map(formatRoute));
    const lines = [...create, ...set, ...addrs, 'route flush table main', ...addOrder(routes).map((r) => `route add ${formatRoute(r)}`)];
    // flannel: what flanneld writes for every other node's VTEP.
    if (ns.kind === 'node' && vteps.has(ns.node)) {
      const fdb: string[] = [];
      for (const [peer, v] of vteps) {
        if (peer === ns.node) continue;
        lines.push(`neigh replace ${v.address} lladdr ${v.mac} dev flannel.1 nud permanent`);
        fdb.push(`fdb append ${v.mac} dev flannel.1 dst ${v.nodeIp} self permanent`);
      }
      if (fdb.length) plan.fdb.push({ ns: name, tool: 'bridge', lines: fdb });
    }
    plan.batches.push({ ns: name, tool: 'ip', lines });

    const settings: string[] = [];
    if (ns.kind === 'node') settings.push('net.ipv4.ip_forward=1');
    // Calico: the host veth answers ARP for the pod's gateway 169.254.1.1 (proxy ARP, no delay).
    // github.com/projectcalico/calico cni-plugin/pkg/dataplane/linux/dataplane_linux.go configureSysctls
    for (const i of ns.interfaces) {
      if (ns.kind === 'node' && i.type === 'veth' && model.cni === 'calico')
        settings.push(`net.ipv4.conf.${i.name}.proxy_arp=1`, `net.ipv4.neigh.${i.name}.proxy_delay=0`);
    }
    if (settings.length) plan.sysctls.push({ ns: name, settings });
    if (ns.kind === 'node' && ns.interfaces.some((i) => i.type === 'bridge' && ns.interfaces.some((p) => p.master === i.name)))
      plan.bridgeNetfilter.push(name);
    // kube-proxy's rules, the text the simulator's iptables-save prints on this node.
    if (ns.iptables) plan.iptables.push({ ns: name, rules: ns.iptables, what: 'kube-proxy' });
    const rules: string[] = [];
    // The CNI's outgoing NAT, as the packet walk applies it (walk.ts): pod traffic forwarded out of the pod network
    // by the node's own link is masqueraded to the node's address (Calico natOutgoing, flannel --ip-masq, kindnet).
    if (ns.kind === 'node' && model.podCIDR)
      rules.push('*nat', `-A POSTROUTING -s ${model.podCIDR} ! -d ${model.podCIDR} -o eth0 -j MASQUERADE`, 'COMMIT');
    if (ns.down) rules.push('*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT DROP [0:0]', 'COMMIT');
    if (rules.length) plan.iptables.push({ ns: name, rules: `${rules.join('\n')}\n`, noflush: ns.iptables !== undefined, what: 'cni' });
    // NetworkPolicy, where the CNI enforces it (flannel has no policy engine).
    if (ns.kind === 'node' && plan.policyRendered && model.cni !== 'flannel' && model.policies.length) {
      const p = renderPolicies(model, ns.node);
      if (p.rules) plan.iptables.push({ ns: name, rules: p.rules, noflush: true, what: 'policy' });
    }
    for (const l of ns.listeners) plan.servers.push(serverFor(name, ns.id, l));
  }
  if (model.cni === 'flannel')
    plan.notes.push('flannel.1 is a real VXLAN device (VNI 1, UDP 8472) with the neighbour and FDB entries flanneld writes.');
  if (model.nodes.some((n) => n.down))
    plan.notes.push('A node-down fault is an iptables DROP policy on INPUT, FORWARD and OUTPUT in the node and its pods.');
  if (model.policies.length && model.cni !== 'flannel' && plan.policyRendered)
    plan.notes.push(
      "NetworkPolicy is rendered from the policy objects as filter rules on each pod's host veth (Calico's per-workload layout), so probes it decides are compared too.",
    );
  if (!plan.policyRendered)
    plan.notes.push(
      'AdminNetworkPolicy and BaselineAdminNetworkPolicy are not rendered: with them present no policy is installed, and probes policy drops in the simulator are not compared.',
    );
  if (model.nodes.some((n) => n.iptables))
    plan.notes.push(
      "kube-proxy's rules (iptables mode) are restored on every node from the text the simulator's iptables-save prints there; the CNI's masquerade is added after them.",
    );
  return plan;
}

function serverFor(ns: string, id: string, l: Listener): ServerSpec {
  const spec: ServerSpec = { ns, id, port: l.port, protocol: l.protocol, process: l.process };
  if (l.http && l.protocol === 'TCP') {
    try {
      spec.httpBody = l.http({ method: 'GET', path: '/', host: 'localhost', headers: {}, clientIp: '127.0.0.1', unlogged: true }).body;
    } catch {
      spec.httpBody = '';
    }
  }
  return spec;
}

/** The command a server runs (inside its namespace): busybox httpd for HTTP, socat echo otherwise. */
export function serverArgv(s: ServerSpec, wwwDir: string): string[] {
  if (s.httpBody !== undefined) return ['busybox', 'httpd', '-f', '-p', String(s.port), '-h', wwwDir];
  if (s.protocol === 'UDP') return ['socat', `UDP-RECVFROM:${s.port},fork`, 'EXEC:cat'];
  return ['socat', `TCP-LISTEN:${s.port},fork,reuseaddr`, 'EXEC:cat'];
}

/** Split an iptables-save rule line into words, keeping a quoted comment as one word (quotes included). */
function words(line: string): string[] {
  return line.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
}

/** The match modules (`-m X`) an iptables-restore text uses, in first-use order. */
export function matchModules(rules: string): string[] {
  const out = new Set<string>();
  for (const line of rules.split('\n')) {
    if (!line.startsWith('-A ')) continue;
    const w = words(line);
    for (let i = 0; i < w.length - 1; i++) if (w[i] === '-m') out.add(w[i + 1]);
  }
  return [...out];
}

/** Options that end a match's own options: the next match, the target, or a rule-level option. */
const RULE_OPTIONS = new Set(['-m', '-j', '-g', '-s', '-d', '-p', '-i', '-o', '-f', '--src', '--dst', '--protocol']);

/**
 * The text without match module `module` (`-m module` and its options) in every rule, for a kernel that lacks it.
 * A rule keeps its other matches and its target; the rule itself is never dropped.
 */
export function stripMatch(rules: string, module: string): string {
  return rules
    .split('\n')
    .map((line) => {
      if (!line.startsWith('-A ')) return line;
      const w = words(line);
      const out: string[] = [];
      for (let i = 0; i < w.length; i++) {
        if (w[i] === '-m' && w[i + 1] === module) {
          i += 2;
          while (i < w.length && !RULE_OPTIONS.has(w[i]) && !(w[i] === '!' && RULE_OPTIONS.has(w[i + 1] ?? ''))) i++;
          i--;
          continue;
        }
        out.push(w[i]);
      }
      return out.join(' ');
    })
    .join('\n');
}
