// kubectl and NetworkPolicy: get (NAME POD-SELECTOR AGE), describe byte for byte with the real kubectl v1.32 (golden
// captured through podlab apiserver), the API server's validation errors, and a malformed policy changing nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { KubectlHarness } from './harness.ts';

const GOLDEN = new URL('../../../../golden/kubectl/netpol/', import.meta.url);
const golden = (f: string) => readFileSync(new URL(f, GOLDEN), 'utf8');

function withPolicy(): KubectlHarness {
  const h = new KubectlHarness();
  h.writeFile('web.yaml', golden('web.yaml'));
  h.writeFile('bad.yaml', golden('bad.yaml'));
  const r = h.run('kubectl apply -f web.yaml');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/web created\n', r.stderr);
  return h;
}

test('kubectl describe networkpolicy matches the real kubectl v1.32 byte for byte', () => {
  const h = withPolicy();
  const r = h.run('kubectl describe networkpolicy web');
  assert.equal(r.code, 0, r.stderr);
  const created = /^Created on:.*$/m.exec(r.stdout)?.[0] ?? '';
  assert.match(created, /^Created on:   \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/);
  assert.equal(r.stdout, golden('describe-web.txt').replace(/^Created on:.*$/m, created));
});

test('kubectl get netpol / networkpolicy: NAME POD-SELECTOR AGE', () => {
  const h = withPolicy();
  const a = h.run('kubectl get netpol');
  assert.match(a.stdout, /^NAME {3}POD-SELECTOR {3}AGE\nweb {4}app=nginx {6}\d+s\n$/);
  assert.equal(h.run('kubectl get networkpolicies').stdout, a.stdout);
});

test("a malformed policy gets the API server's validation errors and changes nothing", () => {
  const h = withPolicy();
  const before = h.run('kubectl get netpol -o yaml').stdout;
  const r = h.run('kubectl apply -f bad.yaml');
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    [
      'The NetworkPolicy "bad" is invalid: ',
      '* spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
      '* spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is not specified',
      '* spec.ingress[0].ports[1].endPort: Invalid value: 80: must be greater than or equal to `port`',
      '* spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": not a valid CIDR',
      '* spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`',
      '',
    ].join('\n'),
  );
  assert.equal(h.run('kubectl get netpol -o yaml').stdout, before);
});

test('the API server defaults policyTypes and port protocols', () => {
  const h = new KubectlHarness();
  h.writeFile(
    'p.yaml',
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - port: 80\n',
  );
  h.run('kubectl apply -f p.yaml');
  assert.equal(h.run('kubectl get netpol p -o jsonpath={.spec.policyTypes}').stdout, '["Ingress"]');
  assert.equal(h.run('kubectl get netpol p -o jsonpath={.spec.ingress[0].ports[0].protocol}').stdout, 'TCP');
});
