// Differential test of the cluster's own objects: the real kubectl over the facade vs the simulator's kubectl, on
// a Calico variant of the fixture cluster: kube-system ConfigMaps, Calico's CRDs and IPPool, describe node.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_LESSON } from './fixture-lesson.ts';
import { KUBECTL, skipWithoutKubectl, startHarness, type Harness } from './harness.ts';

const CALICO = FIXTURE_LESSON.replace('cni: flannel', 'cni: calico')
  .replace('podCIDR: 10.244.0.0/16', 'podCIDR: 10.244.0.0/16')
  .replace('podCIDR: 10.244.1.0/24', 'podCIDR: 10.244.1.64/26')
  .replace('podCIDR: 10.244.2.0/24', 'podCIDR: 10.244.2.128/26');

let h: Harness | undefined;
before(async () => {
  if (!KUBECTL) return;
  h = await startHarness(CALICO);
});
after(async () => h?.close());

for (const args of [
  ['get', 'cm', '-n', 'kube-system'],
  ['get', 'cm', 'coredns', '-n', 'kube-system', '-o', 'yaml'],
  ['get', 'cm', 'kube-proxy', '-n', 'kube-system', '-o', 'yaml'],
  ['get', 'cm', 'kubelet-config', '-n', 'kube-system', '-o', 'jsonpath={.data.kubelet}'],
  ['describe', 'cm', 'coredns', '-n', 'kube-system'],
  ['get', 'crd'],
  ['get', 'ippools'],
  ['get', 'ippools.crd.projectcalico.org', '-o', 'yaml'],
  ['get', 'blockaffinities'],
  ['api-resources', '--api-group=crd.projectcalico.org'],
  ['get', 'node', 'wrk-a', '-o', 'jsonpath={.spec.podCIDR}'],
]) {
  test(`kubectl ${args.join(' ')}: the same bytes`, async (t) => {
    if (skipWithoutKubectl(t) || !h) return;
    const real = await h.real(args);
    const sim = h.sim(args);
    assert.deepEqual(sim, real);
  });
}

/**
 * describe node: the same text but for what the facade or the client's clock changes. The facade serves no
 * Leases (kubectl prints `Failed to get lease`); kubectl computes the pods' ages from the client's clock.
 */
function normalize(text: string): string {
  return text
    .replace(/^Lease:.*\n(?: {2}.*\n)*/m, 'Lease:\n')
    .replace(/^( {2}\S+ +\S+ +\S+ \(\d+%\) +\S+ \(\d+%\) +\S+ \(\d+%\) +\S+ \(\d+%\) +)\S+$/gm, '$1AGE');
}

for (const node of ['ctl', 'wrk-a']) {
  test(`kubectl describe node ${node}: the same text but the Lease and the pods' ages`, async (t) => {
    if (skipWithoutKubectl(t) || !h) return;
    const real = await h.real(['describe', 'node', node]);
    const sim = h.sim(['describe', 'node', node]);
    assert.equal(real.code, 0);
    assert.match(real.stdout, /^Lease:\s+Failed to get lease/m);
    assert.equal(normalize(sim.stdout), normalize(real.stdout));
  });
}
