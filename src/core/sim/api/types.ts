// Kubernetes object shapes the simulator stores: the JSON of the real API, typed loosely where the sim does not care.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  /** RFC 3339, from the simulated clock. */
  creationTimestamp?: string;
  deletionTimestamp?: string;
  /** Seconds of grace the deletion was given (set together with deletionTimestamp). */
  deletionGracePeriodSeconds?: number;
  finalizers?: string[];
  /** Who wrote the object last, per manager (a light version of the real managedFields, without fieldsV1). */
  managedFields?: {
    manager: string;
    operation: 'Update' | 'Apply';
    apiVersion: string;
    time: string;
    fieldsType?: string;
    subresource?: string;
  }[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
}

export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are open-ended JSON
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [key: string]: unknown;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  hostPort?: number;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: ContainerPort[];
  env?: { name: string; value?: string }[];
  workingDir?: string;
}

export interface ContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  started?: boolean;
  /** `containerd://<64 hex>`, once the container was created. */
  containerID?: string;
  /** `docker.io/library/nginx@sha256:<64 hex>`, once the image was pulled. */
  imageID?: string;
  state: {
    waiting?: { reason: string; message?: string };
    running?: { startedAt: string };
    terminated?: { exitCode: number; reason: string; startedAt?: string; finishedAt?: string; containerID?: string };
  };
  lastState?: ContainerStatus['state'];
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  hostNetwork?: boolean;
  hostname?: string;
  subdomain?: string;
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  tolerations?: { key?: string; operator?: 'Exists' | 'Equal'; value?: string; effect?: string }[];
  dnsPolicy?: string;
}

export interface PodStatus {
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  conditions?: { type: string; status: 'True' | 'False'; lastTransitionTime?: string }[];
  hostIP?: string;
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  containerStatuses?: ContainerStatus[];
  reason?: string;
}

export interface Pod extends KObject {
  kind: 'Pod';
  spec: PodSpec;
  status?: PodStatus;
}

export interface ServicePort {
  name?: string;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface Service extends KObject {
  kind: 'Service';
  spec: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
    selector?: Record<string, string>;
    clusterIP?: string;
    clusterIPs?: string[];
    ports?: ServicePort[];
    externalName?: string;
    sessionAffinity?: string;
    sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
  };
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

export interface Endpoints extends KObject {
  kind: 'Endpoints';
  subsets?: {
    addresses?: EndpointAddress[];
    notReadyAddresses?: EndpointAddress[];
    ports?: { name?: string; port: number; protocol?: string }[];
  }[];
}

export interface NodeObj extends KObject {
  kind: 'Node';
  spec: {
    podCIDR?: string;
    podCIDRs?: string[];
    taints?: { key: string; value?: string; effect: string }[];
    unschedulable?: boolean;
  };
  status?: {
    addresses?: { type: 'InternalIP' | 'Hostname' | 'ExternalIP'; address: string }[];
    conditions?: { type: string; status: string }[];
    nodeInfo?: {
      kubeletVersion: string;
      osImage: string;
      kernelVersion: string;
      containerRuntimeVersion: string;
      architecture?: string;
      operatingSystem?: string;
    };
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}
