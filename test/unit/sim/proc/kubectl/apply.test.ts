// kubectl apply / create: created, unchanged, configured (three-way merge), dry runs, file and YAML errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threeWayPatch } from '../../../../../src/core/sim/proc/bin/kubectl/apply/three-way.ts';
import { emptyCluster } from './scenarios.ts';

const DEPLOY = (replicas: number, extraLabel = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web${extraLabel}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
`;

test('apply: created, then unchanged, then configured; labels added by others survive', () => {
  const h = emptyCluster();
  h.writeFile('d.yaml', DEPLOY(2));
  assert.deepEqual(
    [h.run('kubectl apply -f d.yaml').stdout, h.run('kubectl apply -f d.yaml').stdout],
    ['deployment.apps/web created\n', 'deployment.apps/web unchanged\n'],
  );
  assert.equal(h.run('kubectl label deploy web team=blue').stdout, 'deployment.apps/web labeled\n');
  assert.equal(h.run('kubectl apply -f d.yaml').stdout, 'deployment.apps/web unchanged\n');
  h.writeFile('d.yaml', DEPLOY(3));
  assert.equal(h.run('kubectl apply -f d.yaml').stdout, 'deployment.apps/web configured\n');
  const live = h.run('kubectl get deploy web -o jsonpath={.spec.replicas}/{.metadata.labels.team}').stdout;
  assert.equal(live, '3/blue');
});

test('apply removes fields dropped from the manifest (three-way), keeps server defaults', () => {
  const h = emptyCluster();
  h.writeFile('d.yaml', DEPLOY(1, '\n    tier: front'));
  h.run('kubectl apply -f d.yaml');
  h.writeFile('d.yaml', DEPLOY(1));
  assert.equal(h.run('kubectl apply -f d.yaml').stdout, 'deployment.apps/web configured\n');
  assert.equal(h.run('kubectl get deploy web -o jsonpath={.metadata.labels}').stdout, '{"app":"web"}');
  assert.equal(h.run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].ports[0].protocol}').stdout, 'TCP');
});

test('the three-way patch: changed, deleted, and list elements by merge key', () => {
  const original = { spec: { a: 1, gone: true, containers: [{ name: 'c', image: 'x' }] } };
  const modified = { spec: { a: 2, containers: [{ name: 'c', image: 'y' }] } };
  const current = { spec: { a: 1, gone: true, defaulted: 'keep', containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Always' }] } };
  assert.deepEqual(threeWayPatch(original, modified, current, 'Pod'), {
    spec: { a: 2, gone: null, containers: [{ image: 'y', name: 'c' }] },
  });
  assert.deepEqual(threeWayPatch(modified, modified, { spec: { a: 2, containers: [{ name: 'c', image: 'y', x: 1 }] } }, 'Pod'), {});
});

test('the last-applied annotation is kubectl’s JSON', () => {
  const h = emptyCluster();
  h.writeFile('d.yaml', DEPLOY(1));
  h.run('kubectl apply -f d.yaml');
  const yaml = h.run('kubectl get deploy web -o yaml').stdout;
  assert.match(
    yaml,
    /kubectl\.kubernetes\.io\/last-applied-configuration: \|\n {6}\{"apiVersion":"apps\/v1","kind":"Deployment","metadata":\{"annotations":\{\},"labels":\{"app":"web"\},"name":"web","namespace":"default"\},"spec":\{"replicas":1,/,
  );
});

test('dry runs, -o name, stdin', () => {
  const h = emptyCluster();
  h.writeFile('d.yaml', DEPLOY(1));
  assert.equal(h.run('kubectl apply -f d.yaml --dry-run=client').stdout, 'deployment.apps/web created (dry run)\n');
  assert.equal(h.run('kubectl get deploy').stderr, 'No resources found in default namespace.\n');
  assert.equal(h.run('kubectl apply -f - -o name', { stdin: DEPLOY(1) }).stdout, 'deployment.apps/web\n');
  assert.equal(
    h.run('kubectl apply -f d.yaml --dry-run').stderr,
    'error: --dry-run flag without a value was specified. A value must be set: "none", "server", or "client".\n',
  );
});

test('errors: missing path, YAML syntax, unknown kind, AlreadyExists on create', () => {
  const h = emptyCluster();
  assert.deepEqual(h.run('kubectl apply -f nope.yaml'), {
    stdout: '',
    stderr: 'error: the path "nope.yaml" does not exist\n',
    code: 1,
    shells: [],
    execs: [],
  });
  h.writeFile('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a: b\n');
  const bad = h.run('kubectl apply -f bad.yaml');
  assert.equal(
    bad.stderr,
    'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context\n',
  );
  assert.equal(bad.code, 1);
  h.writeFile('foo.yaml', 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n');
  assert.equal(
    h.run('kubectl apply -f foo.yaml').stderr,
    'error: resource mapping not found for name: "x" namespace: "" from "foo.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
  );
  h.writeFile('d.yaml', DEPLOY(1));
  assert.equal(h.run('kubectl create -f d.yaml').stdout, 'deployment.apps/web created\n');
  const again = h.run('kubectl create -f d.yaml');
  assert.equal(again.stderr, 'Error from server (AlreadyExists): error when creating "d.yaml": deployments.apps "web" already exists\n');
  assert.equal(again.code, 1);
  h.writeFile('ns.yaml', DEPLOY(1).replace('  name: web', '  name: web\n  namespace: other'));
  assert.equal(
    h.run('kubectl apply -f ns.yaml -n default').stderr,
    'error: the namespace from the provided object "other" does not match the namespace "default". You must pass \'--namespace=other\' to perform this operation.\n',
  );
});

test('create generators: deployment, service clusterip, namespace', () => {
  const h = emptyCluster();
  assert.equal(
    h.run('kubectl create deployment web --image=registry.k8s.io/e2e-test-images/agnhost:2.39 --replicas=2 --port=8080').stdout,
    'deployment.apps/web created\n',
  );
  assert.equal(h.run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].name}:{.spec.replicas}').stdout, 'agnhost:2');
  assert.equal(h.run('kubectl create service clusterip web --tcp=80:8080').stdout, 'service/web created\n');
  assert.equal(h.run('kubectl get svc web -o jsonpath={.spec.ports[0].name}/{.spec.ports[0].targetPort}').stdout, '80-8080/8080');
  assert.equal(h.run('kubectl create namespace lab').stdout, 'namespace/lab created\n');
  assert.equal(h.run('kubectl create deployment x').stderr, 'error: required flag(s) "image" not set\n');
  const yaml = h.run('kubectl create deployment y --image=nginx --dry-run=client -o yaml').stdout;
  assert.match(
    yaml,
    /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: "y"\n  name: "y"\nspec:\n/,
  );
});
