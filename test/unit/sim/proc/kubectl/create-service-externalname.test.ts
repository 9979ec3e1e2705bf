// kubectl create service externalname (kubectl pkg/cmd/create/create_service.go): --external-name is required and
// must be a DNS-1123 subdomain, ports are optional (and left out when none is given), the app=NAME label and selector
// as for the other service generators; the apiserver defaults sessionAffinity only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCluster } from './scenarios.ts';

test('create service externalname: required flag, validation, the object sent and stored', () => {
  const h = emptyCluster();
  assert.equal(h.run('kubectl create service externalname ext').stderr, 'error: required flag(s) "external-name" not set\n');
  assert.equal(
    h.run('kubectl create service externalname ext --external-name Bad_Name').stderr,
    'error: invalid service external name Bad_Name\n',
  );
  const dry = h.run('kubectl create service externalname ext --external-name bar.com --dry-run=client -o yaml').stdout;
  assert.equal(
    dry,
    'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: ext\n  name: ext\nspec:\n' +
      '  externalName: bar.com\n  selector:\n    app: ext\n  type: ExternalName\nstatus:\n  loadBalancer: {}\n',
  );
  assert.equal(h.run('kubectl create service externalname ext --external-name bar.com').stdout, 'service/ext created\n');
  assert.equal(
    h.run('kubectl get svc ext -o jsonpath={.spec.type}/{.spec.externalName}/{.spec.sessionAffinity}').stdout,
    'ExternalName/bar.com/None',
  );
  assert.match(h.run('kubectl get svc ext').stdout, /^ext {4}ExternalName {3}<none> {7}bar\.com {7}<none> {4}0s$/m);
  assert.match(h.run('kubectl create service').stdout, /\n {2}externalname {4}Create an ExternalName service\n/);
});
