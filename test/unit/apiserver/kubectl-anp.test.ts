// AdminNetworkPolicy and BaselineAdminNetworkPolicy through the facade: the real kubectl (discovery of the
// policy.networking.k8s.io group, apply, Table with the CRD's printer columns, -o yaml, validation, delete) prints what
// the simulator's kubectl prints for the same commands on an identical world.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTL, skipWithoutKubectl, startHarness, type Harness } from './harness.ts';

const ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-y
spec:
  priority: 10
  subject:
    namespaces:
      matchLabels:
        ns: x
  ingress:
  - name: deny-y
    action: Deny
    from:
    - namespaces:
        matchLabels:
          ns: "y"
    ports:
    - portNumber:
        port: 80
`;
const BANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  egress:
  - action: Allow
    to:
    - pods:
        namespaceSelector: {}
        podSelector: {}
`;
const BAD = ANP.replace('name: deny-y\nspec:\n  priority: 10', 'name: bad\nspec:\n  priority: 1001');

let real: Harness | undefined;
let sim: Harness | undefined;
before(async () => {
  if (!KUBECTL) return;
  real = await startHarness();
  sim = await startHarness();
});
after(async () => {
  await real?.close();
  await sim?.close();
});

async function same(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  assert.ok(real && sim);
  const r = await real.real(args);
  const s = sim.sim(args);
  assert.equal(r.stdout, s.stdout, `stdout of kubectl ${args.join(' ')}`);
  assert.equal(r.stderr, s.stderr, `stderr of kubectl ${args.join(' ')}`);
  assert.equal(r.code, s.code, `exit code of kubectl ${args.join(' ')}`);
  return r;
}

test('admin network policies: apply, get, -o yaml, bad priority, delete — real kubectl and simulator agree', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  for (const h of [real, sim]) {
    await h.writeBoth('anp.yaml', ANP);
    await h.writeBoth('banp.yaml', BANP);
    await h.writeBoth('bad.yaml', BAD);
  }
  assert.equal((await same(['apply', '-f', 'anp.yaml'])).stdout, 'adminnetworkpolicy.policy.networking.k8s.io/deny-y created\n');
  assert.equal((await same(['apply', '-f', 'banp.yaml'])).stdout, 'baselineadminnetworkpolicy.policy.networking.k8s.io/default created\n');
  assert.match((await same(['get', 'anp'])).stdout, /^NAME +PRIORITY +AGE\ndeny-y +10 +/);
  assert.match((await same(['get', 'baselineadminnetworkpolicy'])).stdout, /^NAME +AGE\ndefault +/);
  assert.match((await same(['describe', 'anp', 'deny-y'])).stdout, /^Spec:\n {2}Ingress:\n {4}Action: +Deny\n/m);
  await same(['describe', 'banp']);
  await same(['get', 'adminnetworkpolicies', 'deny-y', '-o', 'jsonpath={.spec.ingress[0].ports[0].portNumber.protocol}']);
  const bad = await same(['apply', '-f', 'bad.yaml']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /spec.priority in body should be less than or equal to 1000/);
  assert.equal((await same(['delete', 'anp', 'deny-y'])).stdout, 'adminnetworkpolicy.policy.networking.k8s.io "deny-y" deleted\n');
});
