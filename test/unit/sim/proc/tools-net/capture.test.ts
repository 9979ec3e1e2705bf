// tcpdump and conntrack over the model: the packets a line's commands send, device by device as the walk moved
// them, and the conntrack entries they leave on the nodes. Shapes compared with real tcpdump 4.99.3 and
// conntrack-tools 1.4.7 output (test/golden/tools/capture/).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import type { Pod, Service } from '../../../../../src/core/sim/api/types.ts';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { flowsOf } from '../../../../../src/core/sim/net/flows.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { type } from '../shell/helpers.ts';

const spec = (cni: 'calico' | 'flannel'): ClusterSpec => ({
  cni,
  nodes: [
    { name: 'm1', role: 'control-plane' },
    { name: 'w1', role: 'worker' },
    { name: 'w2', role: 'worker' },
  ],
  workstation: { node: 'm1', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
});
const pod = (name: string, node: string, image: string, labels = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${labels}spec:
  nodeName: ${node}
  containers:
  - name: c
    image: ${image}
${image === 'nginx' ? '' : "    command: ['sleep', '3600']\n"}`;
const svc = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`;

async function cluster(cni: 'calico' | 'flannel' = 'calico') {
  const world = createWorld(spec(cni), { seed: 5 });
  const manifest = [pod('web', 'w2', 'nginx', '  labels:\n    app: web\n'), pod('ns', 'w1', 'nicolaka/netshoot'), svc].join('---\n');
  world.fs({ kind: 'node', node: 'm1' }).write('/root/p.yaml', manifest);
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  assert.equal((await type(t, 'kubectl apply -f /root/p.yaml')).exitCode, 0);
  await type(t, 'sleep 60');
  const ipOf = (n: string) => world.store.get<Pod>('Pod', 'default', n)?.status?.podIP ?? '';
  const nodeIp = (n: string) => world.net.addressOf({ kind: 'node', node: n }) ?? '';
  return { world, t, ipOf, nodeIp };
}

/** The packet lines of a real capture (after the `$ command` line and tcpdump's stderr). */
function golden(name: string): string[] {
  const text = readFileSync(new URL(`../../../../golden/tools/capture/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{6} /.test(l) || /^ {4}|^IP /.test(l));
}

/** A line's shape: device names, addresses, numbers masked (the real capture's are its own). */
function shape(line: string): string {
  return line
    .replace(/^\d\d:\d\d:\d\d\.\d{6} /, 'T ')
    .replace(/^T \S+\s+(In|Out)\s+/, 'T DEV $1 ')
    .replace(/\d+\.\d+\.\d+\.\d+(\.\d+)?/g, 'A')
    .replace(/[0-9a-f]{2}(:[0-9a-f]{2}){5}/g, 'MAC')
    .replace(/\d+/g, 'N');
}

const packetLines = (out: string) => out.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{6} /.test(l) || /^ {4}|^IP /.test(l));

test('tcpdump -ni any on the client node: a curl to a Service, DNAT after the node, shapes of real tcpdump 4.99.3', async () => {
  const { world, ipOf } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const r = await type(w1, 'tcpdump -ni any tcp & kubectl exec ns -- curl -s -o /dev/null http://web');
  assert.match(
    r.output,
    /tcpdump: data link type LINUX_SLL2\ntcpdump: verbose output suppressed, use -v\[v\]\.\.\. for full protocol decode\nlistening on any, link-type LINUX_SLL2 \(Linux cooked v2\), snapshot length 262144 bytes\n/,
  );
  const lines = packetLines(r.output);
  const real = new Set(golden('tcpdump-any.txt').map(shape));
  for (const l of lines) assert.ok(real.has(shape(l)), `no real line has the shape of\n${l}\n${shape(l)}`);
  // Handshake, request, answer, close: the sequence of flags a real curl leaves, each seen on the pod's cali
  // device (In from the client) and on tunl0 (Out towards w2).
  const flags = lines.filter((l) => / In /.test(l) && /^\S+ cali/.test(l)).map((l) => /Flags \[([^\]]+)\]/.exec(l)?.[1]);
  assert.deepEqual(flags, ['S', '.', 'P.', '.', 'F.', '.']);
  const svc = world.store.get<Service>('Service', 'default', 'web')?.spec.clusterIP ?? '';
  const web = ipOf('web');
  const syn = lines.filter((l) => /Flags \[S\]/.test(l));
  assert.equal(syn.length, 2);
  assert.match(syn[0], new RegExp(` cali\\w+ In  IP ${ipOf('ns').replace(/\./g, '\\.')}\\.\\d+ > ${svc.replace(/\./g, '\\.')}\\.80: `));
  assert.match(syn[1], new RegExp(` tunl0 Out IP ${ipOf('ns').replace(/\./g, '\\.')}\\.\\d+ > ${web.replace(/\./g, '\\.')}\\.80: `));
  assert.match(r.output, /length 67: HTTP: GET \/ HTTP\/1\.1\n/);
  assert.match(r.output, /: HTTP: HTTP\/1\.1 200 OK\n/);
  assert.match(r.output, /\n20 packets captured\n20 packets received by filter\n0 packets dropped by kernel\n/);
  // Times never go back.
  const us = lines.map((l) => Number(l.slice(9, 15)) + 1e6 * Number(l.slice(6, 8)));
  assert.deepEqual(
    us,
    [...us].sort((a, b) => a - b),
  );
});

test('IPIP on eth0: the outer header between the nodes, then the inner packet; -c stops the background capture', async () => {
  const { world, ipOf, nodeIp } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const r = await type(w1, `tcpdump -ni eth0 -c 1 & kubectl exec ns -- ping -c 2 ${ipOf('web')}`);
  const lines = packetLines(r.output);
  assert.equal(lines.length, 1);
  const esc = (s: string) => s.replace(/\./g, '\\.');
  assert.match(
    lines[0],
    new RegExp(
      `^\\d\\d:\\d\\d:\\d\\d\\.\\d{6} IP ${esc(nodeIp('w1'))} > ${esc(nodeIp('w2'))}: IP ${esc(ipOf('ns'))} > ${esc(ipOf('web'))}: ICMP echo request, id \\d+, seq 1, length 64$`,
    ),
  );
  assert.match(r.output, /\n1 packet captured\n1 packet received by filter\n0 packets dropped by kernel\n/);
  // As on a terminal: ping prints its PING line, then the request leaves (and the capture prints it), then the reply line.
  const at = (x: string) => r.output.indexOf(x);
  assert.ok(at('PING ') < at(lines[0]) && at(lines[0]) < at('64 bytes from'), r.output);
  // The filter reads the outer header: `icmp` matches nothing on eth0, `ip proto 4` the tunnel.
  const icmp = await type(w1, `tcpdump -ni eth0 icmp & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  assert.equal(packetLines(icmp.output).length, 0);
  const ipip = await type(w1, `tcpdump -ni eth0 ip proto 4 and host ${nodeIp('w2')} & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  assert.equal(packetLines(ipip.output).length, 2);
  const raw = await type(w1, `tcpdump -eni tunl0 -c 1 & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  assert.match(raw.output, /listening on tunl0, link-type RAW \(Raw IP\), snapshot length 262144 bytes\n/);
  assert.match(packetLines(raw.output)[0], /^\S+ ip: \d+\.\d+\.\d+\.\d+ > /);
});

test('flannel VXLAN: OTV on eth0 and the inner packets on flannel.1, as the real captures show them', async () => {
  const { world, ipOf } = await cluster('flannel');
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  for (const [cmd, file] of [
    ['tcpdump -ni eth0 udp', 'tcpdump-vxlan-eth0.txt'],
    ['tcpdump -vni eth0 udp', 'tcpdump-vxlan-v.txt'],
    ['tcpdump -vni flannel.1 icmp', 'tcpdump-v-icmp.txt'],
  ]) {
    const r = await type(w1, `${cmd} & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
    assert.deepEqual(packetLines(r.output).map(shape), golden(file).map(shape), cmd);
  }
  const flannel = await type(w1, `tcpdump -ni flannel.1 & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  const real = golden('tcpdump-vxlan-flannel.txt').filter((l) => / IP /.test(l));
  assert.deepEqual(packetLines(flannel.output).map(shape), real.map(shape));
});

test('tcpdump -e on a pod veth: MACs and frame lengths as EN10MB prints them', async () => {
  const { world, ipOf } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const cali = world.net.interfaces({ kind: 'node', node: 'w1' }).find((i) => i.name.startsWith('cali'))?.name ?? '';
  const r = await type(w1, `tcpdump -eni ${cali} & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  const real = new Set(golden('tcpdump-e.txt').map(shape));
  const lines = packetLines(r.output);
  assert.equal(lines.length, 2);
  for (const l of lines) assert.ok(real.has(shape(l)), l);
  assert.match(lines[1], /^\S+ ee:ee:ee:ee:ee:ee > /, "the reply comes from Calico's proxy-ARP MAC");
});

test('captures end: timeout, the end of the line; the foreground waits; the grader probes and idle lines leave nothing', async () => {
  const { world, t, ipOf } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const late = await type(w1, `timeout 2 tcpdump -ni any & sleep 3; kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  assert.equal(packetLines(late.output).length, 0);
  assert.match(late.output, /\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n/);
  const flows = flowsOf(world.store);
  assert.equal(flows?.captures.length, 0, 'no capture outlives its line');
  assert.equal(flows?.tap([]), undefined, 'walks get no tap while nothing captures');
  const fg = await type(w1, 'timeout 1 tcpdump -ni eth0');
  assert.equal(fg.exitCode, 124);
  assert.match(fg.output, /\n0 packets captured\n/);
  const bad = await type(w1, 'tcpdump -ni eth9');
  assert.equal(bad.output, 'tcpdump: eth9: No such device exists\n(SIOCGIFHWADDR: No such device)\n');
  assert.equal((await type(w1, 'tcpdump -ni eth0 port')).output, 'tcpdump: syntax error in filter expression\n');
  // In an image that ships it (netshoot), on the pod's own eth0.
  const pod = await type(t, `kubectl exec ns -- tcpdump -ni eth0 -c 2 & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  assert.equal(packetLines(pod.output).length, 2);
});

test('conntrack -L on the nodes: the DNAT entry of a curl to a Service, aged on the simulated clock', async () => {
  const { world, t, ipOf } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const w2 = createTerminal(world, { kind: 'node', node: 'w2' }, { cwd: '/root', user: 'root' });
  const before = await type(w1, 'conntrack -C');
  assert.equal(before.output, '0\n');
  await type(t, 'kubectl exec ns -- curl -s -o /dev/null http://web');
  const svc = world.store.get<Service>('Service', 'default', 'web')?.spec.clusterIP ?? '';
  const r = await type(w1, 'conntrack -L -p tcp');
  const lines = r.output.split('\n').filter((l) => l.startsWith('tcp'));
  assert.equal(lines.length, 1);
  const real = golden('conntrack-L.txt');
  const realTcp = readFileSync(new URL('../../../../golden/tools/capture/conntrack-L.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('tcp'));
  assert.equal(real.length, 0);
  assert.equal(shape(lines[0]), shape(realTcp[0]));
  const m =
    /^tcp {6}6 (\d+) TIME_WAIT src=(\S+) dst=(\S+) sport=(\d+) dport=80 src=(\S+) dst=(\S+) sport=80 dport=(\d+) \[ASSURED\] mark=0 use=1$/.exec(
      lines[0],
    );
  assert.ok(m, lines[0]);
  assert.deepEqual([m[2], m[3], m[5], m[6], m[7]], [ipOf('ns'), svc, ipOf('web'), ipOf('ns'), m[4]]);
  assert.ok(Number(m[1]) <= 119 && Number(m[1]) > 100);
  assert.match(r.output, /conntrack v1\.4\.7 \(conntrack-tools\): 1 flow entries have been shown\.\n/);
  // The server's node forwarded it without NAT: its entry's reply is the plain reverse.
  const far = (await type(w2, 'conntrack -L -p tcp')).output.split('\n').filter((l) => l.startsWith('tcp'));
  assert.equal(far.length, 1);
  assert.match(
    far[0],
    new RegExp(`dst=${ipOf('web').replace(/\./g, '\\.')} sport=\\d+ dport=80 src=${ipOf('web').replace(/\./g, '\\.')} `),
  );
  // The lookup of "web" left its UDP entry (DNAT to the CoreDNS pod), ICMP none yet; TIME_WAIT ends after 120 s.
  assert.match((await type(w1, 'conntrack -L -p udp')).output, /^udp {6}17 \d+ src=\S+ dst=10\.96\.0\.10 sport=\d+ dport=53 src=/);
  assert.equal((await type(w1, 'conntrack -L -p icmp')).output, 'conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n');
  for (let i = 0; i < 3; i++) await type(w1, 'sleep 40');
  assert.equal((await type(w1, 'conntrack -C')).output, '0\n');
  // Not from an unprivileged container; the grader's probes leave nothing.
  assert.equal(
    (await type(t, 'kubectl exec ns -- conntrack -L')).output.split('\n')[0],
    'conntrack v1.4.8 (conntrack-tools): Operation failed: Operation not permitted',
  );
});

test('same seed, same bytes: captures and conntrack are deterministic', async () => {
  const run = async () => {
    const { world, ipOf } = await cluster();
    const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
    const a = await type(
      w1,
      `tcpdump -vni any & kubectl exec ns -- curl -s -o /dev/null http://web; kubectl exec ns -- ping -c 2 ${ipOf('web')}`,
    );
    const b = await type(w1, 'conntrack -L');
    return a.output + b.output;
  };
  assert.equal(await run(), await run());
});

test('NodePort through another node: DNAT and MASQUERADE in w1 conntrack reply tuple, the masqueraded source on w2 tunl0', async () => {
  const { world, t, ipOf, nodeIp } = await cluster();
  await type(t, 'kubectl expose pod web --name np --type NodePort --port 80');
  const np = world.store.get<Service>('Service', 'default', 'np')?.spec.ports?.[0].nodePort;
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const w2 = createTerminal(world, { kind: 'node', node: 'w2' }, { cwd: '/root', user: 'root' });
  const tunl =
    world.net
      .interfaces({ kind: 'node', node: 'w1' })
      .find((i) => i.name === 'tunl0')
      ?.addresses[0]?.split('/')[0] ?? '';
  await type(t, `curl -s -o /dev/null http://${nodeIp('w1')}:${np}`);
  const e = (await type(w1, 'conntrack -L -p tcp')).output.split('\n')[0];
  const m = /^tcp {6}6 \d+ TIME_WAIT src=(\S+) dst=(\S+) sport=\d+ dport=(\d+) src=(\S+) dst=(\S+) sport=80 dport=(\d+) \[ASSURED\]/.exec(
    e,
  );
  assert.ok(m, e);
  assert.deepEqual(m.slice(1, 6), [nodeIp('m1'), nodeIp('w1'), String(np), ipOf('web'), tunl]);
  // From w2's side, in one line: w2 curls w1's NodePort; the answer comes from its own pod, the SYN arrives masqueraded.
  const r = await type(w2, `tcpdump -ni tunl0 -c 1 & curl -s -o /dev/null http://${nodeIp('w1')}:${np}`);
  assert.match(
    packetLines(r.output)[0] ?? '',
    new RegExp(` IP ${tunl.replace(/\./g, '\\.')}\\.\\d+ > ${ipOf('web').replace(/\./g, '\\.')}\\.80: Flags \\[S\\]`),
  );
});

test('a refused connection is SYN then RST (conntrack CLOSE); a client that sends nothing closes right after the handshake', async () => {
  const { world, ipOf } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const web = ipOf('web');
  const r = await type(
    w1,
    `tcpdump -ni tunl0 & kubectl exec ns -- curl -s http://${web}:81; kubectl exec ns -- nc -z -w 1 ${web} 80; sleep 5`,
  );
  const flags = packetLines(r.output).map((l) => /Flags \[([^\]]+)\]/.exec(l)?.[1]);
  assert.deepEqual(flags, ['S', 'R.', 'S', 'S.', '.', 'F.', 'F.', '.']);
  const secs = packetLines(r.output).map((l) => l.slice(0, 8));
  assert.equal(new Set(secs).size, 1, 'the FINs follow the handshake, not the sleep');
  const ct = (await type(w1, 'conntrack -L -p tcp')).output;
  assert.match(
    ct,
    new RegExp(
      `^tcp {6}6 \\d+ CLOSE src=${ipOf('ns').replace(/\./g, '\\.')} dst=${web.replace(/\./g, '\\.')} sport=\\d+ dport=81 src=`,
      'm',
    ),
  );
  assert.doesNotMatch(ct.split('\n').find((l) => l.includes('dport=81 ')) ?? '', /ASSURED|UNREPLIED/);
});

test('ping -t 1: the request, and the time exceeded the node answers from its InternalIP, as the real capture shows', async () => {
  const { world, ipOf, nodeIp } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  await type(w1, 'ip neigh');
  const r = await type(w1, `tcpdump -ni any icmp & kubectl exec ns -- ping -c 1 -t 1 ${ipOf('web')}`);
  const lines = packetLines(r.output);
  assert.equal(lines.length, 2);
  const real = golden('tcpdump-any.txt').slice(-2).map(shape);
  assert.deepEqual(lines.map(shape), real);
  assert.match(
    lines[1],
    new RegExp(
      ` Out IP ${nodeIp('w1').replace(/\./g, '\\.')} > ${ipOf('ns').replace(/\./g, '\\.')}: ICMP time exceeded in-transit, length 92$`,
    ),
  );
  // The error's walk back for the capture teaches the neighbour tables nothing a run without capture would not.
  const quiet = await cluster();
  const q1 = createTerminal(quiet.world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  await type(q1, 'ip neigh');
  await type(q1, `kubectl exec ns -- ping -c 1 -t 1 ${quiet.ipOf('web')}`);
  assert.equal((await type(w1, 'ip neigh')).output, (await type(q1, 'ip neigh')).output);
});

test('-e on any: the sender MAC where the device has one, the ethertype, the length with the SLL2 header', async () => {
  const { world, ipOf } = await cluster();
  const w1 = createTerminal(world, { kind: 'node', node: 'w1' }, { cwd: '/root', user: 'root' });
  const r = await type(w1, `tcpdump -eni any -c 2 icmp & kubectl exec ns -- ping -c 1 ${ipOf('web')}`);
  const [cali, tunl] = packetLines(r.output);
  assert.match(cali, /^\S+ cali\w+ In  [0-9a-f]{2}(:[0-9a-f]{2}){5} ethertype IPv4 \(0x0800\), length 104: \d+\.\d+\.\d+\.\d+ > /);
  assert.match(tunl, /^\S+ tunl0 Out ethertype IPv4 \(0x0800\), length 104: \d+\.\d+\.\d+\.\d+ > /);
});
