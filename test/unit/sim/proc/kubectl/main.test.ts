// The kubectl entry: unknown commands (with cobra's suggestions), help, version, cluster-info, and the other commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCluster, onePod } from './scenarios.ts';

test('unknown commands, with "Did you mean this?" as cobra suggests', () => {
  const h = emptyCluster();
  assert.deepEqual(
    [h.run('kubectl frobnicate').stderr, h.run('kubectl frobnicate').code],
    ['error: unknown command "frobnicate" for "kubectl"\n', 1],
  );
  // cobra's Levenshtein distance 2 reaches the real "top" command
  assert.equal(h.run('kubectl foo').stderr, 'error: unknown command "foo" for "kubectl"\n\nDid you mean this?\n\ttop\n');
  assert.equal(h.run('kubectl gte pods').stderr, 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n');
  assert.equal(h.run('kubectl top pods').stderr, 'error: the podlab simulator does not implement "kubectl top"\n');
});

test('help for kubectl and for a subcommand', () => {
  const h = emptyCluster();
  const root = h.run('kubectl --help');
  assert.match(root.stdout, /^kubectl controls the Kubernetes cluster manager\.\n/);
  assert.match(root.stdout, /\n  get             Display one or many resources\n/);
  const get = h.run('kubectl get -h');
  assert.match(get.stdout, /\nOptions:\n {4}-A, --all-namespaces=false:\n/);
  assert.match(get.stdout, /\nUsage:\n  kubectl get \[\(-o\|--output=\)json/);
  assert.equal(h.run('kubectl help exec').stdout, h.run('kubectl exec --help').stdout);
});

test('version and cluster-info', () => {
  const h = emptyCluster();
  assert.equal(h.run('kubectl version').stdout, 'Client Version: v1.32.4\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n');
  assert.equal(
    h.run('kubectl cluster-info').stdout,
    "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://172.18.0.2:6443\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
  );
  assert.equal(h.run('kubectl config current-context').stdout, 'kubernetes-admin@kubernetes\n');
  assert.match(h.run('kubectl api-resources').stdout, /\npods +po +v1 +true +Pod\n/);
});

test('run, expose, scale, label, logs', () => {
  const h = onePod();
  h.logs.set('default/mypod/mypod', ['line one', 'line two']);
  assert.equal(h.run('kubectl logs mypod --tail=1').stdout, 'line two\n');
  assert.equal(h.run('kubectl label pod mypod tier=web').stdout, 'pod/mypod labeled\n');
  assert.equal(h.run('kubectl label pod mypod tier=db').stderr, "error: 'tier' already has a value (web), and --overwrite is false\n");
  assert.equal(h.run('kubectl label pod mypod tier=db --overwrite').stdout, 'pod/mypod labeled\n');
  assert.equal(h.run('kubectl expose pod mypod --port=80 --target-port=8080 --type=NodePort').stdout, 'service/mypod exposed\n');
  assert.match(h.run('kubectl get svc mypod').stdout, /mypod +NodePort +10\.\S+ +<none> +80:3\d{4}\/TCP +0s\n$/);
  assert.equal(h.run('kubectl get svc mypod -o jsonpath={.spec.selector}').stdout, '{"tier":"db"}');
  assert.equal(
    h.run('kubectl scale deployment nope --replicas=2').stderr,
    'Error from server (NotFound): deployments.apps "nope" not found\n',
  );
  assert.equal(h.run('kubectl run web --image=nginx --port=80 --labels=app=web').stdout, 'pod/web created\n');
  assert.equal(
    h.run('kubectl get pod web -o jsonpath={.metadata.labels.app}:{.spec.containers[0].ports[0].containerPort}').stdout,
    'web:80',
  );
  assert.equal(h.run('kubectl expose pod nolabels --port=80').stderr, 'Error from server (NotFound): pods "nolabels" not found\n');
});
