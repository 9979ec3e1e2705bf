// Golden tests: every kubectl reference transcript, rebuilt in a world and compared byte for byte
// (test/golden/kubectl/transcripts are copies of shared/reference/transcripts/kubectl-*.txt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { alignTable } from '../../../../../src/core/sim/proc/bin/kubectl/tabwriter.ts';
import type { KubectlHarness, RunResult } from './harness.ts';
import { DEPLOY_X, emptyCluster, onePod, POD_YAML, twoPods, WEB_POD_YAML, WEB_SVC_YAML } from './scenarios.ts';

const GOLDEN = new URL('../../../../golden/kubectl/transcripts/', import.meta.url);
const SHARED = new URL('../../../../../../shared/reference/transcripts/', import.meta.url);

interface Transcript {
  command: string;
  output: string;
  exit: number;
}

function readTranscript(file: string): Transcript {
  const text = readFileSync(new URL(file, GOLDEN), 'utf8');
  const lines = text.split('\n');
  assert.ok(lines[0].startsWith('$ '), `${file}: first line is the command`);
  const exitLine = lines[lines.length - 2];
  const m = /^\[exit (\d+)\]$/.exec(exitLine);
  assert.ok(m, `${file}: ends with [exit N]`);
  return {
    command: lines[0].slice(2),
    output: lines
      .slice(1, -2)
      .map((l) => l + '\n')
      .join(''),
    exit: Number(m[1]),
  };
}

/** Replace one cell of an aligned table and re-align it (for cells a fake server chose, such as ClusterIPs). */
function substituteCell(table: string, from: string, to: string): string {
  const rows = table
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/ {2,}/).map((c) => (c === from ? to : c)));
  return alignTable(rows);
}

interface Case {
  /** Rebuild the transcript's situation; return the result of running its command (or the last of several). */
  run(h: KubectlHarness | undefined, command: string): RunResult;
  /** Which stream the transcript's lines were on. */
  stream: 'stdout' | 'stderr';
  /** Adjust the expected text for cells the fake server chose (documented per case). */
  expect?: (expected: string, r: RunResult, h?: KubectlHarness) => string;
  /** The transcript's own trailing newline that kubectl did not print (jsonpath). */
  noTrailingNewline?: boolean;
  /** A known problem outside kubectl keeps this case from passing yet. */
  todo?: string;
  /** Only structure can be compared (output came from the nested shell, not kubectl). */
  check?: (r: RunResult) => void;
}

function withPodYaml(h: KubectlHarness, yaml = POD_YAML): KubectlHarness {
  h.writeFile('pod.yaml', yaml);
  return h;
}

function withDir(h: KubectlHarness): KubectlHarness {
  h.writeFile('dir/pod.yaml', WEB_POD_YAML);
  h.writeFile('dir/svc.yaml', WEB_SVC_YAML);
  return h;
}

const CASES: Record<string, Case> = {
  'kubectl-apply-create.txt': { stream: 'stdout', run: (_h, c) => withPodYaml(emptyCluster()).run(c) },
  'kubectl-apply-unchanged.txt': {
    stream: 'stdout',
    run: (_h, c) => {
      const h = withPodYaml(emptyCluster());
      assert.equal(h.run(c).code, 0);
      h.advance(10_000);
      return h.run(c);
    },
  },
  'kubectl-apply-configured.txt': {
    stream: 'stdout',
    run: (_h, c) => {
      const h = withPodYaml(emptyCluster());
      assert.equal(h.run(c).code, 0);
      h.advance(10_000);
      withPodYaml(h, POD_YAML.replace('image: nginx', 'image: nginx:1.27'));
      return h.run(c);
    },
  },
  'kubectl-apply-dir.txt': { stream: 'stdout', run: (_h, c) => withDir(emptyCluster()).run(c) },
  'kubectl-apply-dir-unchanged.txt': {
    stream: 'stdout',
    run: (_h, c) => {
      const h = withDir(emptyCluster());
      assert.equal(h.run(c).code, 0);
      h.advance(10_000);
      return h.run(c);
    },
  },
  'kubectl-get-pods-empty.txt': { stream: 'stderr', run: (_h, c) => emptyCluster().run(c) },
  'kubectl-get-pods-all-empty.txt': { stream: 'stderr', run: (_h, c) => emptyCluster().run(c) },
  'kubectl-get-pods.txt': { stream: 'stdout', run: (_h, c) => twoPods().run(c) },
  'kubectl-get-pods-wide.txt': { stream: 'stdout', run: (_h, c) => twoPods().run(c) },
  'kubectl-get-pods-all.txt': { stream: 'stdout', run: (_h, c) => twoPods().run(c) },
  'kubectl-get-pods-name.txt': { stream: 'stdout', run: (_h, c) => twoPods().run(c) },
  'kubectl-get-pods-custom-columns.txt': { stream: 'stdout', run: (_h, c) => twoPods().run(c) },
  'kubectl-get-pod-jsonpath.txt': { stream: 'stdout', noTrailingNewline: true, run: (_h, c) => twoPods().run(c) },
  'kubectl-get-pod-nosuch.txt': { stream: 'stderr', run: (_h, c) => twoPods().run(c) },
  'kubectl-delete-pod-nosuch.txt': { stream: 'stderr', run: (_h, c) => twoPods().run(c) },
  'kubectl-describe-pod-nosuch.txt': { stream: 'stderr', run: (_h, c) => twoPods().run(c) },
  'kubectl-exec-nosuch.txt': { stream: 'stderr', run: (_h, c) => twoPods().run(c) },
  'kubectl-delete-pod.txt': { stream: 'stdout', run: (_h, c) => onePod().run(c) },
  'kubectl-get-pod-deleted.txt': {
    stream: 'stderr',
    run: (_h, c) => {
      const h = onePod();
      assert.equal(h.run('kubectl delete pod mypod').code, 0);
      return h.run(c);
    },
  },
  'kubectl-exec.txt': {
    stream: 'stdout',
    run: (_h, c) => {
      const h = onePod();
      // the listing is the exec'd `ls`'s output, not kubectl's: the fake container prints it
      h.execHandler = (_host, argv, io) => {
        assert.deepEqual(argv, ['ls']);
        io.stdout('bin\nboot\ndev\netc\nhome\nlib\nproc\nroot\nsys\ntmp\nusr\nvar\n');
        return 0;
      };
      return h.run(c);
    },
  },
  'kubectl-exec-deprecated.txt': { stream: 'stderr', run: (_h, c) => onePod().run(c) },
  'kubectl-exec-it-deprecated.txt': { stream: 'stderr', run: (_h, c) => onePod().run(c, { tty: true }) },
  'kubectl-exec-it.txt': {
    stream: 'stdout',
    run: (_h, c) => onePod().run(c, { tty: true }),
    // The transcript's lines are the nested bash (prompt, echo of `exit`); kubectl itself printed nothing.
    check: (r) => {
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      assert.deepEqual(
        r.shells.map((s) => ({ host: s.host, program: s.program })),
        [{ host: { kind: 'pod', namespace: 'default', pod: 'mypod', container: 'mypod' }, program: 'bash' }],
      );
    },
  },
  'kubectl-run.txt': { stream: 'stdout', run: (_h, c) => emptyCluster().run(c) },
  'kubectl-run-exists.txt': {
    stream: 'stderr',
    run: (_h, c) => {
      const h = emptyCluster();
      assert.equal(h.run(c).code, 0);
      return h.run(c);
    },
  },
  'kubectl-expose.txt': {
    stream: 'stdout',
    run: (_h, c) => {
      const h = emptyCluster();
      assert.equal(h.run('kubectl run web --image=nginx').code, 0);
      h.advance(30_000);
      return h.run(c);
    },
  },
  'kubectl-scale.txt': {
    stream: 'stdout',
    run: (_h, c) => {
      const h = emptyCluster();
      h.seed(DEPLOY_X);
      return h.run(c);
    },
  },
  'kubectl-get-svc.txt': { stream: 'stdout', run: (_h, c) => emptyCluster().run(c) },
  'kubectl-get-svc-wide.txt': { stream: 'stdout', run: (_h, c) => emptyCluster().run(c) },
  'kubectl-get-svc-after-expose.txt': {
    stream: 'stdout',
    run: (_h, c) => {
      const h = emptyCluster();
      assert.equal(h.run('kubectl run web --image=nginx').code, 0);
      assert.equal(h.run('kubectl expose pod web --port=80').code, 0);
      return h.run(c);
    },
    // The fake server chose 10.96.112.34; our allocator picks its own address from the service CIDR.
    expect: (expected, r) => {
      const ip = /web\s+ClusterIP\s+(\S+)/.exec(r.stdout)?.[1] ?? '?';
      assert.match(ip, /^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
      return substituteCell(expected, '10.96.112.34', ip);
    },
  },
};

test('every kubectl transcript has a case', () => {
  const files = readdirSync(GOLDEN).filter((f) => f.startsWith('kubectl-'));
  assert.ok(files.length >= 30);
  assert.deepEqual(
    files.filter((f) => !CASES[f]),
    [],
  );
});

test(
  'the golden copies equal shared/reference (when it is there)',
  { skip: existsSync(SHARED) ? false : 'shared/reference is not beside the repo' },
  () => {
    for (const f of readdirSync(GOLDEN)) {
      assert.equal(readFileSync(new URL(f, GOLDEN), 'utf8'), readFileSync(new URL(f, SHARED), 'utf8'), f);
    }
  },
);

for (const [file, c] of Object.entries(CASES)) {
  test(`transcript ${file}`, { todo: c.todo }, () => {
    const t = readTranscript(file);
    const r = c.run(undefined, t.command);
    if (c.check) return c.check(r);
    let expected = t.output;
    if (c.expect) expected = c.expect(expected, r);
    const printed = c.stream === 'stdout' ? r.stdout : r.stderr;
    const other = c.stream === 'stdout' ? r.stderr : r.stdout;
    assert.equal(printed + (c.noTrailingNewline ? '\n' : ''), expected, `${file}: ${c.stream}`);
    assert.equal(other, '', `${file}: nothing on the other stream`);
    assert.equal(r.code, t.exit, `${file}: exit status`);
  });
}
