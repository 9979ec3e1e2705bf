// Protobuf message layouts (field numbers from k8s.io/api generated.proto) of the objects kubectl's typed clients
// send as protobuf (`kubectl create deployment|service|namespace|configmap`). Fields not listed are dropped.

/** How one field decodes. `pointer`: a Go pointer field, so a zero value was set on purpose and is kept. */
export type FieldType =
  | { t: 'string' | 'int' | 'bool' | 'bytes'; pointer?: boolean }
  | { t: 'message'; of: string }
  | { t: 'map'; value: 'string' | 'bytes' | { message: string } }
  | { t: 'time' }
  | { t: 'int-or-string' };

export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
}

const s = (name: string, repeated = false): FieldSpec => ({ name, type: { t: 'string' }, repeated });
const i = (name: string, pointer = false): FieldSpec => ({ name, type: { t: 'int', pointer } });
const b = (name: string, pointer = false): FieldSpec => ({ name, type: { t: 'bool', pointer } });
const m = (name: string, of: string, repeated = false): FieldSpec => ({ name, type: { t: 'message', of }, repeated });
const map = (name: string, value: 'string' | 'bytes' | { message: string } = 'string'): FieldSpec => ({ name, type: { t: 'map', value } });
const time = (name: string): FieldSpec => ({ name, type: { t: 'time' } });
const ios = (name: string): FieldSpec => ({ name, type: { t: 'int-or-string' } });

/** Message layouts by name; a kind decodes from the message of the same name. */
export const MESSAGES: Record<string, Record<number, FieldSpec>> = {
  ObjectMeta: {
    1: s('name'),
    2: s('generateName'),
    3: s('namespace'),
    5: s('uid'),
    6: s('resourceVersion'),
    7: i('generation'),
    8: time('creationTimestamp'),
    9: time('deletionTimestamp'),
    10: i('deletionGracePeriodSeconds', true),
    11: map('labels'),
    12: map('annotations'),
    13: m('ownerReferences', 'OwnerReference', true),
    14: s('finalizers', true),
  },
  OwnerReference: {
    1: s('kind'),
    3: s('name'),
    4: s('uid'),
    5: s('apiVersion'),
    6: b('controller', true),
    7: b('blockOwnerDeletion', true),
  },
  LabelSelector: { 1: map('matchLabels'), 2: m('matchExpressions', 'LabelSelectorRequirement', true) },
  LabelSelectorRequirement: { 1: s('key'), 2: s('operator'), 3: s('values', true) },
  Namespace: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'NamespaceSpec'), 3: m('status', 'NamespaceStatus') },
  NamespaceSpec: { 1: s('finalizers', true) },
  NamespaceStatus: { 1: s('phase') },
  ConfigMap: { 1: m('metadata', 'ObjectMeta'), 2: map('data'), 3: map('binaryData', 'bytes'), 4: b('immutable', true) },
  Service: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'ServiceSpec'), 3: m('status', 'Empty') },
  ServiceSpec: {
    1: m('ports', 'ServicePort', true),
    2: map('selector'),
    3: s('clusterIP'),
    18: s('clusterIPs', true),
    4: s('type'),
    5: s('externalIPs', true),
    7: s('sessionAffinity'),
    10: s('externalName'),
    11: s('externalTrafficPolicy'),
    13: b('publishNotReadyAddresses'),
    19: s('ipFamilies', true),
    17: { name: 'ipFamilyPolicy', type: { t: 'string', pointer: true } },
    22: { name: 'internalTrafficPolicy', type: { t: 'string', pointer: true } },
  },
  ServicePort: {
    1: s('name'),
    2: s('protocol'),
    3: i('port'),
    4: ios('targetPort'),
    5: i('nodePort'),
    6: { name: 'appProtocol', type: { t: 'string', pointer: true } },
  },
  Deployment: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'DeploymentSpec'), 3: m('status', 'Empty') },
  DeploymentSpec: {
    1: i('replicas', true),
    2: m('selector', 'LabelSelector'),
    3: m('template', 'PodTemplateSpec'),
    4: m('strategy', 'DeploymentStrategy'),
    5: i('minReadySeconds'),
    6: i('revisionHistoryLimit', true),
    7: b('paused'),
    9: i('progressDeadlineSeconds', true),
  },
  DeploymentStrategy: { 1: s('type'), 2: m('rollingUpdate', 'RollingUpdateDeployment') },
  RollingUpdateDeployment: { 1: ios('maxUnavailable'), 2: ios('maxSurge') },
  PodTemplateSpec: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'PodSpec') },
  Pod: { 1: m('metadata', 'ObjectMeta'), 2: m('spec', 'PodSpec'), 3: m('status', 'Empty') },
  PodSpec: {
    20: m('initContainers', 'Container', true),
    2: m('containers', 'Container', true),
    3: s('restartPolicy'),
    4: i('terminationGracePeriodSeconds', true),
    5: i('activeDeadlineSeconds', true),
    6: s('dnsPolicy'),
    7: map('nodeSelector'),
    8: s('serviceAccountName'),
    10: s('nodeName'),
    11: b('hostNetwork'),
    16: s('hostname'),
    17: s('subdomain'),
    19: s('schedulerName'),
    22: m('tolerations', 'Toleration', true),
  },
  Toleration: { 1: s('key'), 2: s('operator'), 3: s('value'), 4: s('effect'), 5: i('tolerationSeconds', true) },
  Container: {
    1: s('name'),
    2: s('image'),
    3: s('command', true),
    4: s('args', true),
    5: s('workingDir'),
    6: m('ports', 'ContainerPort', true),
    7: m('env', 'EnvVar', true),
    8: m('resources', 'ResourceRequirements'),
    13: s('terminationMessagePath'),
    20: s('terminationMessagePolicy'),
    14: s('imagePullPolicy'),
    16: b('stdin'),
    17: b('stdinOnce'),
    18: b('tty'),
  },
  ContainerPort: { 1: s('name'), 2: i('hostPort'), 3: i('containerPort'), 4: s('protocol'), 5: s('hostIP') },
  EnvVar: { 1: s('name'), 2: s('value') },
  ResourceRequirements: { 1: map('limits', { message: 'Quantity' }), 2: map('requests', { message: 'Quantity' }) },
  Quantity: { 1: s('string') },
  Empty: {},
};
