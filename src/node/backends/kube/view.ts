// The cluster as the picture shows it, read from a real cluster: nodes (named as the lesson names them where
// mapped), the session namespace's pods, Services with their ready endpoints, Deployments and ReplicaSets.
import * as k8s from '@kubernetes/client-node';
import type { ClusterView } from '../../../core/index.ts';
import { nodeAddress, type ClusterClient } from './cluster-client.ts';

/** The view without its version (the backend numbers the views it hands out). */
export async function readView(
  client: ClusterClient,
  namespace: string,
  nodes: Map<string, string>,
): Promise<Omit<ClusterView, 'version'>> {
  const lessonName = new Map<string, string>();
  for (const [lesson, real] of nodes) if (!lessonName.has(real)) lessonName.set(real, lesson);
  const name = (real: string | undefined) => (real ? (lessonName.get(real) ?? real) : undefined);
  const apps = client.kc.makeApiClient(k8s.AppsV1Api);
  const [realNodes, pods, services, endpoints, deployments, replicaSets] = await Promise.all([
    client.nodes(),
    client.pods(namespace),
    client.core.listNamespacedService({ namespace }).then((l) => l.items),
    client.core.listNamespacedEndpoints({ namespace }).then((l) => l.items),
    apps.listNamespacedDeployment({ namespace }).then((l) => l.items),
    apps.listNamespacedReplicaSet({ namespace }).then((l) => l.items),
  ]);
  const workload = (kind: 'deployment' | 'replicaset') => (w: k8s.V1Deployment | k8s.V1ReplicaSet) => ({
    kind,
    namespace: w.metadata?.namespace ?? namespace,
    name: w.metadata?.name ?? '',
    selector: { ...(w.spec?.selector?.matchLabels ?? {}) },
    replicas: w.spec?.replicas ?? 1,
    readyReplicas: w.status?.readyReplicas ?? 0,
  });
  return {
    // the lesson's `default` namespace is the session's namespace here
    defaultNamespace: namespace,
    workloads: [...deployments.map(workload('deployment')), ...replicaSets.map(workload('replicaset'))],
    nodes: realNodes.map((n) => ({
      name: name(n.metadata?.name) ?? '',
      role: 'node-role.kubernetes.io/control-plane' in (n.metadata?.labels ?? {}) ? 'control-plane' : 'worker',
      ip: nodeAddress(n),
      podCIDR: n.spec?.podCIDR,
      ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    })),
    pods: pods.map((p) => ({
      namespace: p.metadata?.namespace ?? namespace,
      name: p.metadata?.name ?? '',
      node: name(p.spec?.nodeName),
      ip: p.status?.podIP,
      phase: p.metadata?.deletionTimestamp ? 'Terminating' : (p.status?.phase ?? 'Pending'),
      ready: `${(p.status?.containerStatuses ?? []).filter((c) => c.ready).length}/${p.spec?.containers.length ?? 0}`,
      labels: p.metadata?.labels ?? {},
      containers: (p.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        ports: (c.ports ?? []).map((x) => x.containerPort),
      })),
      hostNetwork: p.spec?.hostNetwork ?? false,
    })),
    services: services.map((s) => {
      const ep = endpoints.find((e) => e.metadata?.name === s.metadata?.name);
      const ready = (ep?.subsets ?? []).flatMap((sub) =>
        (sub.addresses ?? []).map((a) => (a.targetRef ? `${a.targetRef.namespace}/${a.targetRef.name}` : a.ip)),
      );
      return {
        namespace: s.metadata?.namespace ?? namespace,
        name: s.metadata?.name ?? '',
        type: s.spec?.type ?? 'ClusterIP',
        clusterIP: s.spec?.clusterIP,
        ports: (s.spec?.ports ?? []).map((p) => ({
          port: p.port,
          targetPort: String(p.targetPort ?? p.port),
          nodePort: p.nodePort,
          protocol: p.protocol ?? 'TCP',
        })),
        selector: s.spec?.selector ?? {},
        endpoints: [...new Set(ready)],
      };
    }),
  };
}
