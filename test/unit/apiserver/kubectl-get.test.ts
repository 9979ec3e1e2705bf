// Differential test: the real kubectl through the API facade and the simulator's kubectl print the same tables.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTL, skipWithoutKubectl, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
before(async () => {
  if (KUBECTL) h = await startHarness();
});
after(async () => h?.close());

const SAME_OUTPUT: string[][] = [
  ['get', 'pods'],
  ['get', 'pods', '-o', 'wide'],
  ['get', 'pods', '-A'],
  ['get', 'pods', '-l', 'app=echo', '-o', 'wide'],
  ['get', 'pods', '--show-labels'],
  ['get', 'svc'],
  ['get', 'svc', '-o', 'wide'],
  ['get', 'deploy'],
  ['get', 'deploy', '-o', 'wide'],
  ['get', 'rs'],
  ['get', 'endpoints'],
  ['get', 'nodes'],
  ['get', 'nodes', '-o', 'wide'],
  ['get', 'ns'],
  ['get', 'svc,deploy'],
  ['get', 'all'],
  ['get', 'events', '--field-selector', 'involvedObject.name=toolbox'],
  ['get', 'endpointslices'],
  ['get', 'pod', 'toolbox'],
  ['get', 'pod', 'toolbox', '-o', 'name'],
  ['get', 'pod', 'toolbox', '-o', 'jsonpath={.status.podIP}'],
  ['get', 'pods', '-n', 'nowhere'],
  ['get', 'pod', 'nosuch'],
  ['get', 'deploy', 'nosuch'],
  ['get', 'pods', '--field-selector', 'spec.nodeName=wrk-a'],
];

for (const args of SAME_OUTPUT) {
  test(`kubectl ${args.join(' ')}: real kubectl over the facade prints what the simulator's kubectl prints`, async (t) => {
    if (skipWithoutKubectl(t) || !h) return;
    const real = await h.real(args);
    const sim = h.sim(args);
    assert.equal(real.stdout, sim.stdout, 'stdout');
    assert.equal(real.stderr, sim.stderr, 'stderr');
    assert.equal(real.code, sim.code, 'exit code');
  });
}

test('the tables are not empty: the fixture has running pods on both workers', async (t) => {
  if (skipWithoutKubectl(t) || !h) return;
  const real = await h.real(['get', 'pods', '-o', 'wide']);
  assert.match(real.stdout, /^toolbox\s+1\/1\s+Running\s+0\s+20m\s+10\.244\.\d+\.\d+\s+wrk-[ab]\s/m);
  assert.equal(real.stdout.split('\n').filter((l) => /^echo-/.test(l)).length, 2);
});

test('kubectl api-resources lists what discovery serves, as the simulator lists it', async (t) => {
  if (skipWithoutKubectl(t) || !h) return;
  const real = await h.real(['api-resources']);
  const sim = h.sim(['api-resources']);
  assert.equal(real.stdout, sim.stdout);
  assert.match(real.stdout, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
});
