// kubectl get: status strings, multi-kind tables, output formats, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../../../src/core/sim/api/types.ts';
import { formatEndpoints } from '../../../../../src/core/sim/api/printers/endpoints.ts';
import { podSummary } from '../../../../../src/core/sim/api/printers/pod.ts';
import { portString } from '../../../../../src/core/sim/api/printers/service.ts';
import { printYaml } from '../../../../../src/core/sim/proc/bin/kubectl/output/go-yaml.ts';
import { printJson } from '../../../../../src/core/sim/proc/bin/kubectl/output/go-json.ts';
import { emptyCluster, twoPods } from './scenarios.ts';

const NOW = Date.UTC(2024, 0, 1, 1, 0, 0);
const mk = (status: object, spec: object = { containers: [{ name: 'c', image: 'x' }] }, meta: object = {}): KObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...meta }, spec, status }) as KObject;

test('pod STATUS/READY/RESTARTS as printPod computes them', () => {
  const cases: [KObject, string, string, string][] = [
    [mk({ phase: 'Pending' }), 'Pending', '0/1', '0'],
    [
      mk({
        phase: 'Pending',
        containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
      }),
      'ContainerCreating',
      '0/1',
      '0',
    ],
    [
      mk({ phase: 'Pending', containerStatuses: [{ name: 'c', restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] }),
      'ImagePullBackOff',
      '0/1',
      '0',
    ],
    [
      mk({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'c',
            ready: false,
            restartCount: 2,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2024-01-01T00:55:00Z' } },
          },
        ],
      }),
      'CrashLoopBackOff',
      '0/1',
      '2 (5m ago)',
    ],
    [
      mk({
        phase: 'Succeeded',
        containerStatuses: [{ name: 'c', restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
      }),
      'Completed',
      '0/1',
      '0',
    ],
    [
      mk({ phase: 'Running', containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: { running: {} } }] }, undefined, {
        deletionTimestamp: '2024-01-01T01:00:30Z',
      }),
      'Terminating',
      '1/1',
      '0',
    ],
    [
      mk(
        { phase: 'Pending', initContainerStatuses: [{ name: 'i', restartCount: 0, state: { running: {} } }] },
        { initContainers: [{ name: 'i', image: 'x' }], containers: [{ name: 'c', image: 'x' }] },
      ),
      'Init:0/1',
      '0/1',
      '0',
    ],
  ];
  for (const [pod, status, ready, restarts] of cases) assert.deepEqual(podSummary(pod, NOW), { status, ready, restarts }, status);
});

test('cells: service ports, endpoints with "+ N more..."', () => {
  assert.equal(
    portString([
      { port: 80, protocol: 'TCP', nodePort: 30080 },
      { port: 53, protocol: 'UDP' },
    ]),
    '80:30080/TCP,53/UDP',
  );
  const ep = {
    kind: 'Endpoints',
    metadata: { name: 'e' },
    subsets: [{ addresses: ['1', '2', '3', '4', '5'].map((n) => ({ ip: `10.0.0.${n}` })), ports: [{ port: 80 }] }],
  } as unknown as KObject;
  assert.equal(formatEndpoints(ep), '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...');
  assert.equal(formatEndpoints({ kind: 'Endpoints', metadata: { name: 'e' } } as KObject), '<none>');
});

test('several kinds: kind-prefixed names and a blank line between tables', () => {
  const h = twoPods();
  const r = h.run('kubectl get pod/mypod svc/kubernetes');
  assert.equal(
    r.stdout,
    'NAME        READY   STATUS    RESTARTS   AGE\npod/mypod   1/1     Running   0          5m\n\nNAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\nservice/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   3d4h\n',
  );
});

test('found names print, missing ones error after; --show-labels; -l', () => {
  const h = twoPods();
  const r = h.run('kubectl get pods mypod nosuch');
  assert.equal(r.stdout, 'NAME    READY   STATUS    RESTARTS   AGE\nmypod   1/1     Running   0          5m\n');
  assert.equal(r.stderr, 'Error from server (NotFound): pods "nosuch" not found\n');
  assert.equal(r.code, 1);
  assert.match(
    h.run('kubectl get pods --show-labels').stdout,
    /LABELS\n.*<none>\nnginx-7c5ddbdf54-x2v9q .* app=nginx,pod-template-hash=7c5ddbdf54\n$/,
  );
  assert.equal(h.run('kubectl get pods -l app=nginx -o name').stdout, 'pod/nginx-7c5ddbdf54-x2v9q\n');
  assert.equal(h.run('kubectl get nodes').stdout.split('\n')[1], 'control-plane   Ready    control-plane   3d4h   v1.32.0');
});

test('jsonpath range, -o json and -o yaml of a list', () => {
  const h = twoPods();
  const tpl = `kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'`;
  assert.equal(h.run(tpl).stdout, 'mypod\t10.244.1.5\nnginx-7c5ddbdf54-x2v9q\t10.244.2.17\n');
  assert.equal(h.run('kubectl get pods -o jsonpath={.items[*].metadata.name}').stdout, 'mypod nginx-7c5ddbdf54-x2v9q');
  const json = JSON.parse(h.run('kubectl get pods -o json').stdout) as { kind: string; items: unknown[] };
  assert.equal(json.kind, 'List');
  assert.equal(json.items.length, 2);
  assert.match(
    h.run('kubectl get pod mypod -o yaml').stdout,
    /^apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "2024-01-04T03:55:00Z"\n/,
  );
  assert.equal(
    emptyCluster().run('kubectl get pods -o json').stdout,
    '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n',
  );
  assert.equal(
    h.run('kubectl get pods -o foo').stderr.startsWith('error: unable to match a printer suitable for the output format "foo"'),
    true,
  );
});

test('go-yaml and encoding/json details: quoting, folding, escapes, key order', () => {
  assert.equal(
    printYaml({ b: 'yes', a: '123', c: 'plain text', d: '', e: 'x: y', f: 'a\nb\n', g: [] }),
    'a: "123"\nb: "yes"\nc: plain text\nd: ""\ne: \'x: y\'\nf: |\n  a\n  b\ng: []\n',
  );
  const long = 'word '.repeat(30).trim();
  assert.equal(printYaml({ m: long }).split('\n')[1].startsWith('  word'), true);
  assert.equal(printJson({ b: '<none>', a: 1 }), '{\n    "a": 1,\n    "b": "\\u003cnone\\u003e"\n}\n');
});

test('no type: kubectl’s usage error', () => {
  const r = emptyCluster().run('kubectl get');
  assert.equal(
    r.stderr,
    'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
  );
  assert.equal(emptyCluster().run('kubectl get foos').stderr, 'error: the server doesn\'t have a resource type "foos"\n');
});
