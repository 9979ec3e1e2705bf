// The kubelets (one per node, as one reconciler): admit pods bound to their node, create sandboxes (pod IPs),
// start containers, act on deletion and image changes, and report pod status.
import { jsonEqual } from '../api/json-equal.ts';
import type { Pod } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { clusterNode, nodeIp, nodeIsDown } from './context.ts';
import { beginAttempt, startNextContainer, stopContainer } from './kubelet-containers.ts';
import { freezeLogs, type ContainerRt, type PodRt } from './kubelet-state.ts';
import { ownWrites } from './informers.ts';
import { keyOf } from './work-queue.ts';
import { podStatus } from './kubelet-status.ts';
import { containerEvent, containerSpec, hexId, jitter, later, podObject } from './kubelet-util.ts';
import { startProcess } from './system-images.ts';
import { parseImageRef } from '../api/image-ref.ts';

/** Sandbox creation (pause container + CNI ADD) takes about half a second. */
const SANDBOX_MS = 500;
/** Retry delay after a failed CNI ADD. */
const SANDBOX_RETRY_MS = 10_000;

function newContainer(name: string, image: string): ContainerRt {
  return {
    name,
    image,
    state: 'waiting',
    reason: 'ContainerCreating',
    restartCount: 0,
    everStarted: false,
    crashes: 0,
    pullFailures: 0,
    token: 0,
  };
}

/**
 * A pod's runtime record, every field present from the start and in one order: records that gained `ip`,
 * `sandboxAt` or `terminating` later, or were made by two literals of different orders, had several hidden classes,
 * and V8 could fall into a deoptimization loop on them (runKubelets deoptimized ~9,000 times in a 3,000-pod build,
 * a second of its six; it happened in about half the runs, by the timing of concurrent compilation).
 */
function newPodRt(pod: Pod, start: Pick<PodRt, 'sandboxReady' | 'startTime' | 'containers' | 'nextToStart'> & { ip?: string }): PodRt {
  return {
    uid: pod.metadata.uid as string,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    node: pod.spec.nodeName as string,
    hostNetwork: pod.spec.hostNetwork === true,
    ip: start.ip,
    sandboxReady: start.sandboxReady,
    sandboxAt: undefined,
    startTime: start.startTime,
    containers: start.containers,
    nextToStart: start.nextToStart,
    terminating: undefined,
    transitions: transitionsOf(pod),
    token: 0,
  };
}

function transitionsOf(pod: Pod): Record<string, number> {
  const t: Record<string, number> = {};
  for (const c of pod.status?.conditions ?? []) if (c.lastTransitionTime) t[`${c.type}=${c.status}`] = Date.parse(c.lastTransitionTime);
  return t;
}

function createSandbox(ctx: ControlContext, rt: PodRt): void {
  const w = ctx.world;
  const pod = podObject(ctx, rt);
  if (!pod) return;
  let why: string | undefined;
  try {
    rt.ip = rt.hostNetwork ? nodeIp(w, rt.node) : w.net.attachPod(pod, rt.node);
  } catch (e: unknown) {
    why = e instanceof Error ? e.message : String(e);
  }
  if (why !== undefined) {
    // The retry closure is made outside the catch block on purpose: made inside, it kept the error alive (its
    // context), whose stack kept the previous retry's closure, and so on: one error leaked per retry, forever.
    ctx.events.record(
      pod,
      { component: 'kubelet', host: rt.node },
      {
        type: 'Warning',
        reason: 'FailedCreatePodSandBox',
        message: `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${hexId(ctx)}": ${why}`,
      },
    );
    later(ctx, rt, undefined, SANDBOX_RETRY_MS, () => createSandbox(ctx, rt));
    return;
  }
  rt.sandboxReady = true;
  rt.sandboxAt = w.clock.now();
  if (!rt.hostNetwork && w.cluster.cni === 'calico' && rt.ip) {
    // Calico's CNI plugin records the workload's address on the pod.
    const annotations = {
      ...(pod.metadata.annotations ?? {}),
      'cni.projectcalico.org/containerID': hexId(ctx),
      'cni.projectcalico.org/podIP': `${rt.ip}/32`,
      'cni.projectcalico.org/podIPs': `${rt.ip}/32`,
    };
    w.store.updateFrozen({ ...pod, metadata: { ...pod.metadata, annotations } });
  }
  startNextContainer(ctx, rt);
}

function admit(ctx: ControlContext, pod: Pod): void {
  const rt = newPodRt(pod, {
    sandboxReady: false,
    startTime: ctx.world.clock.now(),
    containers: pod.spec.containers.map((c) => newContainer(c.name, c.image)),
    nextToStart: 0,
  });
  ctx.kubelet.add(rt);
  later(ctx, rt, undefined, jitter(ctx, SANDBOX_MS), () => createSandbox(ctx, rt));
}

/** Take over a pod that is already running (the cluster's system pods at boot): start its processes as they are. */
function adopt(ctx: ControlContext, pod: Pod): void {
  const w = ctx.world;
  const st = pod.status;
  const rt = newPodRt(pod, {
    ip: st?.podIP,
    sandboxReady: true,
    startTime: Date.parse(st?.startTime ?? w.clock.iso()),
    containers: [],
    nextToStart: pod.spec.containers.length,
  });
  for (const spec of pod.spec.containers) {
    const cs = st?.containerStatuses?.find((s) => s.name === spec.name);
    const c = newContainer(spec.name, spec.image);
    const run = startProcess(w, pod, spec.name, spec.image);
    Object.assign(c, { state: 'running', reason: undefined, everStarted: true, run, logs: run.logs, restartCount: cs?.restartCount ?? 0 });
    c.startedAt = Date.parse(cs?.state.running?.startedAt ?? w.clock.iso());
    c.containerID = (cs as { containerID?: string } | undefined)?.containerID;
    ctx.kubelet.addImage(rt.node, parseImageRef(spec.image).full);
    rt.containers.push(c);
  }
  ctx.kubelet.add(rt);
}

/** Remove the pod object once every container has stopped (the kubelet's final, grace-0 delete). */
function terminate(ctx: ControlContext, rt: PodRt, pod: Pod): void {
  const deadline = Date.parse(pod.metadata.deletionTimestamp as string);
  rt.terminating = { deadline };
  rt.token++;
  const graceMs = Math.max(0, deadline - ctx.world.clock.now());
  let pending = rt.containers.length;
  const finish = (): void => {
    if (--pending > 0) return;
    if (podObject(ctx, rt)) ctx.world.store.delete('Pod', rt.namespace, rt.name);
    release(ctx, rt);
  };
  if (pending === 0) return finish();
  for (const c of rt.containers) {
    if (c.state === 'running') containerEvent(ctx, rt, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    stopContainer(ctx, rt, c, graceMs, finish);
  }
}

/** Forget a pod: stop its processes and release its IP (CNI DEL). */
function release(ctx: ControlContext, rt: PodRt): void {
  rt.token++;
  for (const c of rt.containers) {
    c.token++;
    if (c.run) freezeLogs(c, ctx.world.clock.now());
    c.run = undefined;
    if (c.state === 'running') c.state = 'terminated';
  }
  if (rt.ip && rt.sandboxReady && !rt.hostNetwork) {
    try {
      ctx.world.net.detachPod(rt.namespace, rt.name);
    } catch {
      // The dataplane may already have forgotten the pod.
    }
  }
  ctx.kubelet.remove(rt);
}

/** A changed image restarts the container with the new one (kubectl set image, apply). */
function followImageChanges(ctx: ControlContext, rt: PodRt): void {
  for (const c of rt.containers) {
    const spec = containerSpec(ctx, rt, c.name);
    if (!spec || spec.image === c.image) continue;
    c.image = spec.image;
    c.crashes = 0;
    c.pullFailures = 0;
    if (c.state === 'running') {
      containerEvent(ctx, rt, c, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
      const grace =
        (podObject(ctx, rt)?.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ?? 30;
      stopContainer(ctx, rt, c, grace * 1000, () => beginAttempt(ctx, rt, c, () => undefined));
    } else if (rt.sandboxReady) {
      c.token++;
      beginAttempt(ctx, rt, c, () => undefined);
    }
  }
}

const MIRROR = 'kubernetes.io/config.mirror';

/**
 * Deleting the mirror pod of a static pod does not stop it: the kubelet keeps the containers running and posts
 * a new mirror pod (new uid, new creationTimestamp).
 */
function remirror(ctx: ControlContext, rt: PodRt, pod: Pod): void {
  const w = ctx.world;
  w.store.delete('Pod', rt.namespace, rt.name);
  const m = pod.metadata;
  // The mirror pod is owned by the Node as it is now (kubelet/pod/mirror_client.go CreateMirrorPod: getNodeUID); with
  // no Node object the kubelet cannot post one at all (it logs the error and tries again later): without this, the
  // garbage collector and the kubelet would delete and re-post it forever.
  const nodeObj = pod.spec.nodeName ? w.store.peek('Node', undefined, pod.spec.nodeName) : undefined;
  if (!nodeObj) {
    release(ctx, rt);
    return;
  }
  const ownerReferences = m.ownerReferences?.map((r) => (r.kind === 'Node' ? { ...r, uid: nodeObj.metadata.uid as string } : r));
  const fresh: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: m.name, namespace: m.namespace, labels: m.labels, annotations: m.annotations, ownerReferences },
    spec: pod.spec,
  };
  const r = w.api.create(fresh, { fieldManager: 'kubelet' });
  if (!r.ok) {
    release(ctx, rt);
    return;
  }
  ctx.kubelet.remove(rt);
  rt.uid = r.object.metadata.uid as string;
  rt.transitions = {};
  ctx.kubelet.add(rt);
}

function isRunningAlready(pod: Pod): boolean {
  const cs = pod.status?.containerStatuses ?? [];
  return pod.status?.phase === 'Running' && cs.length === pod.spec.containers.length && cs.every((s) => s.state.running);
}

/** What the kubelets do about one pod object that changed: admit, adopt, terminate, follow image changes, remirror. */
function syncPod(ctx: ControlContext, pod: Pod): void {
  const w = ctx.world;
  const node = pod.spec.nodeName;
  // No kubelet runs on a node that does not exist or is down: such pods stay as they are.
  if (!node || nodeIsDown(w, node) || !clusterNode(w, node)) return;
  const rt = ctx.kubelet.pods.get(pod.metadata.uid as string);
  if (rt && pod.metadata.deletionTimestamp && pod.metadata.annotations?.[MIRROR] !== undefined) {
    remirror(ctx, rt, pod);
    return;
  }
  if (!rt) {
    if (pod.metadata.deletionTimestamp) w.store.delete('Pod', pod.metadata.namespace, pod.metadata.name);
    else if (isRunningAlready(pod)) adopt(ctx, pod);
    else admit(ctx, pod);
    return;
  }
  if (pod.metadata.deletionTimestamp && !rt.terminating) terminate(ctx, rt, pod);
  else if (!rt.terminating) followImageChanges(ctx, rt);
}

/**
 * The kubelet reconciler: forget deleted pods, admit new ones, act on changes, write status. It looks at the pods
 * whose object changed since its last run and those its timers moved along: for any other pod it would do nothing.
 */
export function runKubelets(ctx: ControlContext): void {
  const w = ctx.world;
  const k = ctx.kubelet;
  if (!k.dirty && k.seenVersion === w.store.version) return;
  k.dirty = false;
  const changed = ctx.informers.queues.kubelet.take(() => [
    ...w.store.scan('Pod').map(keyOf),
    ...[...k.pods.values()].map((rt) => ({ namespace: rt.namespace, name: rt.name })),
  ]);
  const named = (): PodRt[] => changed.flatMap((key) => k.named(key.namespace, key.name));
  for (const rt of k.inOrder(named())) if (!podObject(ctx, rt)) release(ctx, rt);
  for (const key of changed) {
    const pod = w.store.peek<Pod>('Pod', key.namespace, key.name);
    if (pod) syncPod(ctx, pod);
  }
  const due = k.inOrder([...k.touched, ...named()]);
  k.touched.clear();
  for (const rt of due) {
    if (nodeIsDown(w, rt.node)) continue;
    const pod = podObject(ctx, rt);
    if (!pod) continue;
    const status = podStatus(w, pod, rt, nodeIp(w, rt.node));
    if (jsonEqual(pod.status, status)) continue;
    // The write does not queue the pod for the kubelets again: a pass over it now would find this same status.
    ownWrites(ctx.informers, 'Pod', () => w.store.updateFrozen({ ...pod, status }));
  }
  k.seenVersion = w.store.version;
}
