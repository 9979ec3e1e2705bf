// The cluster's own configuration objects, as kubeadm v1.32, the kube-apiserver and the CNI manifest leave them:
// ConfigMaps (coredns, kube-proxy, kubeadm-config, kubelet-config, extension-apiserver-authentication, the
// legacy token tracking one, cluster-info; calico-config or kube-flannel-cfg). Every value comes from the
// resolved cluster (pod and service CIDRs, DNS domain, control-plane address, CNI), never from a lesson's text.
import type { ResolvedCluster } from '../contracts.ts';
import { formatIp, parseCidrSloppy } from '../net/cidr.ts';
import { sha256 } from '../net/sha256.ts';
import type { KObject } from '../api/types.ts';

const hex = (bytes: number[]): string => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (RFC 4648, padded) of ASCII text. */
function base64(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : -1;
    const n = (a << 16) | ((b < 0 ? 0 : b) << 8) | (c < 0 ? 0 : c);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (b < 0 ? '=' : B64[(n >> 6) & 63]) + (c < 0 ? '=' : B64[n & 63]);
  }
  return out;
}

/** A certificate-shaped placeholder (the same text as kube-root-ca.crt's); nothing here verifies TLS. */
export const CLUSTER_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIPodlabSimulatedCAwDQYJKoZIhvcNAQELBQAwFTETMBEG',
  'A1UEAxMKa3ViZXJuZXRlczAeFw0yNDAxMDEwMDAwMDBaFw0zNDAxMDEwMDAwMDBa',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

const FRONT_PROXY_CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDETCCAfmgAwIBAgIIPodlabFrontProxyCAwDQYJKoZIhvcNAQELBQAwGTEXMBUG',
  'A1UEAxMOZnJvbnQtcHJveHktY2EwHhcNMjQwMTAxMDAwMDAwWhcNMzQwMTAxMDAwMDAw',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

/** The kube-dns Service's address: the 10th of the service CIDR (kubeadm's GetDNSIP). */
export function clusterDnsIp(cluster: ResolvedCluster): string {
  const c = parseCidrSloppy(cluster.serviceCIDR);
  return c ? formatIp((c.network + 10) >>> 0) : '';
}

/**
 * kubeadm's CoreDNS Corefile for v1.32 (cmd/kubeadm/app/phases/addons/dns/manifests.go, CoreDNSConfigMap, with
 * `cache 30 { disable success/denial <domain> }` since kubernetes PR 128359, in v1.32). net/dns/coredns.ts answers
 * as this file says: the kubernetes plugin for the domain and the reverse zones, `forward` for the rest.
 */
export function corefile(domain: string): string {
  return [
    '.:53 {',
    '    errors',
    '    health {',
    '       lameduck 5s',
    '    }',
    '    ready',
    `    kubernetes ${domain} in-addr.arpa ip6.arpa {`,
    '       pods insecure',
    '       fallthrough in-addr.arpa ip6.arpa',
    '       ttl 30',
    '    }',
    '    prometheus :9153',
    '    forward . /etc/resolv.conf {',
    '       max_concurrent 1000',
    '    }',
    '    cache 30 {',
    `       disable success ${domain}`,
    `       disable denial ${domain}`,
    '    }',
    '    loop',
    '    reload',
    '    loadbalance',
    '}',
    '',
  ].join('\n');
}

/** logsapi.LoggingConfiguration at its zero value, as sigs.k8s.io/yaml marshals it (component-base/logs/api/v1). */
const LOGGING = [
  'logging:',
  '  flushFrequency: 0',
  '  options:',
  '    json:',
  '      infoBufferSize: "0"',
  '    text:',
  '      infoBufferSize: "0"',
  '  verbosity: 0',
];

/**
 * kube-proxy's config.conf: KubeProxyConfiguration v1alpha1 (k8s.io/kube-proxy config/v1alpha1 types.go, v0.32)
 * with kubeadm's defaults (cmd/kubeadm/app/componentconfigs/kubeproxy.go: bindAddress, clusterCIDR = podSubnet,
 * clientConnection.kubeconfig) and every other field at its zero value. kubeadm leaves `mode` empty: kube-proxy
 * then runs its Linux default, iptables (the mode whose rules net/kube-proxy-rules.ts prints).
 */
export function kubeProxyConfig(cluster: ResolvedCluster): string {
  return [
    'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
    'bindAddress: 0.0.0.0',
    'bindAddressHardFail: false',
    'clientConnection:',
    '  acceptContentTypes: ""',
    '  burst: 0',
    '  contentType: ""',
    '  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf',
    '  qps: 0',
    `clusterCIDR: ${cluster.podCIDR}`,
    'configSyncPeriod: 0s',
    'conntrack:',
    '  maxPerCore: null',
    '  min: null',
    '  tcpBeLiberal: false',
    '  tcpCloseWaitTimeout: null',
    '  tcpEstablishedTimeout: null',
    '  udpStreamTimeout: 0s',
    '  udpTimeout: 0s',
    'detectLocal:',
    '  bridgeInterface: ""',
    '  interfaceNamePrefix: ""',
    'detectLocalMode: ""',
    'enableProfiling: false',
    'healthzBindAddress: ""',
    'hostnameOverride: ""',
    'iptables:',
    '  localhostNodePorts: null',
    '  masqueradeAll: false',
    '  masqueradeBit: null',
    '  minSyncPeriod: 0s',
    '  syncPeriod: 0s',
    'ipvs:',
    '  excludeCIDRs: null',
    '  minSyncPeriod: 0s',
    '  scheduler: ""',
    '  strictARP: false',
    '  syncPeriod: 0s',
    '  tcpFinTimeout: 0s',
    '  tcpTimeout: 0s',
    '  udpTimeout: 0s',
    'kind: KubeProxyConfiguration',
    ...LOGGING,
    'metricsBindAddress: ""',
    'mode: ""',
    'nftables:',
    '  masqueradeAll: false',
    '  masqueradeBit: null',
    '  minSyncPeriod: 0s',
    '  syncPeriod: 0s',
    'nodePortAddresses: null',
    'oomScoreAdj: null',
    'portRange: ""',
    'showHiddenMetricsForVersion: ""',
    'winkernel:',
    '  enableDSR: false',
    '  forwardHealthCheckVip: false',
    '  networkName: ""',
    '  rootHnsEndpointName: ""',
    '  sourceVip: ""',
  ].join('\n');
}

/** kube-proxy's kubeconfig.conf (KubeProxyConfigMap19 in cmd/kubeadm/app/phases/addons/proxy/manifests.go). */
function kubeProxyKubeconfig(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- cluster:',
    '    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
    `    server: ${server}`,
    '  name: default',
    'contexts:',
    '- context:',
    '    cluster: default',
    '    namespace: default',
    '    user: default',
    '  name: default',
    'current-context: default',
    'users:',
    '- name: default',
    '  user:',
    '    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token',
  ].join('\n');
}

/** KubeletConfiguration v1beta1 as kubeadm stores it (k8s.io/kubelet config/v1beta1 types.go, v0.32; kubeadm's defaults). */
function kubeletConfig(cluster: ResolvedCluster): string {
  return [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'authentication:',
    '  anonymous:',
    '    enabled: false',
    '  webhook:',
    '    cacheTTL: 0s',
    '    enabled: true',
    '  x509:',
    '    clientCAFile: /etc/kubernetes/pki/ca.crt',
    'authorization:',
    '  mode: Webhook',
    '  webhook:',
    '    cacheAuthorizedTTL: 0s',
    '    cacheUnauthorizedTTL: 0s',
    'cgroupDriver: systemd',
    'clusterDNS:',
    `- ${clusterDnsIp(cluster)}`,
    `clusterDomain: ${cluster.domain}`,
    'containerRuntimeEndpoint: ""',
    'cpuManagerReconcilePeriod: 0s',
    'crashLoopBackOff: {}',
    'evictionPressureTransitionPeriod: 0s',
    'fileCheckFrequency: 0s',
    'healthzBindAddress: 127.0.0.1',
    'healthzPort: 10248',
    'httpCheckFrequency: 0s',
    'imageMaximumGCAge: 0s',
    'imageMinimumGCAge: 0s',
    'kind: KubeletConfiguration',
    ...LOGGING,
    'memorySwap: {}',
    'nodeStatusReportFrequency: 0s',
    'nodeStatusUpdateFrequency: 0s',
    'rotateCertificates: true',
    'runtimeRequestTimeout: 0s',
    'shutdownGracePeriod: 0s',
    'shutdownGracePeriodCriticalPods: 0s',
    'staticPodPath: /etc/kubernetes/manifests',
    'streamingConnectionIdleTimeout: 0s',
    'syncFrequency: 0s',
    'volumeStatsAggPeriod: 0s',
    '',
  ].join('\n');
}

/** ClusterConfiguration kubeadm.k8s.io/v1beta4 (kubeadm v1.32's stored form of `kubeadm init --pod-network-cidr`). */
function clusterConfiguration(cluster: ResolvedCluster): string {
  return [
    'apiServer: {}',
    'apiVersion: kubeadm.k8s.io/v1beta4',
    'caCertificateValidityPeriod: 87600h0m0s',
    'certificateValidityPeriod: 8760h0m0s',
    'certificatesDir: /etc/kubernetes/pki',
    'clusterName: kubernetes',
    'controllerManager: {}',
    'dns: {}',
    'encryptionAlgorithm: RSA-2048',
    'etcd:',
    '  local:',
    '    dataDir: /var/lib/etcd',
    'imageRepository: registry.k8s.io',
    'kind: ClusterConfiguration',
    `kubernetesVersion: ${cluster.kubernetesVersion}`,
    'networking:',
    `  dnsDomain: ${cluster.domain}`,
    `  podSubnet: ${cluster.podCIDR}`,
    `  serviceSubnet: ${cluster.serviceCIDR}`,
    'proxy: {}',
    'scheduler: {}',
    '',
  ].join('\n');
}

/** kube-public/cluster-info's kubeconfig (kubeadm phases/bootstraptoken/clusterinfo); the token's jws key expired with it. */
function clusterInfoKubeconfig(server: string): string {
  const ca = base64(CLUSTER_CA_PEM);
  return [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    `    certificate-authority-data: ${ca}`,
    `    server: ${server}`,
    '  name: ""',
    'contexts: null',
    'current-context: ""',
    'kind: Config',
    'preferences: {}',
    'users: null',
    '',
  ].join('\n');
}

/** calico-config from Calico v3.29's manifests/calico.yaml (the kubeadm quickstart's manifest). */
const CALICO_CNI_NETWORK_CONFIG = `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "__KUBERNETES_NODE_NAME__",
      "mtu": __CNI_MTU__,
      "ipam": {
          "type": "calico-ipam"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "__KUBECONFIG_FILEPATH__"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}`;

/** kube-flannel-cfg from flannel v0.26.1's Documentation/kube-flannel.yml, its Network the cluster pod CIDR. */
function flannelNetConf(cluster: ResolvedCluster): Record<string, string> {
  return {
    'cni-conf.json': `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`,
    'net-conf.json': `{
  "Network": "${cluster.podCIDR}",
  "EnableNFTables": false,
  "Backend": {
    "Type": "vxlan"
  }
}
`,
  };
}

/**
 * kubeadm's checksum annotation on the component-config ConfigMaps (componentconfigs/checksums.go
 * ChecksumForConfigMap: sha256 over the data values in key order).
 */
export function configMapChecksum(data: Record<string, string>): string {
  const text = Object.keys(data)
    .sort()
    .map((k) => data[k])
    .join('');
  return `sha256:${hex(sha256(text))}`;
}

/** One ConfigMap to create, with the field manager that wrote it. */
export interface ConfigObject {
  object: KObject;
  manager: string;
}

function cm(
  namespace: string,
  name: string,
  data: Record<string, string>,
  manager: string,
  meta: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): ConfigObject {
  return { object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...meta }, data }, manager };
}

/**
 * The ConfigMaps a kubeadm v1.32 cluster with this CNI has from its first minutes (kube-root-ca.crt comes from
 * its own controller, control/root-ca.ts). `since` is the cluster's creation day (YYYY-MM-DD).
 */
export function clusterConfigMaps(cluster: ResolvedCluster, controlPlaneIp: string, since: string): ConfigObject[] {
  const server = `https://${controlPlaneIp}:6443`;
  const proxyData = { 'config.conf': kubeProxyConfig(cluster), 'kubeconfig.conf': kubeProxyKubeconfig(server) };
  const kubeletData = { kubelet: kubeletConfig(cluster) };
  const hash = (data: Record<string, string>) => ({ 'kubeadm.kubernetes.io/component-config.hash': configMapChecksum(data) });
  const out: ConfigObject[] = [
    cm('kube-system', 'coredns', { Corefile: corefile(cluster.domain) }, 'kubeadm'),
    cm(
      'kube-system',
      'extension-apiserver-authentication',
      {
        'client-ca-file': CLUSTER_CA_PEM,
        'requestheader-allowed-names': '["front-proxy-client"]',
        'requestheader-client-ca-file': FRONT_PROXY_CA_PEM,
        'requestheader-extra-headers-prefix': '["X-Remote-Extra-"]',
        'requestheader-group-headers': '["X-Remote-Group"]',
        'requestheader-username-headers': '["X-Remote-User"]',
      },
      'kube-apiserver',
    ),
    cm('kube-system', 'kube-apiserver-legacy-service-account-token-tracking', { since }, 'kube-apiserver'),
    cm('kube-system', 'kube-proxy', proxyData, 'kubeadm', { labels: { app: 'kube-proxy' }, annotations: hash(proxyData) }),
    cm('kube-system', 'kubeadm-config', { ClusterConfiguration: clusterConfiguration(cluster) }, 'kubeadm'),
    cm('kube-system', 'kubelet-config', kubeletData, 'kubeadm', { annotations: hash(kubeletData) }),
    cm('kube-public', 'cluster-info', { kubeconfig: clusterInfoKubeconfig(server) }, 'kubeadm'),
  ];
  if (cluster.cni === 'calico') {
    out.push(
      cm(
        'kube-system',
        'calico-config',
        { typha_service_name: 'none', calico_backend: 'bird', veth_mtu: '0', cni_network_config: CALICO_CNI_NETWORK_CONFIG },
        'kubectl-client-side-apply',
      ),
    );
  } else if (cluster.cni === 'flannel') {
    out.push(
      cm('kube-flannel', 'kube-flannel-cfg', flannelNetConf(cluster), 'kubectl-client-side-apply', {
        labels: { tier: 'node', 'k8s-app': 'flannel', app: 'flannel' },
      }),
    );
  }
  return out;
}
