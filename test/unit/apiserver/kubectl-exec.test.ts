// Differential test of exec, logs, describe and the NotFound errors: real kubectl over the facade vs the simulator's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTL, skipWithoutKubectl, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
before(async () => {
  if (!KUBECTL) return;
  h = await startHarness();
  // a pod whose image is still being pulled (the harness's clock stands still)
  const pending = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'pending', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  };
  h.world.api.create(pending);
  h.world.control.settle();
});
after(async () => h?.close());

const SAME: { args: string[]; expect?: RegExp; todo?: string }[] = [
  { args: ['exec', 'toolbox', '--', 'hostname'], expect: /^toolbox\n$/ },
  { args: ['exec', 'toolbox', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'], expect: /^out\n$/ },
  { args: ['exec', 'toolbox', '-c', 'shell', '--', 'cat', '/etc/hostname'] },
  { args: ['exec', 'toolbox', '--', 'wget', '-qO-', 'echo:80/hostname'] },
  { args: ['exec', 'toolbox', '--', 'nosuchprogram'] },
  { args: ['exec', 'toolbox', '-c', 'nosuch', '--', 'ls'] },
  { args: ['exec', 'nosuch', '--', 'ls'] },
  { args: ['exec', 'toolbox', 'ls'] },
  { args: ['exec', 'pending', '--', 'ls'] },
  { args: ['logs', 'toolbox'], expect: /^toolbox ready\n$/ },
  { args: ['logs', 'nosuch'], expect: /^$/ },
  { args: ['describe', 'pod', 'nosuch'] },
  { args: ['delete', 'pod', 'nosuch'] },
  { args: ['describe', 'svc', 'echo'], expect: /^Endpoints:\s+10\.244\.\d+\.\d+:8080,10\.244\.\d+\.\d+:8080$/m },
];

for (const c of SAME) {
  test(`kubectl ${c.args.join(' ')}: same output, streams and exit code as the simulator's kubectl`, { todo: c.todo }, async (t) => {
    if (skipWithoutKubectl(t) || !h) return;
    const real = await h.real(c.args);
    const sim = h.sim(c.args);
    assert.equal(real.stdout, sim.stdout, 'stdout');
    assert.equal(
      real.stderr.replace(/failed to start exec "[0-9a-f]{64}"/, 'failed to start exec "ID"'),
      sim.stderr.replace(/failed to start exec "[0-9a-f]{64}"/, 'failed to start exec "ID"'),
      'stderr',
    );
    assert.equal(real.code, sim.code, 'exit code');
    if (c.expect) assert.match(real.stdout, c.expect);
  });
}

test('exec -i passes stdin to the command (v5 closes stdin with channel 255)', async (t) => {
  if (skipWithoutKubectl(t) || !h) return;
  const real = await h.real(['exec', '-i', 'toolbox', '--', 'sh'], { stdin: 'echo from-stdin\nexit 4\n' });
  assert.equal(real.stdout, 'from-stdin\n');
  assert.equal(real.code, 4);
  assert.equal(real.stderr, 'command terminated with exit code 4\n');
});

/**
 * describe: the same text except where the listed reasons apply. Each difference is named, with why.
 */
const DESCRIBE_DIFFERENCES: { why: string; normalize: (text: string) => string }[] = [
  {
    why: "event ages are computed by kubectl from the client's clock, while the simulated clock starts at 2024-01-01",
    normalize: (text) => {
      const [head, events = ''] = text.split(/^Events:/m);
      const rows = events.split('\n').map((l) =>
        /^ {2}\S/.test(l)
          ? l
              .trim()
              .split(/ {2,}/)
              .map((c, i) => (i === 2 ? 'AGE' : c))
              .join('  ')
          : l,
      );
      return `${head}Events:${rows.join('\n')}`;
    },
  },
  {
    why: 'a projected configMap volume without `optional`: kubectl prints `ConfigMapOptional: <nil>`, the simulator `Optional: false` (a simulator describer difference)',
    normalize: (text) => text.replace(/^ +(ConfigMapOptional|Optional): .*\n/m, ''),
  },
];

const normalize = (text: string) => DESCRIBE_DIFFERENCES.reduce((t, d) => d.normalize(t), text);

for (const args of [
  ['describe', 'pod', 'toolbox'],
  ['describe', 'deploy', 'echo'],
]) {
  test(`kubectl ${args.join(' ')}: same text apart from the listed differences`, async (t) => {
    if (skipWithoutKubectl(t) || !h) return;
    const real = await h.real(args);
    const sim = h.sim(args);
    assert.equal(real.code, 0);
    assert.equal(sim.code, 0);
    assert.equal(normalize(real.stdout), normalize(sim.stdout));
    assert.match(real.stdout, /^Events:\n {2}Type {4}Reason/m);
  });
}
