// Admission failures: each Status message as the real apiserver words it (pkg/apis/*/validation, apimachinery).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiResult } from '../../../../src/core/sim/api/api.ts';
import type { KObject } from '../../../../src/core/sim/api/types.ts';
import { makeTestWorld } from '../control/test-world.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const pod = (name: string, spec: unknown, meta: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, ...meta },
  spec,
});
const web = { containers: [{ name: 'web', image: 'nginx' }] };
const deploy = (selector: unknown, labels: unknown, apiVersion = 'apps/v1'): KObject => ({
  apiVersion,
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { selector, template: { metadata: { labels }, spec: web } },
});

const CASES: { title: string; obj: KObject; reason: string; message: string }[] = [
  {
    title: 'pod without containers',
    obj: pod('x', { containers: [] }),
    reason: 'Invalid',
    message: 'Pod "x" is invalid: spec.containers: Required value',
  },
  {
    title: 'pod name not a DNS subdomain',
    obj: pod('Bad_Name', web),
    reason: 'Invalid',
    message: `Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${SUBDOMAIN_MSG}`,
  },
  {
    title: 'container without image',
    obj: pod('x', { containers: [{ name: 'web' }] }),
    reason: 'Invalid',
    message: 'Pod "x" is invalid: spec.containers[0].image: Required value',
  },
  {
    title: 'container name not a DNS label',
    obj: pod('x', { containers: [{ name: 'Web', image: 'nginx' }] }),
    reason: 'Invalid',
    message: `Pod "x" is invalid: spec.containers[0].name: Invalid value: "Web": ${LABEL_MSG}`,
  },
  {
    title: 'two errors are aggregated in brackets',
    obj: pod('x', { containers: [{ name: 'web' }, { name: 'web', image: 'busybox' }] }),
    reason: 'Invalid',
    message: 'Pod "x" is invalid: [spec.containers[0].image: Required value, spec.containers[1].name: Duplicate value: "web"]',
  },
  {
    title: 'restartPolicy not supported',
    obj: pod('x', { ...web, restartPolicy: 'Sometimes' }),
    reason: 'Invalid',
    message: 'Pod "x" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
  },
  {
    title: 'containerPort out of range',
    obj: pod('x', { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 70000 }] }] }),
    reason: 'Invalid',
    message: 'Pod "x" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
  },
  {
    title: 'label value with a space',
    obj: pod('x', web, { labels: { app: 'my app' } }),
    reason: 'Invalid',
    message: `Pod "x" is invalid: metadata.labels: Invalid value: "my app": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  },
  {
    title: 'service name must be a DNS-1035 label',
    obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } },
    reason: 'Invalid',
    message: `Service "1web" is invalid: metadata.name: Invalid value: "1web": ${DNS1035_MSG}`,
  },
  {
    title: 'service without ports',
    obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' } } },
    reason: 'Invalid',
    message: 'Service "s" is invalid: spec.ports: Required value',
  },
  {
    title: 'service protocol not supported',
    obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, protocol: 'HTTP' }] } },
    reason: 'Invalid',
    message: 'Service "s" is invalid: spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
  },
  {
    title: 'service clusterIP already taken (kube-dns has .10)',
    obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 80 }] } },
    reason: 'Invalid',
    message:
      'Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
  },
  {
    title: 'service clusterIP outside the range',
    obj: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: '172.16.0.5', ports: [{ port: 80 }] } },
    reason: 'Invalid',
    message:
      'Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"172.16.0.5"}: failed to allocate IP 172.16.0.5: the provided IP (172.16.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
  },
  {
    title: 'deployment selector does not match the template',
    obj: deploy({ matchLabels: { app: 'web' } }, { app: 'other' }),
    reason: 'Invalid',
    message:
      'Deployment.apps "d" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`',
  },
  {
    title: 'deployment without selector',
    obj: deploy(undefined, { app: 'web' }),
    reason: 'Invalid',
    message: 'Deployment.apps "d" is invalid: spec.selector: Required value',
  },
  {
    title: 'unknown kind',
    obj: { apiVersion: 'v1', kind: 'Foo', metadata: { name: 'f' } },
    reason: 'NotFound',
    message: 'no matches for kind "Foo" in version "v1"',
  },
  {
    title: 'deployment in an old API group',
    obj: deploy({ matchLabels: { app: 'web' } }, { app: 'web' }, 'extensions/v1beta1'),
    reason: 'NotFound',
    message: 'no matches for kind "Deployment" in version "extensions/v1beta1"',
  },
  {
    title: 'namespace that does not exist',
    obj: pod('x', web, { namespace: 'nope' }),
    reason: 'NotFound',
    message: 'namespaces "nope" not found',
  },
  {
    title: 'unknown field (strict field validation)',
    obj: pod('x', { containers: [{ name: 'web', image: 'nginx', imagePullPolice: 'Always' }] }),
    reason: 'BadRequest',
    message: 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolice"',
  },
  {
    title: 'a port given as a string',
    obj: pod('x', { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: '80' }] }] }),
    reason: 'BadRequest',
    message:
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
  },
  {
    // A map's keys are in the path of unknown fields but not in the Go field path of type errors.
    title: 'a label value given as a number',
    obj: pod('x', web, { labels: { app: 1 } }),
    reason: 'BadRequest',
    message:
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
  },
  {
    title: 'unknown fields at two depths, in the order the decoder meets them',
    obj: {
      ...pod('x', { containers: [web.containers[0], { name: 'b', image: 'nginx', ports: [{ containerPort: 80, hostIP2: 'x' }] }] }),
      extra: 1,
    },
    reason: 'BadRequest',
    message:
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[1].ports[0].hostIP2", unknown field "extra"',
  },
];

function failure(r: ApiResult): { reason: string; message: string } {
  assert.equal(r.ok, false, 'expected a failure');
  if (r.ok) throw new Error('unreachable');
  return { reason: r.status.reason, message: r.status.message };
}

for (const c of CASES) {
  test(`create fails: ${c.title}`, () => {
    const w = makeTestWorld();
    assert.deepEqual(failure(w.api.create(c.obj)), { reason: c.reason, message: c.message });
  });
}

test('Invalid statuses carry kind, name and causes, for kubectl\'s "The Pod "x" is invalid:" line', () => {
  const w = makeTestWorld();
  const r = w.api.create(pod('x', { containers: [] }));
  assert.ok(!r.ok);
  assert.equal(r.status.code, 422);
  assert.deepEqual(r.status.details, {
    name: 'x',
    group: undefined,
    kind: 'Pod',
    causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' }],
  });
});

test('AlreadyExists and NotFound use the plural (group-qualified) resource', () => {
  const w = makeTestWorld();
  assert.ok(w.api.create(pod('x', web)).ok);
  assert.deepEqual(failure(w.api.create(pod('x', web))), { reason: 'AlreadyExists', message: 'pods "x" already exists' });
  assert.deepEqual(failure(w.api.get({ kind: 'Pod', name: 'nosuch' })), { reason: 'NotFound', message: 'pods "nosuch" not found' });
  assert.deepEqual(failure(w.api.get({ kind: 'Deployment', name: 'x' })), {
    reason: 'NotFound',
    message: 'deployments.apps "x" not found',
  });
  assert.deepEqual(failure(w.api.delete({ kind: 'svc', name: 'x' })), { reason: 'NotFound', message: 'services "x" not found' });
});

test('with fieldValidation Warn an unknown field is dropped and reported as a warning', () => {
  const w = makeTestWorld();
  const r = w.api.create(pod('x', { containers: [{ name: 'web', image: 'nginx', imagePullPolice: 'Always' }] }), {
    fieldValidation: 'Warn',
  });
  assert.ok(r.ok);
  assert.deepEqual(r.warnings, ['unknown field "spec.containers[0].imagePullPolice"']);
  assert.equal((r.object.spec.containers[0] as Record<string, unknown>).imagePullPolice, undefined);
});

test('a running pod may change its image but not its ports', () => {
  const w = makeTestWorld();
  assert.ok(w.api.create(pod('x', { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] })).ok);
  const ok = w.api.patch({ kind: 'Pod', name: 'x' }, { spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } }, 'strategic');
  assert.ok(ok.ok);
  assert.equal(ok.object.spec.containers[0].image, 'nginx:1.25');
  const bad = failure(
    w.api.patch({ kind: 'Pod', name: 'x' }, { spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] } }, 'strategic'),
  );
  assert.equal(bad.reason, 'Invalid');
  assert.ok(
    bad.message.startsWith(
      'Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n',
    ),
    bad.message,
  );
  assert.match(bad.message, /\n\+ \tContainers\[0\]\.Ports: \[.*"containerPort":8080/);
});

test('a deployment selector is immutable', () => {
  const w = makeTestWorld();
  assert.ok(w.api.create(deploy({ matchLabels: { app: 'web' } }, { app: 'web', v: '1' })).ok);
  const bad = failure(
    w.api.patch({ kind: 'Deployment', name: 'd' }, { spec: { selector: { matchLabels: { app: 'web', v: '1' } } } }, 'merge'),
  );
  assert.equal(
    bad.message,
    'Deployment.apps "d" is invalid: spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "v":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  );
});

test('an update with a stale resourceVersion conflicts', () => {
  const w = makeTestWorld();
  const r = w.api.create(pod('x', web));
  assert.ok(r.ok);
  const stale = { ...r.object, metadata: { ...r.object.metadata, labels: { a: 'b' } } };
  assert.ok(w.api.update({ ...r.object, metadata: { ...r.object.metadata, labels: { a: 'c' } } }).ok);
  assert.deepEqual(failure(w.api.update(stale)), {
    reason: 'Conflict',
    message:
      'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again',
  });
});

test('system namespaces may not be deleted; scale refuses negative replicas', () => {
  const w = makeTestWorld();
  assert.deepEqual(failure(w.api.delete({ kind: 'Namespace', name: 'kube-system' })), {
    reason: 'Forbidden',
    message: 'namespaces "kube-system" is forbidden: this namespace may not be deleted',
  });
  assert.deepEqual(failure(w.api.scale({ kind: 'Deployment', namespace: 'kube-system', name: 'coredns' }, -1)), {
    reason: 'Invalid',
    message: 'Scale.autoscaling "coredns" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
  });
});
