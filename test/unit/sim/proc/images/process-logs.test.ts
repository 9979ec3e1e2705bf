// Logs as the real programs write them, from the model: nginx's access line for each request that reached that pod
// (with the client address nginx sees), tools run as a pod's main process, and kubectl logs' selectors, messages,
// --timestamps, --tail and --prefix. The whole transcript is also kept as a golden (PODLAB_UPDATE_GOLDEN=1 rewrites it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import { runCommand } from '../../../../../src/core/sim/proc/run-command.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';

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

const GOLDEN = new URL('../../../../golden/sim/logs/nginx-and-main-processes.txt', import.meta.url);

function session() {
  const world = createWorld(SPEC, { seed: 7 });
  let transcript = '';
  const sh = (line: string) => {
    const r = runCommand(world, { kind: 'node', node: 'cp' }, ['bash', '-c', line], '', false, '/root');
    transcript += `$ ${line}\n${r.stderr}${r.stdout}[exit ${r.status}]\n`;
    world.control.advance(1000); // time passes between commands, as at a terminal
    return r;
  };
  return { world, sh, transcript: () => transcript };
}

const CLF = /^(\d+\.\d+\.\d+\.\d+) - - \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "([^"]+)" "-"$/;

test('nginx logs each request that reached it, with the client pod address; kubectl logs reads them', () => {
  const { sh, transcript } = session();
  sh('kubectl create deployment web --image=nginx --replicas=2');
  sh('kubectl expose deployment web --port=80');
  sh('kubectl rollout status deployment/web');
  sh('kubectl run c --image=busybox -- sleep 3600');
  sh('kubectl wait --for=condition=Ready pod/c');
  const clientIp = sh('kubectl get pod c -o jsonpath={.status.podIP}').stdout;
  const pods = sh('kubectl get pods -l app=web -o name').stdout.trim().split('\n');
  assert.equal(pods.length, 2);
  const before = pods.map(
    (p) =>
      sh(`kubectl logs ${p}`)
        .stdout.split('\n')
        .filter((l) => CLF.test(l)).length,
  );
  assert.deepEqual(before, [0, 0]);
  // to one pod directly, then three times through the Service (kube-proxy picks which pod)
  const podIp = sh(`kubectl get ${pods[0]} -o jsonpath={.status.podIP}`).stdout;
  sh(`kubectl exec c -- wget -qO- ${podIp} >/dev/null`);
  sh('kubectl exec c -- wget -qO- web >/dev/null');
  sh('kubectl exec c -- wget -qO- web >/dev/null');
  sh('kubectl exec c -- wget -qO- web >/dev/null');
  const access = pods.map((p) =>
    sh(`kubectl logs ${p}`)
      .stdout.split('\n')
      .filter((l) => CLF.test(l)),
  );
  assert.equal(access[0].length + access[1].length, 4, 'one line per request, on the pod that served it');
  assert.ok(access[0].length >= 1);
  for (const l of [...access[0], ...access[1]]) {
    const m = CLF.exec(l) as RegExpExecArray;
    assert.equal(m[1], clientIp, 'pod to pod and through a ClusterIP, nginx sees the client pod');
    assert.equal(m[2], 'Wget', "BusyBox wget's User-Agent");
  }
  // the entrypoint's configuration lines come first, then nginx's notices
  const first = sh(`kubectl logs ${pods[0]}`).stdout.split('\n');
  assert.equal(first[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  assert.equal(first[8], '/docker-entrypoint.sh: Configuration complete; ready for start up');
  assert.match(first[9], /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: using the "epoll" event method$/);

  // deploy/x: one pod, and kubectl says which on stderr
  const d = sh('kubectl logs deploy/web --tail=1');
  assert.match(d.stderr, /^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
  // -l: every pod, 10 lines each unless --tail; --prefix names the source
  const l = sh('kubectl logs -l app=web --prefix --tail=1');
  assert.deepEqual(
    l.stdout.split('\n').map((s) => s.replace(/\] .*/, ']')),
    [...pods.map((p) => `[${p}/nginx]`), ''],
  );
  assert.equal(sh('kubectl logs -l app=web').stdout.trim().split('\n').length, 20);
  assert.equal(sh('kubectl logs -l app=nothing').stderr, 'No resources found in default namespace.\n');
  assert.match(sh('kubectl logs web -l app=web').stderr, /^error: only a selector \(-l\) or a POD name is allowed\n/);
  // --timestamps: when each line was written, RFC 3339 with the nanoseconds Go keeps
  const ts = sh(`kubectl logs ${pods[0]} --timestamps --tail=1`).stdout;
  assert.match(ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z \d+\.\d+\.\d+\.\d+ - - \[/);
  checkGolden('nginx', transcript());
});

test('a tool as the main process: its output is the log; kubectl run --rm -i prints it', () => {
  const { sh, transcript } = session();
  sh('kubectl create deployment web --image=nginx');
  sh('kubectl expose deployment web --port=80');
  sh('kubectl rollout status deployment/web');
  const page = sh('kubectl run t --rm -i --image=busybox --restart=Never -- wget -qO- web');
  assert.match(page.stdout, /^<!DOCTYPE html>\n[\s\S]*<h1>Welcome to nginx!<\/h1>[\s\S]*<\/html>\npod "t" deleted\n$/);
  assert.match(sh('kubectl logs deploy/web --tail=1').stdout.trimEnd(), CLF);
  const ip = sh('kubectl get pods -l app=web -o jsonpath={.items[0].status.podIP}').stdout;
  sh(`kubectl run p --image=busybox --restart=Never -- ping -c 3 ${ip}`);
  sh('kubectl wait --for=condition=Ready pod/p --timeout=60s');
  const early = sh('kubectl logs p').stdout.split('\n');
  assert.equal(early[0], `PING ${ip} (${ip}): 56 data bytes`);
  sh('sleep 5');
  const done = sh('kubectl logs p').stdout.split('\n');
  assert.equal(done.filter((s) => s.startsWith('64 bytes from')).length, 3);
  assert.ok(done.length > early.length, 'the pings appear as the simulated clock passes');
  assert.match(done.join('\n'), /\n--- [\d.]+ ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\n/);
  assert.match(sh('kubectl get pod p').stdout, /\np +0\/1 +Completed +0 /);
  checkGolden('main', transcript());
});

const parts = new Map<string, string>();
function checkGolden(part: string, text: string): void {
  parts.set(part, text);
  if (parts.size < 2) return;
  const all = [...parts.entries()].map(([k, v]) => `### ${k}\n${v}`).join('');
  if (process.env.PODLAB_UPDATE_GOLDEN) writeFileSync(GOLDEN, all);
  assert.equal(all, readFileSync(GOLDEN, 'utf8'));
}

test("nginx's entrypoint lines follow the image version and NGINX_ENTRYPOINT_QUIET_LOGS", () => {
  const { sh } = session();
  sh('kubectl run new --image=nginx:1.27.3');
  sh('kubectl run old --image=nginx:1.24');
  sh('kubectl run quiet --image=nginx --env=NGINX_ENTRYPOINT_QUIET_LOGS=1');
  sh('kubectl wait --for=condition=Ready pod/new pod/old pod/quiet --timeout=60s');
  const resolvers = '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh';
  assert.ok(sh('kubectl logs new').stdout.split('\n').includes(resolvers));
  const old = sh('kubectl logs old').stdout.split('\n');
  assert.ok(!old.includes(resolvers));
  assert.equal(old[7], '/docker-entrypoint.sh: Configuration complete; ready for start up');
  assert.match(sh('kubectl logs quiet').stdout, /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: using the "epoll" event method\n/);
});

test('through a NodePort, nginx sees the address kube-proxy masqueraded to; with externalTrafficPolicy Local, the client', () => {
  const { sh, world } = session();
  sh('kubectl create deployment web --image=nginx');
  sh('kubectl rollout status deployment/web');
  sh('kubectl expose deployment web --type=NodePort --port=80 --name=clu');
  sh(
    'printf "apiVersion: v1\\nkind: Service\\nmetadata:\\n  name: loc\\nspec:\\n  type: NodePort\\n  externalTrafficPolicy: Local\\n  selector:\\n    app: web\\n  ports:\\n  - port: 80\\n" > /root/loc.yaml && kubectl apply -f /root/loc.yaml',
  );
  const podNode = sh('kubectl get pods -l app=web -o jsonpath={.items[0].spec.nodeName}').stdout;
  const nodeIp = (n: string) => sh(`kubectl get node ${n} -o jsonpath={.status.addresses[0].address}`).stdout;
  const tunl0 = (n: string) => {
    const r = runCommand(world, { kind: 'node', node: n }, ['ip', '-4', '-o', 'addr', 'show', 'tunl0'], '', false);
    return /inet (\d+\.\d+\.\d+\.\d+)\//.exec(r.stdout)?.[1];
  };
  const other = ['n1', 'n2'].find((n) => n !== podNode) as string;
  const clu = sh('kubectl get svc clu -o jsonpath={.spec.ports[0].nodePort}').stdout;
  const loc = sh('kubectl get svc loc -o jsonpath={.spec.ports[0].nodePort}').stdout;
  const lastClient = () => (CLF.exec(sh('kubectl logs deploy/web --tail=1').stdout.trimEnd()) as RegExpExecArray)[1];
  // Cluster policy, another node: masqueraded on that node, leaving through its IPIP tunnel (Calico): its tunl0 address
  assert.equal(sh(`curl -s -o /dev/null -w '%{http_code}' ${nodeIp(other)}:${clu}`).stdout, '200');
  assert.equal(lastClient(), tunl0(other));
  // Cluster policy, the pod's own node: masqueraded to that node's address
  sh(`curl -s -o /dev/null ${nodeIp(podNode)}:${clu}`);
  assert.equal(lastClient(), nodeIp(podNode));
  // Local policy: only the pod's node answers, and nginx sees the client's own address
  assert.equal(sh(`curl -s -m 2 -o /dev/null -w '%{http_code}' ${nodeIp(other)}:${loc}`).stdout, '000');
  sh(`curl -s -o /dev/null ${nodeIp(podNode)}:${loc}`);
  assert.equal(lastClient(), nodeIp('cp'));
});

test('kubectl logs without a pod or selector prints logs.go usage error', () => {
  const { sh } = session();
  const r = sh('kubectl logs');
  assert.equal(
    r.stderr,
    "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
  );
  assert.equal(r.status, 1);
});

test("http-echo logs a request in handlers.go's httpLog format, with the client's address", () => {
  const { sh } = session();
  sh('kubectl run echo --image=hashicorp/http-echo -- -text=hello');
  sh('kubectl run c --image=busybox -- sleep 3600');
  sh('kubectl wait --for=condition=Ready pod/echo pod/c --timeout=60s');
  const echoIp = sh('kubectl get pod echo -o jsonpath={.status.podIP}').stdout;
  const clientIp = sh('kubectl get pod c -o jsonpath={.status.podIP}').stdout;
  assert.equal(sh(`kubectl exec c -- wget -qO- ${echoIp}:5678/x`).stdout, 'hello\n');
  assert.equal(sh(`kubectl exec c -- wget -qO- ${echoIp}:5678/health`).stdout, '{"status":"ok"}\n');
  const lines = sh('kubectl logs echo').stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2, 'the start line and one request: /health is not logged');
  const re = new RegExp(
    `^\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d ${echoIp.replace(/\./g, '\\.')}:5678 ${clientIp.replace(/\./g, '\\.')}:(\\d+) "GET /x HTTP/1\\.1" 200 6 "Wget" [\\d.]+µs$`,
  );
  const m = re.exec(lines[1]);
  assert.ok(m, lines[1]);
  assert.ok(Number(m[1]) >= 32768 && Number(m[1]) <= 60999);
});

test("a container script writes its files where kubectl exec reads them, directories the image's model lacks included", () => {
  const { sh } = session();
  sh(
    `kubectl run w --image=busybox --restart=Never -- sh -c 'echo hello > /srv/www/index.html; date >> /srv/www/index.html; cat /srv/www/index.html /nosuch; sleep 3600'`,
  );
  sh('kubectl wait --for=condition=Ready pod/w --timeout=60s');
  const logs = sh('kubectl logs w').stdout.split('\n');
  assert.deepEqual([logs[0], logs[2], logs.length], ['hello', "cat: can't open '/nosuch': No such file or directory", 4]);
  const page = sh('kubectl exec w -- cat /srv/www/index.html').stdout.split('\n');
  assert.deepEqual([page[0], page.length], ['hello', 3]);
});
