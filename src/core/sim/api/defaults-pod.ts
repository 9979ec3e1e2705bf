// Pod defaulting: the v1 scheme defaults (pod spec, containers) and the create-time admission plugins
// (ServiceAccount token volume, DefaultTolerationSeconds), so `kubectl get pod -o yaml` reads like a real one.
import type { Rng } from '../rng.ts';
import { defaultPullPolicy } from './image-ref.ts';
import type { KObject } from './types.ts';

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function defaultContainer(c: unknown): void {
  if (!isObj(c)) return;
  if (typeof c.image === 'string' && c.imagePullPolicy === undefined) c.imagePullPolicy = defaultPullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) p.protocol ??= 'TCP';
}

/** Scheme defaults of a PodSpec; shared by Pods and the templates of Deployments, ReplicaSets and DaemonSets. */
export function defaultPodSpec(spec: unknown): void {
  if (!isObj(spec)) return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const list of [spec.containers, spec.initContainers]) if (Array.isArray(list)) list.forEach(defaultContainer);
  // With hostNetwork the container port is the host port.
  if (spec.hostNetwork === true && Array.isArray(spec.containers)) {
    for (const c of spec.containers) {
      if (isObj(c) && Array.isArray(c.ports)) for (const p of c.ports) if (isObj(p)) p.hostPort ??= p.containerPort;
    }
  }
}

const SA_MOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The projected token volume the ServiceAccount admission plugin adds (kube-api-access-xxxxx). */
function addServiceAccountVolume(spec: Json, rng: Rng): void {
  spec.serviceAccountName ??= 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : (spec.volumes = []);
  if ((volumes as unknown[]).some((v) => isObj(v) && typeof v.name === 'string' && v.name.startsWith('kube-api-access-'))) return;
  const name = `kube-api-access-${rng.alnum(5)}`;
  (volumes as unknown[]).push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  });
  for (const list of [spec.containers, spec.initContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isObj(c)) continue;
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : (c.volumeMounts = []);
      if (!(mounts as unknown[]).some((m) => isObj(m) && m.mountPath === SA_MOUNT))
        (mounts as unknown[]).push({ name, readOnly: true, mountPath: SA_MOUNT });
    }
  }
}

/** DefaultTolerationSeconds: tolerate not-ready/unreachable nodes for 300s. */
function addDefaultTolerations(spec: Json): void {
  const tolerations = Array.isArray(spec.tolerations) ? (spec.tolerations as unknown[]) : ((spec.tolerations = []) as unknown[]);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (tolerations.some((t) => isObj(t) && t.key === key && (t.effect === undefined || t.effect === 'NoExecute'))) continue;
    tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
}

/** Defaults of a Pod at create time: scheme defaults, admission plugins, and the initial status. */
export function defaultPodOnCreate(pod: KObject, rng: Rng): void {
  defaultPodSpec(pod.spec);
  if (isObj(pod.spec)) {
    pod.spec.enableServiceLinks ??= true;
    pod.spec.preemptionPolicy ??= 'PreemptLowerPriority';
    pod.spec.priority ??= 0;
    // Mirror pods of static pods skip the ServiceAccount and toleration admission plugins, as in a real cluster.
    const mirror = pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
    if (!mirror) {
      addServiceAccountVolume(pod.spec, rng);
      addDefaultTolerations(pod.spec);
    }
  }
  pod.status = { phase: 'Pending', qosClass: 'BestEffort' };
}

/** Defaults of a Pod on update: scheme defaults only (admission mutations happen once, at create). */
export function defaultPodOnUpdate(pod: KObject): void {
  defaultPodSpec(pod.spec);
}
