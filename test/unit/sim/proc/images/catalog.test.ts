// The image catalog: reference normalisation, unknown images and tags, facts per image, and what start() makes of
// the command forms lessons use (the article's busybox line, loops, listeners, images without a command).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogRef } from '../../../../../src/core/sim/proc/images/reference.ts';
import { createImageCatalog, toolsetOf } from '../../../../../src/core/sim/proc/images/index.ts';
import { NGINX_WELCOME } from '../../../../../src/core/sim/proc/images/nginx-pages.ts';
import { podWith, start, stubWorld } from './world-stub.ts';

test('references normalise: docker.io/library/nginx:latest is nginx; registries other than Docker Hub stay', () => {
  const table: [string, string, string][] = [
    ['nginx', 'nginx', 'latest'],
    ['docker.io/library/nginx:latest', 'nginx', 'latest'],
    ['index.docker.io/library/busybox:1.36', 'busybox', '1.36'],
    ['nicolaka/netshoot', 'nicolaka/netshoot', 'latest'],
    ['registry.k8s.io/e2e-test-images/agnhost:2.52', 'registry.k8s.io/e2e-test-images/agnhost', '2.52'],
    ['nginx@sha256:0123', 'nginx', 'latest'],
  ];
  for (const [image, repository, tag] of table) assert.deepEqual(catalogRef(image), { repository, tag }, image);
});

test('lookup: known images with facts, unknown images and tags are undefined (ErrImagePull)', () => {
  const c = createImageCatalog();
  assert.equal(c.lookup('nginx')?.repository, 'nginx');
  assert.equal(c.lookup('docker.io/library/nginx:1.25')?.repository, 'nginx');
  assert.equal(c.lookup('nginxx'), undefined);
  assert.equal(c.lookup('nginx:nosuchtag'), undefined);
  assert.equal(c.lookup('busybox:1.28')?.prompt, 'busybox');
  assert.deepEqual(
    c.lookup('ubuntu')?.commands.filter((x) => ['curl', 'ping', 'ip', 'nslookup'].includes(x)),
    [],
  );
  assert.ok(c.lookup('nicolaka/netshoot')?.commands.includes('dig'));
  assert.equal(c.lookup('nicolaka/netshoot')?.ping, 'iputils');
  assert.ok(c.lookup('nginx')?.commands.includes('curl'), 'the Debian nginx image ships curl');
  // Pull times: stable per tag, nginx several seconds, busybox about two.
  assert.equal(c.lookup('nginx')?.pullMs, c.lookup('nginx')?.pullMs);
  assert.ok((c.lookup('nginx')?.pullMs ?? 0) >= 5000 && (c.lookup('nginx')?.pullMs ?? 0) <= 10000);
  assert.ok((c.lookup('busybox')?.pullMs ?? 0) >= 1500 && (c.lookup('busybox')?.pullMs ?? 0) <= 3000);
});

test('toolsets: BusyBox builds and libc by image (tools pick their flavour from these)', () => {
  assert.equal(toolsetOf('busybox')?.busybox?.banner, 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.');
  assert.equal(toolsetOf('busybox:1.36.1-musl')?.libc, 'musl');
  assert.equal(toolsetOf('alpine:3.20')?.busybox?.banner.startsWith('BusyBox v1.36.1'), true);
  assert.equal(toolsetOf('nicolaka/netshoot')?.busybox?.applets.includes('ping'), false);
  assert.equal(toolsetOf('nicolaka/netshoot')?.busybox?.applets.includes('wget'), true);
  assert.equal(toolsetOf('nginx')?.busybox, undefined);
});

test("the article's busybox: logs its line, exits 0 after 3600 s", () => {
  const r = start(stubWorld(), podWith('busybox', { command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }));
  assert.deepEqual([r.logs, r.exit, r.listeners], [['The app is running!'], { afterMs: 3_600_000, code: 0 }, []]);
});

test('busybox without a command runs sh, which exits at once without a terminal (CrashLoopBackOff)', () => {
  const r = start(stubWorld(), podWith('busybox'));
  assert.deepEqual(r.exit, { afterMs: 0, code: 0 });
});

test('containerPort does not make anything listen: only the process does', () => {
  const pod = podWith('busybox', { command: ['sleep', '3600'] });
  pod.spec.containers[0].ports = [{ containerPort: 80 }];
  assert.deepEqual(start(stubWorld(), pod).listeners, []);
});

test('command forms: sleep infinity, nc -lk, httpd -f, while loops, exit codes, not found', () => {
  const w = stubWorld();
  const run = (cmd: string[], image = 'busybox') => start(w, podWith(image, { command: cmd }));
  assert.equal(run(['sleep', 'infinity']).exit, undefined);
  assert.deepEqual(
    run(['nc', '-lk', '-p', '8080']).listeners.map((l) => [l.port, l.protocol, l.http === undefined]),
    [[8080, 'TCP', true]],
  );
  assert.deepEqual(
    run(['sh', '-c', 'nc -l -p 9000']).listeners.map((l) => l.port),
    [9000],
  );
  const httpd = run(['httpd', '-f', '-p', '8080']);
  assert.equal(httpd.exit, undefined);
  const res = httpd.listeners[0].http?.({ method: 'GET', path: '/', host: 'x', headers: {}, clientIp: '10.0.0.1' });
  assert.equal(res?.status, 404);
  assert.equal(
    res?.body,
    '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n',
  );
  assert.deepEqual(
    run(['sh', '-c', 'httpd -p 8080; echo started']).exit,
    { afterMs: 0, code: 0 },
    'httpd without -f daemonizes; the script ends',
  );
  assert.deepEqual(run(['sh', '-c', 'exit 3']).exit, { afterMs: 0, code: 3 });
  const nf = run(['sh', '-c', 'curl x']);
  assert.deepEqual([nf.logs, nf.exit], [['sh: curl: not found'], { afterMs: 0, code: 127 }]);
  const bash = run(['bash', '-c', 'ping x'], 'ubuntu');
  assert.deepEqual([bash.logs, bash.exit?.code], [['bash: line 1: ping: command not found'], 127]);
  assert.deepEqual(run(['ping', 'x'], 'ubuntu').exit, { afterMs: 0, code: 128 }, 'exec of a missing binary: StartError');
  const counted = run(['sh', '-c', 'for i in 1 2 3; do echo n=$i; done; sleep 1']);
  assert.deepEqual([counted.logs, counted.exit], [['n=1', 'n=2', 'n=3'], { afterMs: 1000, code: 0 }]);
});

test('an endless loop: its log grows with simulated time', () => {
  const w = stubWorld();
  const r = start(w, podWith('busybox', { command: ['sh', '-c', 'while true; do echo tick $(hostname); sleep 5; done'] }));
  assert.equal(r.exit, undefined);
  assert.deepEqual(r.logs, ['tick p']);
  w.clock.advance(12_000);
  assert.deepEqual(r.logs, ['tick p', 'tick p', 'tick p']);
});

test('nginx: entrypoint log, :80 serving the article page with nginx 1.27.3 headers, 404 otherwise, access log', () => {
  const w = stubWorld();
  const r = start(w, podWith('nginx'));
  assert.equal(r.logs[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  assert.ok(r.logs.includes('2024/01/01 00:00:00 [notice] 1#1: nginx/1.27.3'));
  assert.deepEqual(
    r.listeners.map((l) => [l.port, l.protocol, l.process]),
    [[80, 'TCP', 'nginx']],
  );
  w.clock.advance(5000);
  const ok = r.listeners[0].http?.({
    method: 'GET',
    path: '/',
    host: '10.244.1.5',
    headers: { 'User-Agent': 'curl/7.88.1' },
    clientIp: '10.244.2.7',
  });
  assert.equal(ok?.body, NGINX_WELCOME);
  assert.deepEqual(ok?.headers, [
    ['Server', 'nginx/1.27.3'],
    ['Date', 'Mon, 01 Jan 2024 00:00:05 GMT'],
    ['Content-Type', 'text/html'],
    ['Content-Length', '612'],
    ['Last-Modified', 'Tue, 26 Nov 2024 15:55:00 GMT'],
    ['Connection', 'keep-alive'],
    ['ETag', '"6745ef54-264"'],
    ['Accept-Ranges', 'bytes'],
  ]);
  const nf = r.listeners[0].http?.({ method: 'GET', path: '/nope', host: '10.244.1.5', headers: {}, clientIp: '10.244.2.7' });
  assert.equal(nf?.status, 404);
  assert.equal(nf?.body.length, 153);
  assert.equal(r.logs.at(-1), '10.244.2.7 - - [01/Jan/2024:00:00:05 +0000] "GET /nope HTTP/1.1" 404 153 "-" "-" "-"');
  const v125 = start(w, podWith('nginx:1.25'));
  assert.equal(
    v125.listeners[0].http?.({ method: 'HEAD', path: '/', host: 'x', headers: {}, clientIp: 'y' }).headers[0][1],
    'nginx/1.25.5',
  );
  assert.equal(start(w, podWith('nginx', { command: ['sleep', '10'] })).listeners.length, 0, 'a command replaces the entrypoint');
});

test('agnhost netexec, serve-hostname; http-echo; httpd; pause', () => {
  const w = stubWorld();
  const ne = start(
    w,
    podWith('registry.k8s.io/e2e-test-images/agnhost:2.52', { args: ['netexec', '--http-port=8080', '--udp-port=8081'], name: 'ne-1' }),
  );
  assert.deepEqual(
    ne.listeners.map((l) => [l.port, l.protocol]),
    [
      [8080, 'TCP'],
      [8081, 'UDP'],
    ],
  );
  const get = (path: string) => ne.listeners[0].http?.({ method: 'GET', path, host: 'x', headers: {}, clientIp: '10.0.0.9' }).body;
  assert.equal(get('/hostname'), 'ne-1');
  assert.equal(get('/echo?msg=hello'), 'hello');
  assert.equal(get('/echo?msg=%zz'), '', "a bad escape drops the pair, as Go's url.ParseQuery does: no crash");
  assert.match(get('/clientip') ?? '', /^10\.0\.0\.9:\d+$/);
  const sh = start(w, podWith('registry.k8s.io/e2e-test-images/agnhost:2.52', { args: ['serve-hostname'], name: 'sh-1' }));
  assert.equal(sh.listeners[0].port, 9376);
  assert.equal(sh.listeners[0].http?.({ method: 'GET', path: '/', host: 'x', headers: {}, clientIp: 'y' }).body, 'sh-1');
  const echo = start(w, podWith('hashicorp/http-echo', { args: ['-text=hello'] }));
  assert.equal(echo.listeners[0].port, 5678);
  assert.equal(echo.listeners[0].http?.({ method: 'GET', path: '/', host: 'x', headers: {}, clientIp: 'y' }).body, 'hello\n');
  const httpd = start(w, podWith('httpd'));
  assert.equal(
    httpd.listeners[0].http?.({ method: 'GET', path: '/', host: 'x', headers: {}, clientIp: 'y' }).body,
    '<html><body><h1>It works!</h1></body></html>\n',
  );
  assert.equal(start(w, podWith('registry.k8s.io/pause:3.10')).exit, undefined);
});

test('system images: CoreDNS listens on 53/UDP+TCP and 9153; the API server on 6443', () => {
  const w = stubWorld();
  const dns = start(w, podWith('registry.k8s.io/coredns/coredns:v1.11.3', { args: ['-conf', '/etc/coredns/Corefile'] }));
  assert.deepEqual(dns.listeners.map((l) => `${l.port}/${l.protocol}`).slice(0, 3), ['53/UDP', '53/TCP', '9153/TCP']);
  const api = start(w, podWith('registry.k8s.io/kube-apiserver:v1.32.0', { command: ['kube-apiserver', '--secure-port=6443'] }));
  assert.equal(api.listeners[0].port, 6443);
});

test('two containers binding one port: each exposes its listener (the control plane decides who loses)', () => {
  const w = stubWorld();
  const a = start(w, podWith('nginx'));
  const b = start(w, podWith('nginx'));
  assert.deepEqual([a.listeners[0].port, b.listeners[0].port], [80, 80]);
  assert.match(
    a.bindError?.(a.listeners[0]).logs[0] ?? '',
    /\[emerg\] 1#1: bind\(\) to 0\.0\.0\.0:80 failed \(98: Address already in use\)/,
  );
});

test('argv: command replaces ENTRYPOINT and CMD; args replaces CMD; empty lists count as unset (CRI)', async () => {
  const { containerArgv } = await import('../../../../../src/core/sim/proc/images/programs.ts');
  const facts = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] } as unknown as Parameters<
    typeof containerArgv
  >[1];
  const c = (extra: object) => ({ name: 'c', image: 'nginx', ...extra });
  assert.deepEqual(containerArgv(c({}), facts), ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
  assert.deepEqual(containerArgv(c({ args: [] }), facts), ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
  assert.deepEqual(containerArgv(c({ command: [], args: [] }), facts), ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
  assert.deepEqual(containerArgv(c({ args: ['nginx-debug'] }), facts), ['/docker-entrypoint.sh', 'nginx-debug']);
  assert.deepEqual(containerArgv(c({ command: ['sleep'], args: ['5'] }), facts), ['sleep', '5']);
});

test("container scripts run through the shell's parser and expansions: $0 and arguments, $(( )), case, functions", () => {
  const w = stubWorld();
  const logs = (cmd: string[], image = 'busybox') => {
    const r = start(w, podWith(image, { command: cmd }));
    return [r.logs, r.exit?.code];
  };
  assert.deepEqual(logs(['sh', '-c', 'echo "$0 got $# args: $1 ${2:-none}"', 'worker', 'a']), [['worker got 1 args: a none'], 0]);
  assert.deepEqual(logs(['sh', '-c', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo "n=$i"; done']), [['n=1', 'n=2', 'n=3'], 0]);
  assert.deepEqual(logs(['sh', '-c', 'case "$HOSTNAME" in p*) echo matched;; *) echo no;; esac']), [['matched'], 0]);
  assert.deepEqual(logs(['sh', '-c', 'greet() { echo "hello $1"; return 4; }; greet pod']), [['hello pod'], 4]);
  assert.deepEqual(logs(['sh', '-c', 'for x in a b c; do [ $x = b ] && break; echo $x; done; echo end']), [['a', 'end'], 0]);
  assert.deepEqual(logs(['sh', '-c', '(exit 5); echo "sub: $?"; echo hidden > /dev/null; nosuch 2>/dev/null; echo $?']), [
    ['sub: 5', '127'],
    0,
  ]);
});

test("container scripts: syntax and expansion errors are the shell's own messages and statuses", () => {
  const w = stubWorld();
  const run = (cmd: string[], image = 'busybox') => start(w, podWith(image, { command: cmd }));
  const ash = run(['sh', '-c', 'if true; then echo x']);
  assert.deepEqual([ash.logs, ash.exit?.code], [['sh: syntax error: unexpected end of file (expecting "fi")'], 2]);
  const bash = run(['bash', '-c', 'echo $((1/0)); echo same line\necho next line'], 'ubuntu');
  assert.deepEqual(
    bash.logs,
    ['bash: line 1: 1/0: division by 0 (error token is "0")', 'next line'],
    'bash drops the rest of the line only',
  );
  assert.equal(bash.exit?.code, 0);
  const dash = run(['sh', '-c', 'echo ${missing:?not set}; echo never'], 'ubuntu');
  assert.deepEqual([dash.logs, dash.exit?.code], [['sh: 1: missing: not set'], 2]);
});

test('container scripts run in the shell: jobs on their own time, wait on a server, set -e', () => {
  const w = stubWorld();
  const run = (cmd: string[]) => start(w, podWith('busybox', { command: cmd }));
  const jobs = run(['sh', '-c', '(sleep 2; echo late) & echo now; sleep 10']);
  assert.deepEqual(
    [jobs.logs, jobs.logTimes?.map((t) => t - w.clock.now()), jobs.exit],
    [['now'], [0], { afterMs: 10_000, code: 0 }],
    'the job wrote its line 2 s in: not yet',
  );
  w.clock.advance(2_000);
  assert.deepEqual(jobs.logs, ['now', 'late']);
  const server = run(['sh', '-c', 'nc -lk -p 9000 & echo up; wait; echo never']);
  assert.deepEqual([server.logs, server.listeners.map((l) => l.port), server.exit], [['up'], [9000], undefined]);
  const errexit = run(['sh', '-c', 'set -e; echo one; false; echo never']);
  assert.deepEqual([errexit.logs, errexit.exit?.code], [['one'], 1]);
});

test('hostile container scripts end as a process would, never as a stack trace', () => {
  const w = stubWorld();
  const run = (script: string) => start(w, podWith('busybox', { command: ['sh', '-c', script] }));
  const busy = run('i=0; while :; do i=$((i+1)); done');
  assert.equal(busy.exit, undefined, 'a busy counter loop runs on');
  const grow = run('x=ab; while true; do x=$x$x; done');
  assert.equal(grow.exit?.code, 1);
  assert.match(grow.logs.join('\n'), /^sh: /);
  const deep = run('f() { f; }; f');
  assert.equal(deep.exit?.code, 1);
  assert.match(deep.logs.join('\n'), /nesting/);
});
