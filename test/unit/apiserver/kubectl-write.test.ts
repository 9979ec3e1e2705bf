// Differential test of writes: the same kubectl commands through the real kubectl (over the facade) on one world
// and through the simulator's kubectl on an identical world print the same and leave the same state.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { KUBECTL, skipWithoutKubectl, startHarness, type Harness } from './harness.ts';

let real: Harness | undefined;
let sim: Harness | undefined;
before(async () => {
  if (!KUBECTL) return;
  real = await startHarness();
  sim = await startHarness();
});
after(async () => {
  await real?.close();
  await sim?.close();
});

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - { name: web, image: ${image}, ports: [ { containerPort: 80 } ] }
`;

/** Run one command both ways and compare everything kubectl printed. */
async function same(args: string[], options: { pump?: boolean } = {}): Promise<string> {
  assert.ok(real && sim);
  const r = await real.real(args, options);
  const s = sim.sim(args);
  assert.equal(r.stdout, s.stdout, `stdout of kubectl ${args.join(' ')}`);
  assert.equal(r.stderr, s.stderr, `stderr of kubectl ${args.join(' ')}`);
  assert.equal(r.code, s.code, `exit code of kubectl ${args.join(' ')}`);
  if (options.pump) syncClocks();
  return r.stdout;
}

/** After a pumped command the worlds' clocks differ by how long each side waited: bring the one behind forward. */
function syncClocks(): void {
  assert.ok(real && sim);
  const d = real.world.clock.now() - sim.world.clock.now();
  if (d > 0) sim.world.control.advance(d);
  else if (d < 0) real.world.control.advance(-d);
}

test('apply: created, unchanged, configured — as the simulator prints them', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  for (const h of [real, sim]) await h.writeBoth('web.yaml', deployment('nginx'));
  assert.equal(await same(['apply', '-f', 'web.yaml']), 'deployment.apps/web created\n');
  assert.equal(await same(['apply', '-f', 'web.yaml']), 'deployment.apps/web unchanged\n');
  for (const h of [real, sim]) await h.writeBoth('web.yaml', deployment('nginx:1.27'));
  assert.equal(await same(['apply', '-f', 'web.yaml']), 'deployment.apps/web configured\n');
});

test('the state written through the facade equals the state the simulator wrote', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  for (const h of [real, sim]) h.world.control.advance(60_000);
  const viaFacade = await real.real(['get', 'deploy,rs,pods', '-o', 'wide']);
  const viaSim = sim.sim(['get', 'deploy,rs,pods', '-o', 'wide']);
  assert.equal(viaFacade.stdout, viaSim.stdout);
  assert.match(viaFacade.stdout, /deployment\.apps\/web\s+2\/2\s+2\s+2\s+60s\s+web\s+nginx:1\.27\s+app=web/);
});

test("the simulator's kubectl reads the facade's last-applied annotation: a re-apply is unchanged", async (t) => {
  if (skipWithoutKubectl(t) || !real) return;
  await real.writeBoth('web.yaml', deployment('nginx:1.27'));
  const r = real.sim(['apply', '-f', 'web.yaml']);
  assert.equal(r.stdout, 'deployment.apps/web unchanged\n');
});

test('apply of a pod (created, configured with a new image), then delete (waiting for the pod to go), and NotFound after', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  const pod =
    'apiVersion: v1\nkind: Pod\nmetadata: { name: probe }\nspec:\n  containers: [ { name: c, image: busybox, command: [sleep, "3600"] } ]\n';
  for (const h of [real, sim]) await h.writeBoth('probe.yaml', pod);
  assert.equal(await same(['apply', '-f', 'probe.yaml']), 'pod/probe created\n');
  for (const h of [real, sim]) h.world.control.advance(30_000);
  for (const h of [real, sim]) await h.writeBoth('probe.yaml', pod.replace('image: busybox', 'image: busybox:1.36'));
  assert.equal(await same(['apply', '-f', 'probe.yaml']), 'pod/probe configured\n');
  assert.equal(await same(['delete', 'pod', 'probe'], { pump: true }), 'pod "probe" deleted\n');
  await same(['get', 'pod', 'probe']);
  await same(['delete', 'pod', 'probe']);
});

test('scale and expose', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  assert.equal(await same(['scale', 'deployment', 'web', '--replicas=3']), 'deployment.apps/web scaled\n');
  assert.equal(await same(['expose', 'deployment', 'web', '--port=80']), 'service/web exposed\n');
  for (const h of [real, sim]) h.world.control.advance(60_000);
  await same(['get', 'svc', 'web', '-o', 'wide']);
  const ep = await same(['get', 'endpoints', 'web']);
  assert.match(ep, /^web\s+(\d+\.\d+\.\d+\.\d+:80,?){2,3}/m);
});

test('kubectl create (protobuf bodies from the typed clients): deployment, service, namespace, configmap', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  assert.equal(await same(['create', 'deployment', 'api', '--image=nginx', '--replicas=2', '--port=80']), 'deployment.apps/api created\n');
  assert.equal(await same(['create', 'service', 'clusterip', 'api-svc', '--tcp=80:8080']), 'service/api-svc created\n');
  assert.equal(await same(['create', 'namespace', 'team-a']), 'namespace/team-a created\n');
  // the simulator's kubectl has no `create configmap`: the facade alone
  const cm = await real.real(['create', 'configmap', 'settings', '--from-literal=mode=lab']);
  assert.equal(cm.stdout, 'configmap/settings created\n');
  assert.equal((await real.real(['get', 'cm', 'settings', '-o', 'jsonpath={.data.mode}'])).stdout, 'lab');
  for (const h of [real, sim]) h.world.control.advance(60_000);
  await same(['get', 'deploy', 'api', '-o', 'wide']);
  await same(['get', 'svc', 'api-svc', '-o', 'wide']);
  const yaml = await same([
    'get',
    'deploy',
    'api',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].ports[0].containerPort} {.spec.replicas} {.spec.selector.matchLabels.app}',
  ]);
  assert.equal(yaml, '80 2 api');
});

test('apply a Service, then delete the Service and the Deployment', async (t) => {
  if (skipWithoutKubectl(t) || !real || !sim) return;
  const svc =
    'apiVersion: v1\nkind: Service\nmetadata: { name: web-np }\nspec:\n  type: NodePort\n  selector: { app: web }\n  ports: [ { port: 8080, targetPort: 80 } ]\n';
  for (const h of [real, sim]) await h.writeBoth('svc.yaml', svc);
  assert.equal(await same(['apply', '-f', 'svc.yaml']), 'service/web-np created\n');
  await same(['get', 'svc', 'web-np']);
  assert.equal(await same(['delete', 'svc', 'web-np']), 'service "web-np" deleted\n');
  assert.equal(await same(['delete', 'deployment', 'web'], { pump: true }), 'deployment.apps "web" deleted\n');
  for (const h of [real, sim]) h.world.control.advance(60_000);
  await same(['get', 'deploy,rs,svc']);
});
