// kubectl exec POD -- CMD stopped by the cell's budget (what a learner's Ctrl-C does): the interrupt reaches kubectl
// itself, which dies without printing the runtime's "command terminated with exit code 137" — a real terminal shows
// only what the remote command printed before it. A command that ends by itself with a non-zero status still gets
// the runtime's line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KubectlHarness } from './harness.ts';
import { pod } from './scenarios.ts';

function cluster(): KubectlHarness {
  const h = new KubectlHarness();
  h.seed(pod('mypod'));
  h.advance(10_000);
  return h;
}

test('a stopped line: kubectl exec prints nothing of its own', () => {
  const h = cluster();
  h.execHandler = (_host, _argv, io) => {
    io.stdout('partial output\n');
    return 137; // the runtime's status for a program the budget killed
  };
  h.budgetMs = 0; // the line's budget is spent when the remote program returns
  const r = h.run('kubectl exec mypod -- curl 10.201.0.5');
  assert.equal(r.stdout, 'partial output\n');
  assert.equal(r.stderr, '');
  assert.notEqual(r.code, 0);
});

test('a command that fails by itself keeps the runtime line', () => {
  const h = cluster();
  h.execHandler = () => 137; // e.g. `kill -9 $$` inside the container
  const r = h.run('kubectl exec mypod -- sh -c x');
  assert.equal(r.stderr, 'command terminated with exit code 137\n');
  assert.equal(r.code, 137);
});
