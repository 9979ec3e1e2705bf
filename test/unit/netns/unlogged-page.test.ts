// The netns backend reads the page each HTTP server sends (render.ts serverFor) without the server logging a request:
// a build must not add access-log lines that `kubectl logs` would show (it pushed a real request out of --tail).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCommand, SimBackend } from '../../../src/core/sim/index.ts';
import { loadLesson, readModel } from '../../../src/node/backends/netns/model.ts';
import { renderPlan } from '../../../src/node/backends/netns/render.ts';

test('rendering a lab reads each server page without writing a request log line', async () => {
  const lesson = loadLesson('lessons/pod-networking/lesson.en.md');
  const backend = new SimBackend();
  await backend.start(lesson.cluster, { seed: lesson.seed, lessonId: lesson.id });
  const node = { kind: 'node' as const, node: backend.world.store.list('Node')[0].metadata.name };
  const sh = (line: string) => runCommand(backend.world, node, ['sh', '-c', line], '', false);
  for (const [name, image] of [
    ['web', 'nginx'],
    ['echo', 'hashicorp/http-echo'],
    ['ag', 'registry.k8s.io/e2e-test-images/agnhost:2.53'],
    ['ht', 'httpd'],
  ]) {
    const args = name === 'echo' ? ' -- -text=hi' : name === 'ag' ? ' -- netexec' : '';
    sh(`kubectl run ${name} --image=${image}${args}`);
  }
  backend.world.control.advance(120_000);
  const logs = () => ['web', 'echo', 'ag', 'ht'].map((p) => sh(`kubectl logs ${p}`).stdout);
  const before = logs();
  const model = readModel(backend.world);
  const plan = renderPlan(model, 'abcx9');
  assert.ok(
    plan.servers.some((s) => s.httpBody?.includes('Welcome to nginx!')),
    'the page was read',
  );
  assert.deepEqual(logs(), before);
});
