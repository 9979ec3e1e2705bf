// NetworkPolicy through the facade: the real kubectl (discovery, apply, Table, describe, label, delete, -o yaml, the
// server's validation errors) prints what the simulator's kubectl prints for the same commands on an identical world.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { KUBECTL, skipWithoutKubectl, startHarness, type Harness } from './harness.ts';

const GOLDEN = new URL('../../golden/kubectl/netpol/', import.meta.url);
const golden = (f: string) => readFileSync(new URL(f, GOLDEN), 'utf8');

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

test('networkpolicies: apply, get, describe, label, bad input, delete — real kubectl and simulator agree', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  for (const h of [real, sim]) {
    await h.writeBoth('web.yaml', golden('web.yaml'));
    await h.writeBoth('bad.yaml', golden('bad.yaml'));
  }
  assert.equal((await same(['apply', '-f', 'web.yaml'])).stdout, 'networkpolicy.networking.k8s.io/web created\n');
  assert.match((await same(['get', 'netpol'])).stdout, /^NAME +POD-SELECTOR +AGE\nweb +app=nginx +/);
  await same(['get', 'networkpolicies', '-A']);
  assert.match((await same(['describe', 'networkpolicy', 'web'])).stdout, /^ {2}Policy Types: Ingress, Egress$/m);
  await same(['get', 'netpol', 'web', '-o', 'jsonpath={.spec.policyTypes}']);
  assert.equal((await same(['apply', '-f', 'bad.yaml'])).code, 1);
  await same(['get', 'netpol', 'bad']);
  await same(['label', 'netpol', 'web', 'tier=db']);
  await same(['delete', 'netpol', 'web']);
});
