// Pod status as the kubelet reports it, derived from its runtime memory: phase, conditions, IPs, container states.
import { parseImageRef } from '../api/image-ref.ts';
import type { Container, ContainerStatus, Pod, PodStatus } from '../api/types.ts';
import type { World } from '../contracts.ts';
import type { ContainerRt, PodRt, TerminatedState } from './kubelet-state.ts';

type State = ContainerStatus['state'];

/** Digests by image reference: every kubelet status write of a started container asks again. */
const digests = new Map<string, string>();

/** A stable fake digest for an image reference (what containerd reports as imageID). */
export function imageDigest(image: string): string {
  let digest = digests.get(image);
  if (digest === undefined) {
    // A lesson names a handful of images; a bound keeps a generated stream of names from growing the map forever.
    if (digests.size >= 1024) digests.clear();
    digests.set(image, (digest = computeDigest(image)));
  }
  return digest;
}

function computeDigest(image: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    for (const ch of `${round}:${image}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

function terminatedState(w: World, t: TerminatedState): State {
  const s: NonNullable<State['terminated']> & { containerID?: string } = {
    exitCode: t.exitCode,
    reason: t.reason,
    finishedAt: w.clock.iso(t.finishedAt),
  };
  if (t.startedAt !== undefined) s.startedAt = w.clock.iso(t.startedAt);
  if (t.containerID) s.containerID = t.containerID;
  return { terminated: s };
}

function stateOf(w: World, c: ContainerRt): State {
  if (c.state === 'running') return { running: { startedAt: w.clock.iso(c.startedAt) } };
  if (c.state === 'terminated' && c.terminated) return terminatedState(w, c.terminated);
  const waiting: { reason: string; message?: string } = { reason: c.reason ?? 'ContainerCreating' };
  if (c.message) waiting.message = c.message;
  return { waiting };
}

/** Ready = running, not failing to bind, not being stopped (there are no readiness probes in the simulator). */
export function containerReady(c: ContainerRt): boolean {
  return c.state === 'running' && !c.stopping;
}

function willRestart(policy: string, c: ContainerRt): boolean {
  if (c.state !== 'terminated') return true;
  const code = c.terminated?.exitCode ?? 0;
  return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
}

function phaseOf(policy: string, cs: ContainerRt[]): PodStatus['phase'] {
  if (cs.length && cs.every((c) => c.state === 'terminated' && !willRestart(policy, c))) {
    return cs.every((c) => c.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  }
  if (cs.some((c) => c.state === 'running' || c.everStarted)) return 'Running';
  return 'Pending';
}

/** The full status the kubelet would write now. `prior` supplies conditions' transition times. */
export function podStatus(w: World, pod: Pod, rt: PodRt, hostIp: string | undefined): PodStatus & Record<string, unknown> {
  const policy = pod.spec.restartPolicy ?? 'Always';
  const phase = phaseOf(policy, rt.containers);
  const unready = rt.containers.filter((c) => !containerReady(c)).map((c) => c.name);
  const allReady = unready.length === 0;
  const cond = (type: string, ok: boolean, reason?: string, message?: string): Record<string, unknown> => {
    const status = ok ? 'True' : 'False';
    const key = `${type}=${status}`;
    if (!(key in rt.transitions)) {
      for (const k of Object.keys(rt.transitions)) if (k.startsWith(`${type}=`)) delete rt.transitions[k];
      rt.transitions[key] = w.clock.now();
    }
    const c: Record<string, unknown> = { type, status, lastProbeTime: null, lastTransitionTime: w.clock.iso(rt.transitions[key]) };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const completed = phase === 'Succeeded' || phase === 'Failed';
  const notReadyReason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const notReadyMsg = completed ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions = [
    cond('PodReadyToStartContainers', rt.sandboxReady),
    cond('Initialized', true),
    cond(
      'Ready',
      allReady && !completed,
      allReady && !completed ? undefined : notReadyReason,
      allReady && !completed ? undefined : notReadyMsg,
    ),
    cond(
      'ContainersReady',
      allReady && !completed,
      allReady && !completed ? undefined : notReadyReason,
      allReady && !completed ? undefined : notReadyMsg,
    ),
    cond('PodScheduled', true),
  ];
  const specs = pod.spec.containers as Container[];
  const containerStatuses = rt.containers
    .map((c): ContainerStatus & Record<string, unknown> => {
      const spec = specs.find((s) => s.name === c.name);
      const image = parseImageRef(spec?.image ?? c.image).full;
      const st: ContainerStatus & Record<string, unknown> = {
        name: c.name,
        state: stateOf(w, c),
        lastState: c.last ? terminatedState(w, c.last) : {},
        ready: containerReady(c),
        restartCount: c.restartCount,
        image,
        imageID: '',
        started: c.state === 'running',
      };
      if (c.everStarted) {
        const ref = parseImageRef(c.image);
        st.imageID = `${ref.registry}/${ref.path}@sha256:${imageDigest(ref.full)}`;
      }
      if (c.containerID) st.containerID = c.containerID;
      return st;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const status: PodStatus & Record<string, unknown> = { phase, conditions: conditions as PodStatus['conditions'] };
  if (hostIp) {
    status.hostIP = hostIp;
    status.hostIPs = [{ ip: hostIp }];
  }
  if (rt.ip && rt.sandboxReady) {
    status.podIP = rt.ip;
    status.podIPs = [{ ip: rt.ip }];
  }
  status.startTime = w.clock.iso(rt.startTime);
  status.containerStatuses = containerStatuses;
  status.qosClass = 'BestEffort';
  return status;
}
