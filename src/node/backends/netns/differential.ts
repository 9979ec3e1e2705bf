// The differential: the simulator's probes against real packets in a Lab built from the same model.
//
// Cases: from every node and pod namespace to every node and pod address (or pod addresses only), one ICMP echo
// (outcome and TTL) and TCP connects to up to two ports the target listens on plus one port nobody listens on
// (connected / refused / timeout / unreachable). Services, through the kube-proxy rules installed on every node: from
// every node and pod, a TCP connect to each TCP port of every ClusterIP, one to a port the Service does not define,
// one ping to the ClusterIP, and a TCP connect to every NodePort on every node's address. kube-proxy picks an endpoint
// at random, so a Service probe compares outcome classes: the kernel's outcome must be one the simulator gives, and
// where its first answer differs it is asked again, up to 16 times (its rng picks endpoints as the kernel's statistic
// match does); where all endpoints behave alike that is a single outcome. A Service without endpoints is "refused" on both sides (the
// simulator's no-endpoints, the kernel's REJECT with ICMP port unreachable). NetworkPolicy is rendered into the
// nodes (policy.ts), so probes it drops are compared too, except where admin policies (not rendered) exist. A real
// probe that disagrees is retried once with longer timeouts (a loaded machine can be slow to start a process), and a
// disagreement that stays is reported with both sides: the simulator's hops and reason, the kernel's answer and a
// real traceroute.
import { pool, type Lab, type RealProbeSpec } from './lab.ts';
import type { NsModel, SimNetwork, SimProbe } from './model.ts';

export interface ProbeCase {
  from: NsModel;
  /** What is probed: a namespace's id ("pod/default/web"), or a Service's ("svc/default/web", "svc/default/web nodePort on node/n1"). */
  toId: string;
  ip: string;
  proto: 'icmp' | 'tcp';
  port?: number;
  /** Through kube-proxy's rules (a ClusterIP or a NodePort): the endpoint is picked at random. */
  service?: boolean;
}

export interface Disagreement {
  kind: 'probe' | 'routes';
  text: string;
}

export interface DiffResult {
  cases: number;
  agreed: number;
  /** Of the cases, those through a Service (ClusterIP or NodePort). */
  serviceCases: number;
  /** The kernel's outcomes of the Service cases, counted ("connected" → 40, "refused" → 9 ...). */
  serviceOutcomes: Map<string, number>;
  /** Probes NetworkPolicy dropped in the simulator, not compared because the policies are not rendered (admin policies present). */
  policySkipped: number;
  /** Probes NetworkPolicy dropped in the simulator, compared with the kernel running the rendered policy rules. */
  policyCompared: number;
  disagreements: Disagreement[];
}

export interface DiffOptions {
  /** Real probes at a time (sources probed in parallel; each source runs its probes at once). Default 3. */
  concurrency?: number;
  /** TCP ports probed per target besides the closed one (its lowest listening ports). Default 2. */
  maxPorts?: number;
  /** 'all': every node and pod address; 'pods': pod addresses only (pod-to-pod and node-to-pod). Default 'all'. */
  targets?: 'all' | 'pods';
  /** Probe Services (ClusterIPs and NodePorts). Default true. */
  services?: boolean;
}

/** A port no model process listens on (the discard port): the probe that must be refused. */
export const CLOSED_PORT = 9;

/** How many times the simulator is asked about one Service probe (each time its rng picks an endpoint). */
const SERVICE_TRIES = 16;

/** The probe cases of a model. */
export function probeCases(sim: SimNetwork, options: DiffOptions = {}): ProbeCase[] {
  const all = [...sim.model.nodes, ...sim.model.pods];
  const targets = options.targets === 'pods' ? sim.model.pods : all;
  const cases: ProbeCase[] = [];
  for (const from of all) {
    for (const to of targets) {
      cases.push({ from, toId: to.id, ip: to.ip, proto: 'icmp' });
      const ports = to.listeners
        .filter((l) => l.protocol === 'TCP')
        .map((l) => l.port)
        .sort((a, b) => a - b)
        .slice(0, options.maxPorts ?? 2);
      if (!to.listeners.some((l) => l.port === CLOSED_PORT)) ports.push(CLOSED_PORT);
      for (const port of ports) cases.push({ from, toId: to.id, ip: to.ip, proto: 'tcp', port });
    }
    if (options.services === false) continue;
    for (const svc of sim.model.services) {
      const tcp = svc.ports.filter((p) => p.protocol === 'TCP');
      if (svc.clusterIP) {
        cases.push({ from, toId: svc.id, ip: svc.clusterIP, proto: 'icmp', service: true });
        for (const p of tcp) cases.push({ from, toId: svc.id, ip: svc.clusterIP, proto: 'tcp', port: p.port, service: true });
        if (!svc.ports.some((p) => p.port === CLOSED_PORT))
          cases.push({ from, toId: svc.id, ip: svc.clusterIP, proto: 'tcp', port: CLOSED_PORT, service: true });
      }
      for (const p of tcp) {
        if (p.nodePort === undefined) continue;
        for (const node of sim.model.nodes)
          cases.push({ from, toId: `${svc.id} nodePort on ${node.id}`, ip: node.ip, proto: 'tcp', port: p.nodePort, service: true });
      }
    }
  }
  return cases;
}

/** The simulator's answer, in the kernel's words: a Service without endpoints is refused (REJECT). */
function normalized(s: SimProbe): SimProbe {
  return s.outcome === 'no-endpoints' ? { ...s, outcome: 'refused' } : s;
}

/** The simulator's answer to a case (for a Service, one random pick of an endpoint). */
function simOnce(sim: SimNetwork, c: ProbeCase): SimProbe {
  return normalized(c.proto === 'icmp' ? sim.ping(c.from.ref, c.ip) : sim.connect(c.from.ref, c.ip, c.port ?? 0, 'TCP'));
}

/**
 * For a Service case the kernel's outcome differs from the simulator's first answer: ask the simulator again (each time
 * its rng picks an endpoint) until it gives the kernel's outcome or SERVICE_TRIES answers were seen; returns every
 * distinct answer.
 */
function simMore(sim: SimNetwork, c: ProbeCase, seen: SimProbe[], want: { outcome: string; ttl?: number }): SimProbe[] {
  if (!c.service || c.proto === 'icmp') return seen;
  const out = [...seen];
  for (let i = 1; i < SERVICE_TRIES && !agree(out, want); i++) {
    const s = simOnce(sim, c);
    if (!out.some((x) => x.outcome === s.outcome)) out.push(s);
  }
  return out;
}

function agree(sims: SimProbe[], r: { outcome: string; ttl?: number }): boolean {
  return sims.some((s) => s.outcome === r.outcome && (s.outcome !== 'reply' || s.ttl === r.ttl));
}

function caseText(c: ProbeCase): string {
  return `${c.from.id} -> ${c.toId} (${c.ip}) ${c.proto === 'icmp' ? 'icmp' : `tcp/${c.port}`}`;
}

function side(outcome: string, ttl: number | undefined): string {
  return ttl === undefined ? outcome : `${outcome} ttl=${ttl}`;
}

/** Compare every case; `concurrency` real probes at a time. */
export async function differential(sim: SimNetwork, lab: Lab, options: DiffOptions = {}): Promise<DiffResult> {
  const disagreements: Disagreement[] = [];
  // The routes as installed must be the model's, byte for byte as `ip route` prints them.
  for (const [ns, want] of lab.plan.expectedRoutes) {
    const got = await lab.routes(ns);
    if (got.join('\n') !== want.join('\n')) {
      disagreements.push({
        kind: 'routes',
        text: `${ns}: ip route differs\n  simulator:\n    ${want.join('\n    ')}\n  kernel:\n    ${got.join('\n    ')}`,
      });
    }
  }
  const cases = probeCases(sim, options);
  const bySource = new Map<string, ProbeCase[]>();
  for (const c of cases) {
    const list = bySource.get(c.from.id) ?? [];
    list.push(c);
    bySource.set(c.from.id, list);
  }
  let agreed = 0;
  let policySkipped = 0;
  let policyCompared = 0;
  const serviceOutcomes = new Map<string, number>();
  await pool([...bySource.values()], options.concurrency ?? 3, async (group) => {
    const ns = lab.plan.nsOf.get(group[0].from.id) as string;
    let sims = group.map((c) => [simOnce(sim, c)]);
    const spec = (c: ProbeCase, seconds: number): RealProbeSpec => ({ proto: c.proto, ip: c.ip, port: c.port, seconds });
    let reals = await lab.probeMany(
      ns,
      group.map((c) => spec(c, 1)),
    );
    // kube-proxy picked an endpoint at random: the kernel's outcome must be one the simulator can give.
    sims = sims.map((x, i) => (agree(x, reals[i]) ? x : simMore(sim, group[i], x, reals[i])));
    // A loaded machine can be slow to start a process: retry what disagrees once, with more time.
    const retry = group.map((_, i) => i).filter((i) => !agree(sims[i], reals[i]));
    if (process.env.PODLAB_NETNS_TRACE)
      process.stderr.write(
        `netns: ${group[0].from.id}: ${group.length} probes, ${retry.length} retried: ${retry.map((i) => `${caseText(group[i])} sim=${sims[i].map((s) => s.outcome).join('|')} real=${reals[i].outcome}`).join(', ')}\n`,
      );
    const again = await lab.probeMany(
      ns,
      retry.map((i) => spec(group[i], group[i].proto === 'icmp' ? 3 : 4)),
    );
    reals = reals.map((r, i) => (retry.includes(i) ? again[retry.indexOf(i)] : r));
    sims = sims.map((x, i) => (retry.includes(i) && !agree(x, reals[i]) ? simMore(sim, group[i], x, reals[i]) : x));
    for (let i = 0; i < group.length; i++) {
      const c = group[i];
      const s = sims[i];
      const r = reals[i];
      if (c.service) serviceOutcomes.set(r.outcome, (serviceOutcomes.get(r.outcome) ?? 0) + 1);
      if (s.some((x) => x.policyDrop)) {
        if (!lab.plan.policyRendered) {
          policySkipped++;
          continue;
        }
        policyCompared++;
      }
      if (agree(s, r)) {
        agreed++;
        continue;
      }
      const trace = await lab.traceroute(ns, c.ip);
      disagreements.push({
        kind: 'probe',
        text: [
          `${caseText(c)}: simulator ${s.map((x) => side(x.outcome, x.ttl)).join(' or ')}, kernel ${side(r.outcome, r.ttl)}`,
          ...s.flatMap((x) => [`  simulator: ${x.reason}`, ...x.hops.map((h) => `    ${h.at}: ${h.action}`)]),
          `  kernel: ${r.detail}`,
          ...trace.map((l) => `    ${l}`),
        ].join('\n'),
      });
    }
  });
  disagreements.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const sorted = new Map([...serviceOutcomes].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    cases: cases.length,
    agreed,
    serviceCases: cases.filter((c) => c.service).length,
    serviceOutcomes: sorted,
    policySkipped,
    policyCompared,
    disagreements,
  };
}
