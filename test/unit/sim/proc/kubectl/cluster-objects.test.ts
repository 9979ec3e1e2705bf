// The cluster's own objects as kubectl v1.32 shows them on a kubeadm cluster: the kube-system ConfigMaps (CoreDNS's
// Corefile, kube-proxy's config.conf, kubeadm's and the kubelet's configs), Calico's CRDs, its default IPPool and
// block affinities, all derived from the cluster model (CIDRs, DNS domain, CNI) rather than written per lesson.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { configMapChecksum } from '../../../../../src/core/sim/control/cluster-config.ts';
import { clusterSpec, kubeSession } from './kube-session.ts';

test('kubectl get cm -n kube-system: what kubeadm, the apiserver and the Calico manifest leave', () => {
  const { run } = kubeSession(clusterSpec('calico'));
  assert.equal(
    run('kubectl get cm -n kube-system').stdout,
    [
      'NAME                                                   DATA   AGE',
      'calico-config                                          4      3d4h',
      'coredns                                                1      3d4h',
      'extension-apiserver-authentication                     6      3d4h',
      'kube-apiserver-legacy-service-account-token-tracking   1      3d4h',
      'kube-proxy                                             2      3d4h',
      'kube-root-ca.crt                                       1      3d4h',
      'kubeadm-config                                         1      3d4h',
      'kubelet-config                                         1      3d4h',
      '',
    ].join('\n'),
  );
  // flannel's manifest keeps its config in its own namespace; kube-system has no calico-config
  const flannel = kubeSession(clusterSpec('flannel'));
  assert.doesNotMatch(flannel.run('kubectl get cm -n kube-system').stdout, /calico-config/);
  assert.match(flannel.run('kubectl get cm -n kube-flannel').stdout, /\nkube-flannel-cfg +2 +3d4h\n/);
});

test("coredns's Corefile is kubeadm v1.32's, with the cluster's DNS domain", () => {
  const { world, run } = kubeSession(clusterSpec('calico', { domain: 'lab.example' }));
  const r = run('kubectl get cm coredns -n kube-system -o yaml');
  assert.equal(r.code, 0);
  assert.ok(
    r.stdout.startsWith(
      [
        'apiVersion: v1',
        'data:',
        '  Corefile: |',
        '    .:53 {',
        '        errors',
        '        health {',
        '           lameduck 5s',
        '        }',
        '        ready',
        '        kubernetes lab.example in-addr.arpa ip6.arpa {',
        '           pods insecure',
        '           fallthrough in-addr.arpa ip6.arpa',
        '           ttl 30',
        '        }',
        '        prometheus :9153',
        '        forward . /etc/resolv.conf {',
        '           max_concurrent 1000',
        '        }',
        '        cache 30 {',
        '           disable success lab.example',
        '           disable denial lab.example',
        '        }',
        '        loop',
        '        reload',
        '        loadbalance',
        '    }',
        'kind: ConfigMap',
        'metadata:',
        '  creationTimestamp: ',
      ].join('\n'),
    ),
    r.stdout,
  );
  assert.equal(world.cluster.domain, 'lab.example');
  // the kubelet's config points pods at the kube-dns Service and the same domain
  const kubelet = run('kubectl get cm kubelet-config -n kube-system -o jsonpath={.data.kubelet}').stdout;
  const dnsIp = run('kubectl get svc kube-dns -n kube-system -o jsonpath={.spec.clusterIP}').stdout;
  assert.match(kubelet, new RegExp(`\\nclusterDNS:\\n- ${dnsIp.replace(/\./g, '\\.')}\\nclusterDomain: lab\\.example\\n`));
});

test("kube-proxy's config.conf: kubeadm's defaults, clusterCIDR the pod CIDR, mode left empty (iptables on Linux)", () => {
  const { run } = kubeSession(clusterSpec('calico', { podCIDR: '172.16.0.0/16', serviceCIDR: '10.100.0.0/16' }));
  const conf = run("kubectl get cm kube-proxy -n kube-system -o jsonpath='{.data.config\\.conf}'").stdout;
  assert.match(conf, /^apiVersion: kubeproxy\.config\.k8s\.io\/v1alpha1\nbindAddress: 0\.0\.0\.0\n/);
  assert.match(conf, /\nclusterCIDR: 172\.16\.0\.0\/16\n/);
  assert.match(conf, /\nkind: KubeProxyConfiguration\n/);
  assert.match(conf, /\nmode: ""\n/);
  const yaml = run('kubectl get cm kube-proxy -n kube-system -o yaml').stdout;
  assert.match(yaml, /\n {8}server: https:\/\/10\.0\.0\.11:6443\n/);
  assert.match(yaml, /\n {4}kubeadm\.kubernetes\.io\/component-config\.hash: sha256:[0-9a-f]{64}\n/);
  assert.match(yaml, /\n {2}labels:\n {4}app: kube-proxy\n/);
  const kubeadm = run('kubectl get cm kubeadm-config -n kube-system -o jsonpath={.data.ClusterConfiguration}').stdout;
  assert.match(
    kubeadm,
    /\nnetworking:\n {2}dnsDomain: cluster\.local\n {2}podSubnet: 172\.16\.0\.0\/16\n {2}serviceSubnet: 10\.100\.0\.0\/16\n/,
  );
  assert.match(kubeadm, /\nkubernetesVersion: v1\.32\.0\n/);
});

test("kubeadm's ConfigMap checksum hashes the values in key order", () => {
  // sha256("ab")
  assert.equal(configMapChecksum({ b: 'b', a: 'a' }), 'sha256:fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603');
});

test("Calico's CRDs, its default IPPool from the model's pool, one block affinity per node block", () => {
  const { world, run } = kubeSession(clusterSpec('calico', { podCIDR: '10.50.0.0/16' }));
  const crds = run('kubectl get crd -o name').stdout.trim().split('\n');
  assert.equal(crds.length, 20);
  assert.ok(crds.includes('customresourcedefinition.apiextensions.k8s.io/ippools.crd.projectcalico.org'));
  assert.ok(crds.includes('customresourcedefinition.apiextensions.k8s.io/adminnetworkpolicies.policy.networking.k8s.io'));
  assert.match(
    run('kubectl get crd').stdout,
    /^NAME {50}CREATED AT\nadminnetworkpolicies\.policy\.networking\.k8s\.io {9}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/,
  );
  assert.equal(run('kubectl get ippools').stdout, 'NAME                  AGE\ndefault-ipv4-ippool   3d4h\n');
  const pool = run('kubectl get ippools.crd.projectcalico.org default-ipv4-ippool -o yaml').stdout;
  assert.match(
    pool,
    /^apiVersion: crd\.projectcalico\.org\/v1\nkind: IPPool\nmetadata:\n {2}annotations:\n {4}projectcalico\.org\/metadata: '\{"creationTimestamp":"[^"]+"\}'\n/,
  );
  assert.match(
    pool,
    /\nspec:\n {2}allowedUses:\n {2}- Workload\n {2}- Tunnel\n {2}blockSize: 26\n {2}cidr: 10\.50\.0\.0\/16\n {2}ipipMode: Always\n {2}natOutgoing: true\n {2}nodeSelector: all\(\)\n {2}vxlanMode: Never\n$/,
  );
  const affinities = run('kubectl get blockaffinities -o name').stdout.trim().split('\n');
  assert.deepEqual(
    affinities,
    world.cluster.nodes.map((n) => `blockaffinity.crd.projectcalico.org/${n.name}-${n.podCIDR.replace(/[./]/g, '-')}`).sort(),
  );
  const n1 = world.cluster.nodes.find((n) => n.name === 'n1')!;
  assert.equal(run(`kubectl get blockaffinity n1-${n1.podCIDR.replace(/[./]/g, '-')} -o jsonpath={.spec.cidr}`).stdout, n1.podCIDR);
});

test('a cluster without Calico serves none of its kinds', () => {
  const { run } = kubeSession(clusterSpec('flannel'));
  assert.deepEqual(run('kubectl get ippools'), {
    stdout: '',
    stderr: 'error: the server doesn\'t have a resource type "ippools"\n',
    code: 1,
  });
  assert.equal(run('kubectl get crd').stderr, 'No resources found\n');
});

test("describe configmap prints each key's value under its rule", () => {
  const { run } = kubeSession(clusterSpec('calico'));
  const out = run('kubectl describe cm kube-apiserver-legacy-service-account-token-tracking -n kube-system').stdout;
  assert.match(
    out,
    /^Name: {9}kube-apiserver-legacy-service-account-token-tracking\nNamespace: {4}kube-system\nLabels: {7}<none>\nAnnotations: {2}<none>\n\nData\n====\nsince:\n----\n\d{4}-\d\d-\d\d\n\n\nBinaryData\n====\n\nEvents: {2}<none>\n$/,
  );
});

test('kubectl get cm coredns -n kube-system -o yaml (golden)', () => {
  const { run } = kubeSession(clusterSpec('calico'));
  const golden = readFileSync(new URL('../../../../golden/kubectl/cluster/coredns-cm.yaml', import.meta.url), 'utf8');
  assert.equal(run('kubectl get cm coredns -n kube-system -o yaml').stdout, golden);
});
