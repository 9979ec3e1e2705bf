// System pods that are already running when the lesson starts: created through the API, bound, given their IP,
// and written with a Running status dated back to the cluster's creation. The kubelet adopts them.
import { parseImageRef } from '../api/image-ref.ts';
import type { KObject, Pod } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { nodeIp } from './context.ts';
import { imageDigest } from './kubelet-status.ts';
import { hexId } from './kubelet-util.ts';

/** Status of a pod whose containers all started at `startedAt`. */
export function runningStatus(ctx: ControlContext, pod: Pod, hostIp: string, ip: string, startedAt: number): Record<string, unknown> {
  const iso = ctx.world.clock.iso(startedAt);
  const started = ctx.world.clock.iso(startedAt + 2000);
  const cond = (type: string): Record<string, unknown> => ({
    type,
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: type === 'PodScheduled' ? iso : started,
  });
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(cond),
    hostIP: hostIp,
    hostIPs: [{ ip: hostIp }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: iso,
    containerStatuses: pod.spec.containers
      .map((c) => {
        const ref = parseImageRef(c.image);
        return {
          name: c.name,
          state: { running: { startedAt: started } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: ref.full,
          imageID: `${ref.registry}/${ref.path}@sha256:${imageDigest(ref.full)}`,
          containerID: `containerd://${hexId(ctx)}`,
          started: true,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    qosClass: 'BestEffort',
  };
}

/**
 * Create `pod` on `node` as if it had been running since `at`. If the dataplane cannot give it an address,
 * the pod is left Pending on its node and the kubelet starts it the ordinary way.
 */
export function createRunningPod(ctx: ControlContext, pod: KObject, node: string, at: number): Pod | undefined {
  const w = ctx.world;
  pod.spec = { ...(pod.spec ?? {}), nodeName: node };
  const r = w.api.create(pod, { fieldManager: 'kubelet' });
  if (!r.ok) return undefined;
  const created = r.object as Pod;
  const hostIp = nodeIp(w, node) ?? '';
  let ip = hostIp;
  if (!created.spec.hostNetwork) {
    try {
      ip = w.net.attachPod(created, node);
    } catch {
      return created;
    }
    if (w.cluster.cni === 'calico') {
      created.metadata.annotations = {
        ...(created.metadata.annotations ?? {}),
        'cni.projectcalico.org/containerID': hexId(ctx),
        'cni.projectcalico.org/podIP': `${ip}/32`,
        'cni.projectcalico.org/podIPs': `${ip}/32`,
      };
    }
  }
  created.status = runningStatus(ctx, created, hostIp, ip, at) as unknown as Pod['status'];
  created.metadata.creationTimestamp = w.clock.iso(at);
  return w.store.update(created);
}

/** Move an object's creationTimestamp back to `at` (for objects made at boot). */
export function backdate(ctx: ControlContext, obj: KObject, at: number): KObject {
  const cur = ctx.world.store.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!cur) return obj;
  cur.metadata.creationTimestamp = ctx.world.clock.iso(at);
  for (const m of cur.metadata.managedFields ?? []) m.time = ctx.world.clock.iso(at);
  return ctx.world.store.update(cur);
}
