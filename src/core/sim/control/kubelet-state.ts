// The kubelets' memory: per pod the sandbox and per container its current attempt, process and history.
// Pod status in the store is derived from this (kubelet-status.ts); timers move it forward.
import type { ContainerRun } from '../contracts.ts';

export interface TerminatedState {
  exitCode: number;
  reason: string;
  startedAt?: number;
  finishedAt: number;
  containerID?: string;
}

export interface ContainerRt {
  name: string;
  /** The image of the current attempt (a spec change restarts the container). */
  image: string;
  state: 'waiting' | 'running' | 'terminated';
  /** Waiting reason (ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoopBackOff) or terminated reason. */
  reason?: string;
  message?: string;
  /** The process while running. */
  run?: ContainerRun;
  /** The process could not bind a port: it holds no listeners and is about to exit. */
  bindFailed?: boolean;
  /** Being stopped (pod deletion or spec change): listeners are gone, the process has not exited yet. */
  stopping?: boolean;
  startedAt?: number;
  terminated?: TerminatedState;
  last?: TerminatedState;
  restartCount: number;
  /** Has this container ever started (a Running pod phase needs one). */
  everStarted: boolean;
  /** Consecutive crashes, for CrashLoopBackOff (10s doubling to 300s). */
  crashes: number;
  pullFailures: number;
  containerID?: string;
  /** The current (or last) attempt's log lines, and the one before. */
  logs?: string[];
  previousLogs?: string[];
  /** When each line of `logs` / `previousLogs` was written (simulated ms), for `kubectl logs --timestamps`. */
  logTimes?: number[];
  previousLogTimes?: number[];
  /** Bumped on every transition; timers scheduled for an older value do nothing. */
  token: number;
}

export interface PodRt {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  hostNetwork: boolean;
  ip?: string;
  sandboxReady: boolean;
  sandboxAt?: number;
  startTime: number;
  containers: ContainerRt[];
  /** Index of the next container to start in the first, sequential start-up. */
  nextToStart: number;
  /** Set once the pod is being deleted. */
  terminating?: { deadline: number };
  /** Conditions' last transition times, kept so rewriting status does not move them. */
  transitions: Record<string, number>;
  token: number;
}

/** All pods the kubelets run, by uid (indexed by name and, for hostNetwork pods, by node), and each node's image cache. */
export class KubeletState {
  private readonly byUid = new Map<string, PodRt>();
  /** Per `namespace/name`, in the order they were added (normally one). */
  private readonly byName = new Map<string, PodRt[]>();
  /** hostNetwork pods per node, in the order they were added: they listen in the node's namespace. */
  private readonly hostNetwork = new Map<string, PodRt[]>();
  /** Set when a timer moved some container along; the kubelet reconciler then runs even if the store did not change. */
  dirty = true;
  /** The pods whose containers timers moved along since the reconciler's last run (their status may have changed). */
  readonly touched = new Set<PodRt>();
  /** When each pod was added, for iterating a subset in the table's order. */
  private readonly addedAt = new Map<PodRt, number>();
  private additions = 0;
  /** The store version after the kubelet's last run. */
  seenVersion = -1;
  private readonly images = new Map<string, Set<string>>();

  /** Every pod, by uid, in the order they were added. */
  get pods(): ReadonlyMap<string, PodRt> {
    return this.byUid;
  }

  /** Start tracking a pod (under its current uid). */
  add(rt: PodRt): void {
    this.byUid.set(rt.uid, rt);
    this.addedAt.set(rt, this.additions++);
    push(this.byName, `${rt.namespace}/${rt.name}`, rt);
    if (rt.hostNetwork) push(this.hostNetwork, rt.node, rt);
  }

  /** Stop tracking a pod. */
  remove(rt: PodRt): void {
    if (this.byUid.get(rt.uid) !== rt) return;
    this.byUid.delete(rt.uid);
    this.addedAt.delete(rt);
    pull(this.byName, `${rt.namespace}/${rt.name}`, rt);
    if (rt.hostNetwork) pull(this.hostNetwork, rt.node, rt);
  }

  hasImage(node: string, image: string): boolean {
    return this.images.get(node)?.has(image) ?? false;
  }

  addImage(node: string, image: string): void {
    let set = this.images.get(node);
    if (!set) this.images.set(node, (set = new Set()));
    set.add(image);
  }

  /** The pod (by namespace/name) if a kubelet runs it. */
  find(namespace: string, name: string): PodRt | undefined {
    return this.byName.get(`${namespace}/${name}`)?.[0];
  }

  /** Every pod of that namespace/name (normally one), in the order they were added. */
  named(namespace: string, name: string): readonly PodRt[] {
    return this.byName.get(`${namespace}/${name}`) ?? [];
  }

  /** The tracked ones among `rts`, each once, in the order of `pods` (the order they were added). */
  inOrder(rts: Iterable<PodRt>): PodRt[] {
    const unique = new Set([...rts].filter((rt) => this.addedAt.has(rt)));
    return [...unique].sort((a, b) => (this.addedAt.get(a) as number) - (this.addedAt.get(b) as number));
  }

  /** The hostNetwork pods on a node, in the order they were added. */
  hostNetworkOn(node: string): readonly PodRt[] {
    return this.hostNetwork.get(node) ?? [];
  }
}

function push(m: Map<string, PodRt[]>, key: string, rt: PodRt): void {
  const list = m.get(key);
  if (list) list.push(rt);
  else m.set(key, [rt]);
}

function pull(m: Map<string, PodRt[]>, key: string, rt: PodRt): void {
  const rest = (m.get(key) ?? []).filter((x) => x !== rt);
  if (rest.length) m.set(key, rest);
  else m.delete(key);
}

/**
 * Keep what the running process wrote (its logs are a live view that grows with simulated time) once it stops,
 * with `extra` lines written at `nowMs` (a failed bind's messages).
 */
export function freezeLogs(c: ContainerRt, nowMs: number, extra: string[] = []): void {
  const logs = c.run?.logs ?? c.logs ?? [];
  const times = c.run?.logTimes ?? c.logTimes ?? [];
  c.logs = [...logs, ...extra];
  c.logTimes = [...logs.map((_l, i) => times[i] ?? nowMs), ...extra.map(() => nowMs)];
}
