// The tabwriter against the reference transcripts' tables, and Go's column-block rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { alignTable, TabWriter } from '../../../../../src/core/sim/proc/bin/kubectl/tabwriter.ts';

const GOLDEN = new URL('../../../../golden/kubectl/transcripts/', import.meta.url);
const body = (f: string) => readFileSync(new URL(f, GOLDEN), 'utf8').split('\n').slice(1, -2).join('\n') + '\n';

test('kubectl get pods -o wide layout (kubectl-get-pods-wide.txt)', () => {
  const rows = [
    ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
    ['mypod', '1/1', 'Running', '0', '5m', '10.244.1.5', 'worker-1', '<none>', '<none>'],
    ['nginx-7c5ddbdf54-x2v9q', '1/1', 'Running', '0', '143m', '10.244.2.17', 'worker-2', '<none>', '<none>'],
  ];
  assert.equal(alignTable(rows), body('kubectl-get-pods-wide.txt'));
});

test('minimum column width 6 (kubectl-get-pods-custom-columns.txt)', () => {
  const rows = [
    ['R', 'NAME'],
    ['0', 'mypod'],
    ['0', 'nginx-7c5ddbdf54-x2v9q'],
  ];
  assert.equal(alignTable(rows), body('kubectl-get-pods-custom-columns.txt'));
});

test('svc tables (kubectl-get-svc-wide.txt)', () => {
  const rows = [
    ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR'],
    ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '3d4h', '<none>'],
  ];
  assert.equal(alignTable(rows), body('kubectl-get-svc-wide.txt'));
});

test('the last cell is never padded and lines keep no trailing spaces', () => {
  const out = alignTable([
    ['A', 'LONGLONGLONG'],
    ['BBBBBBBBBB', 'x'],
  ]);
  assert.equal(out, 'A            LONGLONGLONG\nBBBBBBBBBB   x\n');
  for (const line of out.split('\n')) assert.equal(line, line.trimEnd());
});

test('a line without tabs ends a column block (describe sections align separately)', () => {
  const w = new TabWriter({ minWidth: 0, padding: 2 });
  w.write('Name:\tx\nLongerKey:\ty\nSection:\n  a:\tb\n');
  assert.equal(w.flush(), 'Name:       x\nLongerKey:  y\nSection:\n  a:  b\n');
});

test('widths count runes, not UTF-16 units', () => {
  assert.equal(
    alignTable([
      ['é😀', 'x'],
      ['abcdefg', 'y'],
    ]),
    'é😀        x\nabcdefg   y\n',
  );
});

test('remembered widths keep later rows aligned with an earlier, wider header (get -w)', () => {
  const w = new TabWriter({ rememberWidths: true });
  w.write('NAME\tSTATUS\nlong-pod-name\tRunning\n');
  w.flush();
  w.write('a\tPending\n');
  assert.equal(w.flush(), 'a               Pending\n');
  const plain = new TabWriter();
  plain.write('a\tPending\n');
  assert.equal(plain.flush(), 'a     Pending\n');
});
