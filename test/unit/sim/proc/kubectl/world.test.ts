// kubectl over the real simulator (createWorld: API, controllers, network, images): the article's flow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import { runKubectl } from '../../../../../src/core/sim/proc/bin/kubectl/main.ts';
import type { ToolContext } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { withFacets } from '../../../../../src/core/sim/proc/os/tool-context.ts';
import type { HostRef } from '../../../../../src/core/sim/contracts.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { splitLine } from './harness.ts';

const SPEC: ClusterSpec = {
  cni: 'calico',
  nodes: [
    { name: 'cp', role: 'control-plane' },
    { name: 'n1', role: 'worker' },
    { name: 'n2', role: 'worker' },
  ],
  workstation: { node: 'cp', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
};

function session() {
  const world = createWorld(SPEC, { seed: 1 });
  const run = (line: string) => {
    let stdout = '';
    let stderr = '';
    const host: HostRef = { kind: 'node', node: 'cp' };
    const ctx: ToolContext = withFacets(
      {
        world,
        host,
        argv: splitLine(line),
        env: {},
        cwd: '/root',
        stdin: '',
        tty: false,
        stdout: (t: string) => (stdout += t),
        stderr: (t: string) => (stderr += t),
        sleep: (ms: number) => {
          world.control.advance(ms);
          return true;
        },
        execIn: () => 0,
        openShell: () => undefined,
      },
      world,
      host,
    );
    const code = runKubectl(ctx);
    return { stdout, stderr, code };
  };
  return { world, run };
}

test('run, wait, expose, get and delete against the real simulator', () => {
  const { world, run } = session();
  assert.equal(run('kubectl run web --image=nginx --labels=app=web').stdout, 'pod/web created\n');
  assert.equal(run('kubectl wait --for=condition=Ready pod/web --timeout=120s').stdout, 'pod/web condition met\n');
  const wide = run('kubectl get pod web -o wide').stdout.split('\n');
  assert.match(wide[1], /^web {4}1\/1 {5}Running {3}0 {10}\d+s +\d+\.\d+\.\d+\.\d+ +n[12] +<none> +<none>$/);
  const ip = run('kubectl get pod web -o jsonpath={.status.podIP}').stdout;
  assert.equal(run('kubectl expose pod web --port=80').stdout, 'service/web exposed\n');
  world.control.advance(1000); // the terminal lets time pass between commands
  assert.equal(
    run('kubectl wait --for=jsonpath={.subsets[0].addresses[0].ip} endpoints/web --timeout=30s').stdout,
    'endpoints/web condition met\n',
  );
  assert.match(run('kubectl get ep web').stdout, new RegExp(`\\nweb +${ip.replace(/\./g, '\\.')}:80 +\\d+s\\n$`));
  assert.match(run('kubectl describe pod web').stdout, /\nEvents:\n {2}Type {4}Reason +Age +From +Message\n/);
  assert.equal(run('kubectl delete pod web').stdout, 'pod "web" deleted\n');
  assert.equal(run('kubectl get pod web').stderr, 'Error from server (NotFound): pods "web" not found\n');
});

test('a deployment rolls out and get all shows its objects', () => {
  const { run } = session();
  assert.equal(run('kubectl create deployment d --image=nginx --replicas=2').stdout, 'deployment.apps/d created\n');
  assert.match(run('kubectl rollout status deployment/d').stdout, /deployment "d" successfully rolled out\n$/);
  const all = run('kubectl get all').stdout;
  assert.match(all, /\ndeployment\.apps\/d {3}2\/2 {5}2 {12}2 {11}\d+s\n/);
  assert.equal(run('kubectl scale deployment d --replicas=3').stdout, 'deployment.apps/d scaled\n');
});
