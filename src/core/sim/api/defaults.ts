// The defaulting table: one row per kind, applied on create and update before validation.
import type { Rng } from '../rng.ts';
import { defaultPodOnCreate, defaultPodOnUpdate, defaultPodSpec } from './defaults-pod.ts';
import type { KObject } from './types.ts';
import { defaultNetworkPolicy } from './validate-networking.ts';
import { defaultAdminPolicy } from './validate-admin-policy.ts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface DefaultContext {
  rng: Rng;
  /** true on create, false on update/patch. */
  create: boolean;
}

export type Defaulter = (obj: KObject, ctx: DefaultContext) => void;

function templateSpec(obj: KObject): unknown {
  return isObj(obj.spec) && isObj(obj.spec.template) ? obj.spec.template.spec : undefined;
}

const deployment: Defaulter = (o) => {
  if (!isObj(o.spec)) return;
  o.spec.replicas ??= 1;
  o.spec.revisionHistoryLimit ??= 10;
  o.spec.progressDeadlineSeconds ??= 600;
  const strategy = isObj(o.spec.strategy) ? o.spec.strategy : (o.spec.strategy = {});
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {});
    ru.maxSurge ??= '25%';
    ru.maxUnavailable ??= '25%';
  }
  defaultPodSpec(templateSpec(o));
};

const replicaSet: Defaulter = (o) => {
  if (!isObj(o.spec)) return;
  o.spec.replicas ??= 1;
  defaultPodSpec(templateSpec(o));
};

const daemonSet: Defaulter = (o) => {
  if (!isObj(o.spec)) return;
  o.spec.revisionHistoryLimit ??= 10;
  const strategy = isObj(o.spec.updateStrategy) ? o.spec.updateStrategy : (o.spec.updateStrategy = {});
  strategy.type ??= 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : (strategy.rollingUpdate = {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  defaultPodSpec(templateSpec(o));
};

// SetDefaults_Service (pkg/apis/core/v1/defaults.go): session affinity and ports for every type, ExternalName
// included; traffic policies and IP families only for the types that have a cluster IP.
const service: Defaulter = (o) => {
  if (!isObj(o.spec)) o.spec = {};
  const spec = o.spec as Json;
  spec.sessionAffinity ??= 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  // The API default of sessionAffinityConfig for ClientIP affinity: three hours.
  if (spec.sessionAffinity === 'ClientIP') {
    if (!isObj(spec.sessionAffinityConfig)) spec.sessionAffinityConfig = {};
    const cfg = spec.sessionAffinityConfig as Json;
    if (!isObj(cfg.clientIP)) cfg.clientIP = {};
    (cfg.clientIP as Json).timeoutSeconds ??= 10800;
  }
  spec.type ??= 'ClusterIP';
  if (Array.isArray(spec.ports)) {
    for (const p of spec.ports) {
      if (!isObj(p)) continue;
      p.protocol ??= 'TCP';
      if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
  }
  if (spec.type === 'ExternalName') return;
  spec.internalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  spec.ipFamilies ??= ['IPv4'];
  spec.ipFamilyPolicy ??= 'SingleStack';
};

const namespace: Defaulter = (o) => {
  o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
  if (!isObj(o.spec)) o.spec = {};
  (o.spec as Json).finalizers ??= ['kubernetes'];
  if (!isObj(o.status)) o.status = { phase: 'Active' };
};

/** Defaulters by kind; kinds without a row get none. */
export const DEFAULTERS: Record<string, Defaulter> = {
  Pod: (o, ctx) => (ctx.create ? defaultPodOnCreate(o, ctx.rng) : defaultPodOnUpdate(o)),
  Deployment: deployment,
  ReplicaSet: replicaSet,
  DaemonSet: daemonSet,
  Service: service,
  Namespace: namespace,
  NetworkPolicy: (o) => defaultNetworkPolicy(o),
  AdminNetworkPolicy: (o) => defaultAdminPolicy(o),
  BaselineAdminNetworkPolicy: (o) => defaultAdminPolicy(o),
};

/** Apply the kind's defaults in place. */
export function applyDefaults(obj: KObject, ctx: DefaultContext): void {
  DEFAULTERS[obj.kind]?.(obj, ctx);
}
