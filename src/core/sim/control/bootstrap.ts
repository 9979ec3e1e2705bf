// Boot the cluster a lesson starts on: namespaces, nodes, the `kubernetes` and `kube-dns` Services, static
// control-plane pods, kube-proxy and CNI DaemonSets, CoreDNS — all created days ago and running.
import { formatIp, parseCidrSloppy, type Cidr } from '../net/cidr.ts';
import type { KObject } from '../api/types.ts';
import { DEFAULT_KUBERNETES_VERSION, nodeObject } from './bootstrap-nodes.ts';
import { backdate, createRunningPod } from './bootstrap-pods.ts';
import type { ControlContext } from './context.ts';
import { daemonPod } from './daemonset.ts';
import { surgeAndUnavailable } from './deployment-rollout.ts';
import { replicaSetFor } from './deployment.ts';
import { hexId } from './kubelet-util.ts';
import { nodePodCidrs } from './node-ipam.ts';
import { podTemplateHash } from './pod-template-hash.ts';
import { podFromTemplate } from './pods.ts';
import { cniWorkloads, coreDns, kubeProxy, staticPods } from './system-workloads.ts';
import { newUid } from '../api/context.ts';
import { blockAffinities, calicoCrds, defaultIpPool } from './calico-resources.ts';
import { clusterConfigMaps } from './cluster-config.ts';

/**
 * How long ago the cluster was set up when a lesson starts: 3 days 4 hours 12 minutes, so system objects show
 * AGE `3d4h` like the lab clusters in tutorials (and the reference transcripts).
 */
export const CLUSTER_AGE_MS = ((3 * 24 + 4) * 60 + 12) * 60_000;
/** Workers joined a minute and a half after the control plane came up. */
export const JOIN_DELAY_MS = 90_000;

function create(ctx: ControlContext, obj: KObject, at: number): KObject | undefined {
  const r = ctx.world.api.create(obj, { fieldManager: 'kubeadm' });
  return r.ok ? backdate(ctx, r.object, at) : undefined;
}

function services(ctx: ControlContext, cpIp: string, at: number): void {
  const cidr = parseCidrSloppy(ctx.world.cluster.serviceCIDR) as Cidr;
  const nthIp = (c: Cidr, off: number): string => formatIp((c.network + off) >>> 0);
  const port = { name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 };
  create(
    ctx,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: nthIp(cidr, 1), ports: [port] },
    },
    at,
  );
  create(
    ctx,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: cpIp }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    },
    at,
  );
  create(
    ctx,
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [cpIp], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    },
    at,
  );
  create(
    ctx,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: nthIp(cidr, 10),
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    at,
  );
}

function daemonSets(ctx: ControlContext, objs: KObject[], at: number): void {
  const w = ctx.world;
  for (const obj of objs) {
    const ds = create(ctx, obj, at);
    if (!ds) continue;
    const hash = podTemplateHash(ds.spec.template).slice(0, 10);
    for (const n of w.cluster.nodes) {
      const joined = n.role === 'control-plane' ? at : at + JOIN_DELAY_MS;
      createRunningPod(ctx, daemonPod(ds, n.name, hash), n.name, joined + 5_000);
    }
  }
}

function deployments(ctx: ControlContext, objs: KObject[], node: string, at: number): void {
  for (const obj of objs) {
    const d = create(ctx, obj, at);
    if (!d) continue;
    const replicas = Number(d.spec.replicas ?? 1);
    const hash = podTemplateHash(d.spec.template);
    const r = ctx.world.api.create(replicaSetFor(d, hash, 1, replicas, replicas + surgeAndUnavailable(d.spec.strategy, replicas).surge), {
      fieldManager: 'kube-controller-manager',
    });
    if (!r.ok) continue;
    const rs = backdate(ctx, r.object, at);
    for (let i = 0; i < replicas; i++)
      createRunningPod(ctx, podFromTemplate(rs, rs.spec.template, `${rs.metadata.name}-`), node, at + 20_000);
  }
}

/**
 * The cluster's configuration objects (ConfigMaps; Calico's CRDs, IPPool and block affinities). They are written
 * last and take their uids from a stream of their own, so every other object keeps the uid (and the veth names
 * derived from it) it had before they existed.
 */
function configObjects(ctx: ControlContext, cpIp: string, t0: number): void {
  const w = ctx.world;
  const uids = w.rng.fork('bootstrap-config');
  const put = (obj: KObject, manager: string, at: number): void => {
    if (w.store.has(obj.kind, obj.metadata.namespace, obj.metadata.name)) return;
    const time = w.clock.iso(at);
    obj.metadata.uid = newUid(uids);
    obj.metadata.creationTimestamp = time;
    obj.metadata.managedFields = [{ manager, operation: 'Update', apiVersion: obj.apiVersion, time, fieldsType: 'FieldsV1' }];
    w.store.create(obj);
  };
  const cluster = w.cluster;
  for (const c of clusterConfigMaps(cluster, cpIp, w.clock.iso(t0).slice(0, 10))) put(c.object, c.manager, t0);
  if (cluster.cni !== 'calico') return;
  for (const crd of calicoCrds()) put(crd, 'kubectl-client-side-apply', t0);
  put(defaultIpPool(cluster, w.clock.iso(t0 + 5_000)), 'calico-node', t0 + 5_000);
  const cp = cluster.nodes.find((n) => n.role === 'control-plane') ?? cluster.nodes[0];
  for (const [i, ba] of blockAffinities(cluster).entries()) {
    put(ba, 'calico-node', (cluster.nodes[i] === cp ? t0 : t0 + JOIN_DELAY_MS) + 5_000);
  }
}

/** Create everything a freshly set-up kubeadm cluster has, dated CLUSTER_AGE_MS before now. */
export function bootstrap(ctx: ControlContext): void {
  const w = ctx.world;
  const cluster = w.cluster;
  const t0 = w.clock.now() - CLUSTER_AGE_MS;
  const cp = cluster.nodes.find((n) => n.role === 'control-plane') ?? cluster.nodes[0];
  if (!cp) return;
  const version = cluster.kubernetesVersion || DEFAULT_KUBERNETES_VERSION;
  const rng = w.rng.fork('bootstrap-nodes');
  const cni = cniWorkloads(cluster.cni);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system', ...(cni.namespace ? [cni.namespace] : [])]) {
    create(ctx, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, t0);
  }
  const nodeUids = new Map<string, string>();
  const podCidrs = nodePodCidrs(cluster);
  for (const n of cluster.nodes) {
    const at = n === cp ? t0 : t0 + JOIN_DELAY_MS;
    const node = create(ctx, nodeObject(cluster, n, w.clock.iso(at), rng, podCidrs.get(n.name)), at);
    if (node?.metadata.uid) nodeUids.set(n.name, node.metadata.uid);
  }
  services(ctx, cp.ip, t0);
  for (const p of staticPods(cp.name, cp.ip, version, { pods: cluster.podCIDR, services: cluster.serviceCIDR })) {
    const hash = hexId(ctx).slice(0, 32);
    p.metadata.annotations = {
      ...p.metadata.annotations,
      'kubernetes.io/config.hash': hash,
      'kubernetes.io/config.mirror': hash,
      'kubernetes.io/config.seen': w.clock.iso(t0).replace('Z', '.000000000Z'),
      'kubernetes.io/config.source': 'file',
    };
    p.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: cp.name, uid: nodeUids.get(cp.name) ?? '', controller: true }];
    createRunningPod(ctx, p, cp.name, t0);
  }
  daemonSets(ctx, [kubeProxy(version), ...cni.objects.filter((o) => o.kind === 'DaemonSet')], t0);
  deployments(ctx, [coreDns(), ...cni.objects.filter((o) => o.kind === 'Deployment')], cp.name, t0);
  configObjects(ctx, cp.ip, t0);
}
