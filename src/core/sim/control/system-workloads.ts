// The cluster's own workloads, as kubeadm and the CNI manifests install them: static control-plane pods,
// kube-proxy and the CNI agent as DaemonSets, CoreDNS (and Calico's controllers) as Deployments.
import type { CniModel } from '../../lesson/model.ts';
import type { KObject } from '../api/types.ts';

export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.3';
const CP_TOLERATION = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

type Container = Record<string, unknown>;

function template(labels: Record<string, string>, spec: Record<string, unknown>): Record<string, unknown> {
  return { metadata: { labels }, spec };
}

export function daemonSet(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  containers: Container[],
  extra: Record<string, unknown> = {},
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels },
    spec: {
      selector: { matchLabels: labels },
      template: template(labels, {
        hostNetwork: true,
        priorityClassName: 'system-node-critical',
        tolerations: [{ operator: 'Exists' }],
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        containers,
        ...extra,
      }),
    },
  };
}

function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  replicas: number,
  spec: Record<string, unknown>,
): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
      template: template(labels, spec),
    },
  };
}

export function kubeProxy(version: string): KObject {
  return daemonSet(
    'kube-system',
    'kube-proxy',
    { 'k8s-app': 'kube-proxy' },
    [
      {
        name: 'kube-proxy',
        image: `registry.k8s.io/kube-proxy:${version}`,
        command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
        env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
        securityContext: { privileged: true },
      },
    ],
    { serviceAccountName: 'kube-proxy' },
  );
}

export function coreDns(): KObject {
  return deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, 2, {
    priorityClassName: 'system-cluster-critical',
    serviceAccountName: 'coredns',
    dnsPolicy: 'Default',
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, CP_TOLERATION],
    containers: [
      {
        name: 'coredns',
        image: COREDNS_IMAGE,
        args: ['-conf', '/etc/coredns/Corefile'],
        resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
        ports: [
          { containerPort: 53, name: 'dns', protocol: 'UDP' },
          { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
          { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
        ],
      },
    ],
  });
}

/** The CNI's agents: a DaemonSet per node, and Calico's controller Deployment. */
export function cniWorkloads(cni: CniModel): { namespace?: string; objects: KObject[] } {
  switch (cni) {
    case 'calico':
      return {
        objects: [
          daemonSet(
            'kube-system',
            'calico-node',
            { 'k8s-app': 'calico-node' },
            [
              {
                name: 'calico-node',
                image: 'docker.io/calico/node:v3.29.1',
                env: [{ name: 'CALICO_NETWORKING_BACKEND', value: 'bird' }],
                resources: { requests: { cpu: '250m' } },
                securityContext: { privileged: true },
              },
            ],
            { serviceAccountName: 'calico-node' },
          ),
          deployment('kube-system', 'calico-kube-controllers', { 'k8s-app': 'calico-kube-controllers' }, 1, {
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'calico-kube-controllers',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, CP_TOLERATION],
            containers: [{ name: 'calico-kube-controllers', image: 'docker.io/calico/kube-controllers:v3.29.1' }],
          }),
        ],
      };
    case 'flannel':
      return {
        namespace: 'kube-flannel',
        objects: [
          daemonSet(
            'kube-flannel',
            'kube-flannel-ds',
            { app: 'flannel', 'k8s-app': 'flannel' },
            [
              {
                name: 'kube-flannel',
                image: 'docker.io/flannel/flannel:v0.26.1',
                command: ['/opt/bin/flanneld'],
                args: ['--ip-masq', '--kube-subnet-mgr'],
                resources: { requests: { cpu: '100m', memory: '50Mi' } },
                securityContext: { privileged: false },
              },
            ],
            { serviceAccountName: 'flannel' },
          ),
        ],
      };
    default:
      return {
        objects: [
          daemonSet(
            'kube-system',
            'kindnet',
            { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
            [
              {
                name: 'kindnet-cni',
                image: 'docker.io/kindest/kindnetd:v20241108-5c6d2daf',
                resources: { limits: { cpu: '100m', memory: '50Mi' }, requests: { cpu: '100m', memory: '50Mi' } },
              },
            ],
            { serviceAccountName: 'kindnet' },
          ),
        ],
      };
  }
}

/** kubeadm's static pod manifests on a control-plane node (mirror pods are named `<component>-<node>`). */
export function staticPods(node: string, ip: string, version: string, cidrs: { pods: string; services: string }): KObject[] {
  // Requests as kubeadm's static pod manifests set them (cmd/kubeadm/app/phases/controlplane/manifests.go,
  // phases/etcd/local.go): apiserver 250m, controller-manager 200m, scheduler 100m, etcd 100m and 100Mi.
  const requests: Record<string, Record<string, string>> = {
    etcd: { cpu: '100m', memory: '100Mi' },
    'kube-apiserver': { cpu: '250m' },
    'kube-controller-manager': { cpu: '200m' },
    'kube-scheduler': { cpu: '100m' },
  };
  const pod = (component: string, image: string, command: string[], annotations: Record<string, string> = {}): KObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${component}-${node}`, namespace: 'kube-system', labels: { component, tier: 'control-plane' }, annotations },
    spec: {
      nodeName: node,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
      containers: [{ name: component, image, command, resources: { requests: requests[component] ?? {} } }],
    },
  });
  return [
    pod(
      'etcd',
      'registry.k8s.io/etcd:3.5.16-0',
      [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--data-dir=/var/lib/etcd',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        `--name=${node}`,
      ],
      { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    ),
    pod(
      'kube-apiserver',
      `registry.k8s.io/kube-apiserver:${version}`,
      ['kube-apiserver', `--advertise-address=${ip}`, '--secure-port=6443', `--service-cluster-ip-range=${cidrs.services}`],
      { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
    ),
    pod('kube-controller-manager', `registry.k8s.io/kube-controller-manager:${version}`, [
      'kube-controller-manager',
      '--allocate-node-cidrs=true',
      `--cluster-cidr=${cidrs.pods}`,
      '--leader-elect=true',
      `--service-cluster-ip-range=${cidrs.services}`,
    ]),
    pod('kube-scheduler', `registry.k8s.io/kube-scheduler:${version}`, ['kube-scheduler', '--leader-elect=true']),
  ];
}
