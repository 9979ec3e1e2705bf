// The differential: the simulator's probes against real packets in a Lab built from the same model.
//
// Cases: from every node and pod namespace to every node and pod address (or pod addresses only), one ICMP echo (outcome and TTL) and TCP
// connects to up to two ports the target listens on plus one port nobody listens on (connected / refused / timeout /
// unreachable). Service ClusterIPs are left out (no kube-proxy rules in the model yet). A real probe that disagrees is
// retried once with longer timeouts (a loaded machine can be slow to start a process), and a disagreement that stays
// is reported with both sides: the simulator's hops and reason, the kernel's answer and a real traceroute.
import { pool, type Lab, type RealProbeSpec } from './lab.ts';
import type { NsModel, SimNetwork, SimProbe } from './model.ts';

export interface ProbeCase {
  from: NsModel;
  to: NsModel;
  proto: 'icmp' | 'tcp';
  port?: number;
}

export interface Disagreement {
  kind: 'probe' | 'routes';
  text: string;
}

export interface DiffResult {
  cases: number;
  agreed: number;
  /** Probes NetworkPolicy dropped in the simulator: not compared, as the namespaces carry no policy rules yet. */
  policySkipped: number;
  disagreements: Disagreement[];
}

export interface DiffOptions {
  /** Real probes at a time (sources probed in parallel; each source runs its probes at once). Default 3. */
  concurrency?: number;
  /** TCP ports probed per target besides the closed one (its lowest listening ports). Default 2. */
  maxPorts?: number;
  /** 'all': every node and pod address; 'pods': pod addresses only (pod-to-pod and node-to-pod). Default 'all'. */
  targets?: 'all' | 'pods';
}

/** A port no model process listens on (the discard port): the probe that must be refused. */
export const CLOSED_PORT = 9;

/** The probe cases of a model. */
export function probeCases(sim: SimNetwork, options: DiffOptions = {}): ProbeCase[] {
  const all = [...sim.model.nodes, ...sim.model.pods];
  const targets = options.targets === 'pods' ? sim.model.pods : all;
  const cases: ProbeCase[] = [];
  for (const from of all) {
    for (const to of targets) {
      cases.push({ from, to, proto: 'icmp' });
      const ports = to.listeners
        .filter((l) => l.protocol === 'TCP')
        .map((l) => l.port)
        .sort((a, b) => a - b)
        .slice(0, options.maxPorts ?? 2);
      if (!to.listeners.some((l) => l.port === CLOSED_PORT)) ports.push(CLOSED_PORT);
      for (const port of ports) cases.push({ from, to, proto: 'tcp', port });
    }
  }
  return cases;
}

function simSide(sim: SimNetwork, c: ProbeCase): SimProbe {
  return c.proto === 'icmp' ? sim.ping(c.from.ref, c.to.ip) : sim.connect(c.from.ref, c.to.ip, c.port ?? 0, 'TCP');
}

function agree(s: SimProbe, r: { outcome: string; ttl?: number }): boolean {
  if (s.outcome !== r.outcome) return false;
  return s.outcome !== 'reply' || s.ttl === r.ttl;
}

function caseText(c: ProbeCase): string {
  return `${c.from.id} -> ${c.to.id} (${c.to.ip}) ${c.proto === 'icmp' ? 'icmp' : `tcp/${c.port}`}`;
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
  await pool([...bySource.values()], options.concurrency ?? 3, async (group) => {
    const ns = lab.plan.nsOf.get(group[0].from.id) as string;
    const sims = group.map((c) => simSide(sim, c));
    const spec = (c: ProbeCase, seconds: number): RealProbeSpec => ({ proto: c.proto, ip: c.to.ip, port: c.port, seconds });
    let reals = await lab.probeMany(
      ns,
      group.map((c) => spec(c, 1)),
    );
    // A loaded machine can be slow to start a process: retry what disagrees once, with more time.
    const retry = group.map((_, i) => i).filter((i) => !agree(sims[i], reals[i]));
    if (process.env.PODLAB_NETNS_TRACE)
      process.stderr.write(
        `netns: ${group[0].from.id}: ${group.length} probes, ${retry.length} retried: ${retry.map((i) => `${caseText(group[i])} sim=${sims[i].outcome} real=${reals[i].outcome}`).join(', ')}\n`,
      );
    const again = await lab.probeMany(
      ns,
      retry.map((i) => spec(group[i], group[i].proto === 'icmp' ? 3 : 4)),
    );
    reals = reals.map((r, i) => (retry.includes(i) ? again[retry.indexOf(i)] : r));
    for (let i = 0; i < group.length; i++) {
      const c = group[i];
      const s = sims[i];
      const r = reals[i];
      if (s.policyDrop) {
        policySkipped++;
        continue;
      }
      if (agree(s, r)) {
        agreed++;
        continue;
      }
      const trace = await lab.traceroute(ns, c.to.ip);
      disagreements.push({
        kind: 'probe',
        text: [
          `${caseText(c)}: simulator ${side(s.outcome, s.ttl)}, kernel ${side(r.outcome, r.ttl)}`,
          `  simulator: ${s.reason}`,
          ...s.hops.map((h) => `    ${h.at}: ${h.action}`),
          `  kernel: ${r.detail}`,
          ...trace.map((l) => `    ${l}`),
        ].join('\n'),
      });
    }
  });
  disagreements.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { cases: cases.length, agreed, policySkipped, disagreements };
}
