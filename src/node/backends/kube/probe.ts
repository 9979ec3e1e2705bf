// Probing on a real cluster: resolve the target as the lesson names it, run the probe script in the source pod
// (kubectl exec) or node (docker exec), and retry only while the outcome differs from the expected verdict.
import { type Endpoint, type Probe, type ProbeOutcome, type ReachVerdict, type Target, VERDICT_ACCEPTS } from '../../../core/index.ts';
import { nodeAddress, type ClusterClient } from './cluster-client.ts';
import type { NodeAccess } from './node-access.ts';
import { runProcess } from './process.ts';
import { PROBE_SCRIPT, readProbeOutput } from './probe-script.ts';

/** Seconds one connection attempt may take. */
export const PROBE_TIMEOUT_S = 3;
/** How long a probe keeps retrying while the outcome differs from the expected one (wall ms). */
export const PROBE_RETRY_MS = 20_000;

export interface ProbeContext {
  client: ClusterClient;
  namespace: string;
  kubeconfigEnv: Record<string, string>;
  nodes: Map<string, string>;
  access: NodeAccess;
}

type Attempt = Pick<Probe, 'outcome' | 'reason'> & { resolvedIp?: string };

/** What the target word means here: an IP, a pod's IP, a node's InternalIP, or a name for the source's resolver. */
async function resolveTarget(ctx: ProbeContext, host: string, fromNamespace: string): Promise<{ host: string; ip?: string } | Attempt> {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return { host, ip: host };
  const podWord = host.startsWith('pod/') ? host.slice(4) : host.startsWith('svc/') ? undefined : host;
  if (podWord !== undefined) {
    const [ns, name] = podWord.includes('/')
      ? podWord.split('/', 2)
      : [fromNamespace === 'default' ? ctx.namespace : fromNamespace, podWord];
    const pod = await ctx.client.pod(ns === 'default' ? ctx.namespace : ns, name);
    if (pod)
      return pod.status?.podIP
        ? { host: pod.status.podIP, ip: pod.status.podIP }
        : { outcome: 'timeout', reason: `pod ${ns}/${name} has no IP yet` };
    if (host.startsWith('pod/')) return { outcome: 'nxdomain', reason: `there is no pod ${ns}/${name}` };
  }
  const real = ctx.nodes.get(host);
  if (real) {
    const node = (await ctx.client.nodes()).find((n) => n.metadata?.name === real);
    if (node) return { host: nodeAddress(node), ip: nodeAddress(node) };
  }
  return { host: host.startsWith('svc/') ? host.slice(4) : host };
}

async function attempt(ctx: ProbeContext, from: Endpoint, target: Target): Promise<Attempt> {
  const fromNs = from.kind === 'pod' ? (from.namespace ?? 'default') : 'default';
  const realNs = fromNs === 'default' ? ctx.namespace : fromNs;
  let argv: [string, string[]] | undefined;
  const resolved = await resolveTarget(ctx, target.host, fromNs);
  if ('outcome' in resolved) return resolved;
  const args = [resolved.host, String(target.port ?? 80), target.protocol, String(PROBE_TIMEOUT_S)];
  if (from.kind === 'pod') {
    const pod = await ctx.client.pod(realNs, from.name);
    if (!pod) return { outcome: 'no-source', reason: `there is no pod ${realNs}/${from.name}` };
    if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) {
      return {
        outcome: 'source-not-running',
        reason: `pod ${realNs}/${from.name} is not running (${pod.metadata?.deletionTimestamp ? 'Terminating' : (pod.status?.phase ?? 'Pending')})`,
      };
    }
    argv = ['kubectl', ['exec', '-n', realNs, from.name, '--', 'sh', '-c', PROBE_SCRIPT, 'probe', ...args]];
  } else {
    const node = ctx.nodes.get(from.name);
    if (!node) return { outcome: 'no-source', reason: `there is no node named ${from.name}` };
    const run = ctx.access.run(node);
    argv = run ? [run[0], [...run.slice(1), PROBE_SCRIPT, 'probe', ...args]] : undefined;
    if (!argv) return { outcome: 'error', reason: `cannot probe from node ${from.name}: ${ctx.access.unavailable ?? 'no node access'}` };
  }
  const r = await runProcess(argv[0], argv[1], { env: ctx.kubeconfigEnv, timeoutMs: (PROBE_TIMEOUT_S + 10) * 1000 });
  if (r.timedOut) return { outcome: 'timeout', reason: 'the probe itself did not finish', resolvedIp: resolved.ip };
  const read = readProbeOutput(r.stdout || r.stderr, target.protocol);
  if (read.tool === '' && /executable file not found|no such file/i.test(r.stderr))
    return { outcome: 'error', reason: `the source has no sh to run a probe: ${r.stderr.trim().split('\n')[0]}` };
  return { outcome: read.outcome, reason: read.reason, resolvedIp: resolved.ip };
}

function accepts(expect: string | undefined, outcome: ProbeOutcome): boolean {
  if (!expect || !(expect in VERDICT_ACCEPTS)) return true;
  return VERDICT_ACCEPTS[expect as ReachVerdict].includes(outcome);
}

/** Probe, retrying (with back-off) only while the outcome differs from `target.expect`, up to PROBE_RETRY_MS. */
export async function probeReal(ctx: ProbeContext, from: Endpoint, target: Target, retryMs = PROBE_RETRY_MS): Promise<Probe> {
  const deadline = Date.now() + retryMs;
  let delay = 250;
  let tries = 0;
  for (;;) {
    tries++;
    const a = await attempt(ctx, from, target);
    const done = accepts(target.expect, a.outcome) || a.outcome === 'no-source' || Date.now() + delay > deadline;
    if (done) {
      const reason = tries > 1 ? `${a.reason} (after ${tries} attempts)` : a.reason;
      return { from, target, outcome: a.outcome, reason, hops: [], resolvedIp: a.resolvedIp };
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 4000);
  }
}
