// A small schema of the kinds podlab serves: field names and JSON types, with their Go type names,
// so decoding can report unknown fields and type mismatches the way the apiserver's JSON decoder does.

/** A leaf type: the JSON it accepts and the Go type printed in `cannot unmarshal ... of type X`. */
export type Leaf = { json: 'string' | 'int' | 'bool' | 'intstr' | 'quantity' | 'any'; go: string };
export type Schema = Leaf | { map: Schema; go: string } | { list: Schema; go: string } | { struct: string; fields: Record<string, Schema> };

const str: Leaf = { json: 'string', go: 'string' };
const i32: Leaf = { json: 'int', go: 'int32' };
const i64: Leaf = { json: 'int', go: 'int64' };
const bool: Leaf = { json: 'bool', go: 'bool' };
const intstr: Leaf = { json: 'intstr', go: 'intstr.IntOrString' };
const any: Leaf = { json: 'any', go: 'interface {}' };
const strMap = { map: str, go: 'map[string]string' };
const strList = { list: str, go: '[]string' };
const struct = (name: string, fields: Record<string, Schema>): Schema => ({ struct: name, fields });
const list = (s: Schema & { struct: string }): Schema => ({ list: s, go: `[]v1.${s.struct}` });

const ownerRef = struct('OwnerReference', {
  apiVersion: str,
  kind: str,
  name: str,
  uid: str,
  controller: bool,
  blockOwnerDeletion: bool,
}) as Schema & { struct: string };
export const objectMeta = struct('ObjectMeta', {
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: str,
  resourceVersion: str,
  generation: i64,
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: i64,
  labels: strMap,
  annotations: strMap,
  ownerReferences: list(ownerRef),
  finalizers: strList,
  managedFields: any,
});

const containerPort = struct('ContainerPort', { name: str, hostPort: i32, containerPort: i32, protocol: str, hostIP: str }) as Schema & {
  struct: string;
};
const envVar = struct('EnvVar', { name: str, value: str, valueFrom: any }) as Schema & { struct: string };
const volumeMount = struct('VolumeMount', {
  name: str,
  readOnly: bool,
  recursiveReadOnly: str,
  mountPath: str,
  subPath: str,
  mountPropagation: str,
  subPathExpr: str,
}) as Schema & { struct: string };
const container = struct('Container', {
  name: str,
  image: str,
  command: strList,
  args: strList,
  workingDir: str,
  ports: list(containerPort),
  envFrom: any,
  env: list(envVar),
  resources: any,
  resizePolicy: any,
  restartPolicy: str,
  volumeMounts: list(volumeMount),
  volumeDevices: any,
  livenessProbe: any,
  readinessProbe: any,
  startupProbe: any,
  lifecycle: any,
  terminationMessagePath: str,
  terminationMessagePolicy: str,
  imagePullPolicy: str,
  securityContext: any,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
}) as Schema & { struct: string };
const toleration = struct('Toleration', { key: str, operator: str, value: str, effect: str, tolerationSeconds: i64 }) as Schema & {
  struct: string;
};
export const podSpec = struct('PodSpec', {
  volumes: any,
  initContainers: list(container),
  containers: list(container),
  ephemeralContainers: any,
  restartPolicy: str,
  terminationGracePeriodSeconds: i64,
  activeDeadlineSeconds: i64,
  dnsPolicy: str,
  nodeSelector: strMap,
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  securityContext: any,
  imagePullSecrets: any,
  hostname: str,
  subdomain: str,
  affinity: any,
  schedulerName: str,
  tolerations: list(toleration),
  hostAliases: any,
  priorityClassName: str,
  priority: i32,
  dnsConfig: any,
  readinessGates: any,
  runtimeClassName: str,
  enableServiceLinks: bool,
  preemptionPolicy: str,
  overhead: any,
  topologySpreadConstraints: any,
  setHostnameAsFQDN: bool,
  os: any,
  hostUsers: bool,
  schedulingGates: any,
  resourceClaims: any,
  resources: any,
});
const labelSelector = struct('LabelSelector', { matchLabels: strMap, matchExpressions: any });
const template = struct('PodTemplateSpec', { metadata: objectMeta, spec: podSpec });
const servicePort = struct('ServicePort', {
  name: str,
  protocol: str,
  appProtocol: str,
  port: i32,
  targetPort: intstr,
  nodePort: i32,
}) as Schema & { struct: string };

const top = (name: string, spec: Schema | undefined, extra: Record<string, Schema> = {}): Schema =>
  struct(name, { apiVersion: str, kind: str, metadata: objectMeta, ...(spec ? { spec } : {}), status: any, ...extra });

/** Schemas by kind; kinds without a row are stored as sent. */
export const SCHEMAS: Record<string, Schema> = {
  Pod: top('Pod', podSpec),
  Service: top(
    'Service',
    struct('ServiceSpec', {
      ports: list(servicePort),
      selector: strMap,
      clusterIP: str,
      clusterIPs: strList,
      type: str,
      externalIPs: strList,
      sessionAffinity: str,
      loadBalancerIP: str,
      loadBalancerSourceRanges: strList,
      externalName: str,
      externalTrafficPolicy: str,
      healthCheckNodePort: i32,
      publishNotReadyAddresses: bool,
      sessionAffinityConfig: any,
      ipFamilies: strList,
      ipFamilyPolicy: str,
      allocateLoadBalancerNodePorts: bool,
      loadBalancerClass: str,
      internalTrafficPolicy: str,
      trafficDistribution: str,
    }),
  ),
  Deployment: top(
    'Deployment',
    struct('DeploymentSpec', {
      replicas: i32,
      selector: labelSelector,
      template,
      strategy: any,
      minReadySeconds: i32,
      revisionHistoryLimit: i32,
      paused: bool,
      progressDeadlineSeconds: i32,
    }),
  ),
  ReplicaSet: top('ReplicaSet', struct('ReplicaSetSpec', { replicas: i32, minReadySeconds: i32, selector: labelSelector, template })),
  DaemonSet: top(
    'DaemonSet',
    struct('DaemonSetSpec', { selector: labelSelector, template, updateStrategy: any, minReadySeconds: i32, revisionHistoryLimit: i32 }),
  ),
  Namespace: top('Namespace', any),
  ConfigMap: top('ConfigMap', undefined, { data: strMap, binaryData: any, immutable: bool }),
};
