// Which pods back a Service and on which ports: the selection both endpoint controllers share.
import { matchesSelector, selectorFromMap } from '../api/selector.ts';
import type { Container, Pod, Service } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { labelKey } from './informers.ts';
import { isPodReady } from './pods.ts';

/** Addresses in numeric order ("10.0.0.9" before "10.0.0.10"); one collator, as `localeCompare(b, 'en', opts)` made one per call. */
const BY_NUMBERS = new Intl.Collator('en', { numeric: true });

export interface ResolvedPort {
  name?: string;
  port: number;
  protocol: string;
}

export interface Backend {
  pod: Pod;
  ip: string;
  ready: boolean;
  terminating: boolean;
  /** The Service's ports as this pod serves them (named targetPorts resolved per pod). */
  ports: ResolvedPort[];
}

/** targetPort as a number, or a container port name looked up in this pod (undefined if it has none). */
export function resolveTargetPort(pod: Pod, target: number | string | undefined, fallback: number, protocol: string): number | undefined {
  if (target === undefined || target === '') return fallback;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec.containers as Container[]) {
    const p = (c.ports ?? []).find((x) => x.name === target && (x.protocol ?? 'TCP') === protocol);
    if (p) return p.containerPort;
  }
  return undefined;
}

/** Pods that may match a Service-style selector: those carrying its rarest `key=value` (the label index's smallest bucket). */
function candidates(ctx: ControlContext, namespace: string | undefined, selector: Record<string, string>): Pod[] {
  let best: Pod[] | undefined;
  for (const [k, v] of Object.entries(selector)) {
    const pods = ctx.informers.podsByLabel.get(labelKey(namespace, k, v));
    if (!best || pods.length < best.length) best = pods;
  }
  return best ?? [];
}

/**
 * The last answer per stored Service object, with the pods' kind version it was computed at: the Endpoints and the
 * EndpointSlice controllers ask for the same Service one after the other, and nothing it reads changed between.
 */
const answers = new WeakMap<Service, { pods: number; backends: readonly Backend[] }>();

/**
 * Pods in the Service's namespace matching its selector, with an IP, not finished; terminating ones flagged. The
 * list is shared by the callers that ask while no pod changed: read it, do not change it.
 */
export function serviceBackends(ctx: ControlContext, svc: Service): readonly Backend[] {
  const pods = ctx.world.store.kindVersion('Pod');
  const last = answers.get(svc);
  if (last && last.pods === pods && pods !== 0) return last.backends;
  const backends = computeBackends(ctx, svc);
  if (Object.isFrozen(svc)) answers.set(svc, { pods, backends });
  return backends;
}

function computeBackends(ctx: ControlContext, svc: Service): Backend[] {
  const sel = selectorFromMap(svc.spec?.selector);
  if (!sel) return [];
  const out: Backend[] = [];
  for (const pod of candidates(ctx, svc.metadata.namespace, svc.spec.selector ?? {})) {
    if (!matchesSelector(sel, pod.metadata.labels)) continue;
    const phase = pod.status?.phase;
    const ip = pod.status?.podIP;
    if (!ip || phase === 'Succeeded' || phase === 'Failed') continue;
    const ports: ResolvedPort[] = [];
    for (const sp of svc.spec.ports ?? []) {
      const protocol = sp.protocol ?? 'TCP';
      const port = resolveTargetPort(pod, sp.targetPort, sp.port, protocol);
      if (port === undefined) continue;
      ports.push(sp.name ? { name: sp.name, port, protocol } : { port, protocol });
    }
    out.push({ pod, ip, ready: isPodReady(pod), terminating: !!pod.metadata.deletionTimestamp, ports });
  }
  return out.sort((a, b) => BY_NUMBERS.compare(a.ip, b.ip) || (a.pod.metadata.uid ?? '').localeCompare(b.pod.metadata.uid ?? ''));
}

/** A stable key for a port set (backends with the same key share a subset / slice). */
export function portsKey(ports: ResolvedPort[]): string {
  return [...ports]
    .map((p) => `${p.name ?? ''}/${p.port}/${p.protocol}`)
    .sort()
    .join(',');
}

export function targetRef(pod: Pod): { kind: string; namespace: string; name: string; uid: string } {
  return { kind: 'Pod', namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, uid: pod.metadata.uid as string };
}
