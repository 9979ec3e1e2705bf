// kubectl prints -o yaml|json without metadata.managedFields (cli-runtime's OmitManagedFieldsPrinter) unless
// --show-managed-fields; the apiserver keeps them. kubectl v1.32: `kubectl get pod x -o yaml` shows annotations,
// creationTimestamp, labels, name, namespace, resourceVersion, uid, and no managedFields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCluster, POD_YAML } from './scenarios.ts';

test('get -o yaml|json leaves out managedFields; --show-managed-fields keeps them', () => {
  const h = emptyCluster();
  h.writeFile('pod.yaml', POD_YAML);
  assert.equal(h.run('kubectl apply -f pod.yaml').code, 0);
  const yaml = h.run('kubectl get pod mypod -o yaml').stdout;
  assert.doesNotMatch(yaml, /managedFields/);
  assert.match(yaml, /\n {2}name: mypod\n {2}namespace: default\n {2}resourceVersion: "\d+"\n {2}uid: /);
  const list = JSON.parse(h.run('kubectl get pods -o json').stdout) as { items: { metadata: Record<string, unknown> }[] };
  assert.equal(list.items.length, 1);
  assert.equal('managedFields' in list.items[0].metadata, false);
  // The stored object still has them: the flag shows what the apiserver recorded.
  const kept = h.run('kubectl get pod mypod -o yaml --show-managed-fields').stdout;
  assert.match(
    kept,
    /\n {2}managedFields:\n {2}- apiVersion: v1\n {4}fieldsType: FieldsV1\n {4}manager: kubectl-client-side-apply\n {4}operation: Update\n/,
  );
  const one = JSON.parse(h.run('kubectl get pod mypod -o json --show-managed-fields').stdout) as { metadata: Record<string, unknown> };
  assert.ok(Array.isArray(one.metadata.managedFields));
  // jsonpath reads the object as the server sent it.
  assert.equal(h.run('kubectl get pod mypod -o jsonpath={.metadata.managedFields[0].manager}').stdout, 'kubectl-client-side-apply');
});

test('a mutation printed with -o yaml leaves them out too', () => {
  const h = emptyCluster();
  const out = h.run('kubectl create deployment web --image=nginx -o yaml').stdout;
  assert.match(out, /^apiVersion: apps\/v1\nkind: Deployment\n/);
  assert.doesNotMatch(out, /managedFields/);
});
