// Fuzzer: kubectl argument parsing. Random command lines from kubectl's verbs, resources, flags and odd values
// (`--`, `=`, empty values, unknown flags, huge numbers) against a cluster with a pod. Invariants: kubectl
// never throws, never prints a stack trace or a JavaScript value, and exits with a status kubectl uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { onePod } from '../sim/proc/kubectl/scenarios.ts';
import { fuzzParams, STACK_TRACE } from './fuzz-runs.ts';

const token = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      'get',
      'describe',
      'exec',
      'run',
      'apply',
      'delete',
      'logs',
      'expose',
      'create',
      'scale',
      'rollout',
      'wait',
      'label',
      'edit',
      'cp',
      'help',
      'version',
      'config',
      'explain',
      'top',
      'port-forward',
      'pods',
      'pod',
      'po',
      'svc',
      'services',
      'deploy',
      'deployment',
      'nodes',
      'ns',
      'events',
      'all',
      'endpoints',
      'pod/web',
      'web',
      'nope',
      'status',
      '-o',
      'wide',
      'yaml',
      'json',
      'name',
      'jsonpath={.items[*].metadata.name}',
      'jsonpath={',
      'custom-columns=N:.metadata.name',
      'go-template={{.x}}',
      '-n',
      'default',
      'kube-system',
      '-A',
      '--all-namespaces',
      '-l',
      'app=web',
      'app!=',
      '--selector=a in (b)',
      '-w',
      '--watch',
      '-it',
      '-i',
      '-t',
      '--',
      'sh',
      'ls',
      '-c',
      '--image=busybox',
      '--image=',
      '--port=80',
      '--port=99999',
      '--replicas=3',
      '--replicas=-1',
      '--replicas=1e999',
      '--timeout=30s',
      '--timeout=x',
      '--for=condition=Ready',
      '--dry-run=client',
      '--restart=Never',
      '--rm',
      '-f',
      'pod.yaml',
      '-',
      '--field-selector=status.phase=Running',
      '--sort-by=.metadata.name',
      '--show-labels',
      '--grace-period=0',
      '--force',
      '--tail=5',
      '--since=1h',
      '-p',
      '--previous',
      '--v=9',
      '--kubeconfig=x',
      '--context=',
      '=',
      '--=',
      '---',
      '-',
      '--help',
      '-h',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9=.,:/{}[\]*-]{0,12}$/) },
);
const argv = fc.array(token, { minLength: 0, maxLength: 8 });

test('fuzz: kubectl argument parsing never crashes', { timeout: 300_000 }, () => {
  const h = onePod();
  h.writeFile('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: { name: fuzz }\nspec: { containers: [ { name: c, image: busybox } ] }\n');
  h.budgetMs = 5_000;
  fc.assert(
    fc.property(argv, (args) => {
      const line = ['kubectl', ...args].join(' ');
      const r = h.run(line, { stdin: 'kind: Pod\n' });
      assert.doesNotMatch(r.stdout + r.stderr, STACK_TRACE, line);
      assert.doesNotMatch(r.stderr, /\[object Object\]|undefined\b|NaN/, line);
      assert.ok([0, 1, 2, 126, 127, 137].includes(r.code) || (r.code > 0 && r.code < 256), `${line}: status ${r.code}`);
    }),
    fuzzParams(1500),
  );
});
