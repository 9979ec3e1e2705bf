// The flag parser: pflag's forms and error texts, and how kubectl prints them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlags, type FlagSpec } from '../../../../../src/core/sim/proc/bin/kubectl/flags.ts';
import { emptyCluster } from './scenarios.ts';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', help: '' },
  { name: 'output', short: 'o', type: 'string', help: '' },
  { name: 'stdin', short: 'i', type: 'bool', help: '' },
  { name: 'tty', short: 't', type: 'bool', help: '' },
  { name: 'replicas', type: 'int', help: '' },
  { name: 'filename', short: 'f', type: 'stringSlice', help: '' },
  { name: 'dry-run', type: 'string', noOptDefVal: 'unchanged', help: '' },
];

const ok = (argv: string[]) => {
  const r = parseFlags(argv, SPECS);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.parsed;
};

test('value forms: -n ns, -nns, -n=ns, --namespace=ns, --namespace ns', () => {
  for (const argv of [['-n', 'ns'], ['-nns'], ['-n=ns'], ['--namespace=ns'], ['--namespace', 'ns']]) {
    assert.equal(ok(argv).values.get('namespace'), 'ns', argv.join(' '));
  }
  assert.equal(ok(['-owide']).values.get('output'), 'wide');
});

test('bool combinations, interspersed args and --', () => {
  const p = ok(['-it', 'mypod', '--', 'ls', '-l']);
  assert.equal(p.values.get('stdin'), true);
  assert.equal(p.values.get('tty'), true);
  assert.deepEqual(p.args, ['mypod', 'ls', '-l']);
  assert.equal(p.argsLenAtDash, 1);
  assert.equal(ok(['pods', '--stdin=false']).values.get('stdin'), false);
  assert.equal(ok(['x']).argsLenAtDash, -1);
});

test('slices split on commas and accumulate; optional values', () => {
  assert.deepEqual(ok(['-f', 'a.yaml,b.yaml', '-f', 'c.yaml']).values.get('filename'), ['a.yaml', 'b.yaml', 'c.yaml']);
  assert.equal(ok(['--dry-run']).values.get('dry-run'), 'unchanged');
  assert.equal(ok(['--dry-run=client']).values.get('dry-run'), 'client');
});

test('errors are pflag’s', () => {
  const cases: [string[], string][] = [
    [['--foo'], 'unknown flag: --foo'],
    [['-z'], "unknown shorthand flag: 'z' in -z"],
    [['-iz'], "unknown shorthand flag: 'z' in -iz"],
    [['--namespace'], 'flag needs an argument: --namespace'],
    [['-n'], "flag needs an argument: 'n' in -n"],
    [['--replicas=x'], 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax'],
    [['---x'], 'bad flag syntax: ---x'],
  ];
  for (const [argv, msg] of cases) {
    const r = parseFlags(argv, SPECS);
    assert.ok(!r.ok);
    assert.equal(r.error, msg);
  }
});

test('kubectl prints flag errors with the command path, exit 1', () => {
  const h = emptyCluster();
  const r = h.run('kubectl get pods --foo');
  assert.equal(r.stderr, "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
  assert.equal(r.code, 1);
  assert.equal(h.run('kubectl get pods -z').stderr, "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n");
  assert.equal(
    h.run('kubectl create deployment x --bogus').stderr,
    "error: unknown flag: --bogus\nSee 'kubectl create deployment --help' for usage.\n",
  );
});

test('global flags before the subcommand', () => {
  const h = emptyCluster();
  const r = h.run('kubectl -n kube-system get pods');
  assert.equal(r.stderr, 'No resources found in kube-system namespace.\n');
  assert.equal(h.run('kubectl get pods --namespace=kube-public').stderr, 'No resources found in kube-public namespace.\n');
});
