// TTL and path tools over the model: ping -t (time exceeded from the router where the TTL runs out), ping -M do
// against the tunnel MTU, traceroute and tracepath hop by hop. Formats: iputils 20221126, traceroute 2.1.2 (Debian
// 12), BusyBox 1.35, checked against the real programs in scratch network namespaces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import type { Pod } from '../../../../../src/core/sim/api/types.ts';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { type } from '../shell/helpers.ts';

const SPEC: ClusterSpec = {
  cni: 'calico',
  nodes: [
    { name: 'm1', role: 'control-plane' },
    { name: 'w1', role: 'worker' },
    { name: 'w2', role: 'worker' },
  ],
  workstation: { node: 'm1', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
};
const pod = (name: string, node: string, image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: ${node}
  containers:
  - name: c
    image: ${image}
    command: ['sleep', '3600']
`;

async function cluster() {
  const world = createWorld(SPEC, { seed: 5 });
  const manifest = [pod('web', 'w2', 'nginx'), pod('bb', 'w1', 'busybox'), pod('ns', 'w1', 'nicolaka/netshoot')].join('---\n');
  world.fs({ kind: 'node', node: 'm1' }).write('/root/p.yaml', manifest);
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  assert.equal((await type(t, 'kubectl apply -f /root/p.yaml')).exitCode, 0);
  await type(t, 'sleep 60');
  const ipOf = (n: string) => world.store.get<Pod>('Pod', 'default', n)?.status?.podIP ?? '';
  const nodeIp = (n: string) => world.net.addressOf({ kind: 'node', node: n }) ?? '';
  return { world, t, ipOf, nodeIp };
}

const esc = (s: string) => s.replace(/[.()]/g, '\\$&');

test('ping -t: the router where the TTL runs out answers time exceeded (iputils); BusyBox prints no error line', async () => {
  const { t, ipOf, nodeIp } = await cluster();
  const web = ipOf('web');
  const one = await type(t, `kubectl exec ns -- ping -c 2 -t 1 ${web}`);
  assert.match(
    one.output,
    new RegExp(
      `^PING ${esc(web)} \\(${esc(web)}\\) 56\\(84\\) bytes of data\\.\\nFrom ${esc(nodeIp('w1'))} icmp_seq=1 Time to live exceeded\\nFrom ${esc(nodeIp('w1'))} icmp_seq=2 Time to live exceeded\\n\\n--- ${esc(web)} ping statistics ---\\n2 packets transmitted, 0 received, \\+2 errors, 100% packet loss, time \\d+ms\\n\\n`,
    ),
  );
  // The second router is w2, answering over IPIP from its tunl0 address (its route back to the sender is via tunl0).
  const two = await type(t, `kubectl exec ns -- ping -c 1 -t 2 ${web}`);
  const tunl = /From (\S+) icmp_seq=1 Time to live exceeded/.exec(two.output)?.[1] ?? '';
  assert.notEqual(tunl, nodeIp('w2'));
  assert.match(tunl, /^192\.168\./);
  const three = await type(t, `kubectl exec ns -- ping -c 1 -t 3 ${web}`);
  assert.match(three.output, /icmp_seq=1 ttl=62 time=/);
  const bb = await type(t, `kubectl exec bb -- ping -c 1 -t 1 ${web}`);
  assert.doesNotMatch(bb.output, /From|exceeded/);
  assert.match(bb.output, /1 packets transmitted, 0 packets received, 100% packet loss/);
  const bad = await type(t, `kubectl exec ns -- ping -c 1 -t 0 ${web}`);
  assert.match(bad.output, /^ping: cannot set unicast time-to-live: Invalid argument\n/);
  const big = await type(t, `kubectl exec ns -- ping -c 1 -t 256 ${web}`);
  assert.match(big.output, /^ping: invalid argument: '256': out of range: 0 <= value <= 255\n/);
});

test('ping -M do -s: the IPIP MTU (1480) refuses a 1500-byte packet locally; 1480 bytes pass', async () => {
  const { t, ipOf } = await cluster();
  const web = ipOf('web');
  for (const where of ['kubectl exec ns -- ', '']) {
    const r = await type(t, `${where}ping -c 2 -M do -s 1472 ${web}`);
    assert.match(
      r.output,
      new RegExp(
        `^PING ${esc(web)} \\(${esc(web)}\\) 1472\\(1500\\) bytes of data\\.\\nping: local error: message too long, mtu=1480\\nping: local error: message too long, mtu=1480\\n\\n--- ${esc(web)} ping statistics ---\\n2 packets transmitted, 0 received, \\+2 errors, 100% packet loss`,
      ),
    );
  }
  const ok = await type(t, `kubectl exec ns -- ping -c 1 -M do -s 1452 ${web}`);
  assert.match(ok.output, /^PING \S+ \(\S+\) 1452\(1480\) bytes of data\.\n1460 bytes from \S+: icmp_seq=1 ttl=62 time=/);
  const dont = await type(t, `kubectl exec ns -- ping -c 1 -s 1472 ${web}`);
  assert.match(dont.output, /1480 bytes from \S+: icmp_seq=1 ttl=62/);
  const bad = await type(t, `kubectl exec ns -- ping -c 1 -M foo ${web}`);
  assert.match(bad.output, /^ping: invalid -M argument: foo\n/);
});

test('traceroute: each hop is the router where that TTL ran out; the destination ends it (Debian and BusyBox formats)', async () => {
  const { t, ipOf, nodeIp } = await cluster();
  const web = ipOf('web');
  const n = await type(t, `kubectl exec ns -- traceroute -n ${web}`);
  const lines = n.output.split('\n');
  assert.equal(lines[0], `traceroute to ${web} (${web}), 30 hops max, 60 byte packets`);
  assert.match(lines[1], new RegExp(`^ 1  ${esc(nodeIp('w1'))}  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms$`));
  assert.match(lines[2], /^ 2  192\.168\.\d+\.\d+  \d+\.\d{3} ms  \d+\.\d{3} ms  \d+\.\d{3} ms$/);
  assert.match(lines[3], new RegExp(`^ 3  ${esc(web)}  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms$`));
  assert.equal(lines[4], '');
  const named = await type(t, `kubectl exec ns -- traceroute -q 1 ${web}`);
  assert.match(named.output.split('\n')[1], new RegExp(`^ 1  ${esc(nodeIp('w1'))} \\(${esc(nodeIp('w1'))}\\)  \\d+\\.\\d{3} ms$`));
  const bb = await type(t, `kubectl exec bb -- traceroute -n -q 2 ${web}`);
  const b = bb.output.split('\n');
  assert.equal(b[0], `traceroute to ${web} (${web}), 30 hops max, 46 byte packets`);
  assert.match(b[1], new RegExp(`^ 1  ${esc(nodeIp('w1'))}  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms$`));
  assert.match(b[3], new RegExp(`^ 3  ${esc(web)}  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms$`));
  const help = await type(t, 'traceroute');
  assert.match(help.output, /^Usage:\n  traceroute \[ -46dFITnreAUDV \]/);
  assert.equal(help.exitCode, 0);
  assert.equal((await type(t, 'traceroute -Z 1.2.3.4')).output, "Bad option `-Z' (argc 1)\n");
  const unknown = await type(t, 'traceroute -n nosuch.invalid');
  assert.match(
    unknown.output,
    /^nosuch\.invalid: (Name or service not known|Temporary failure in name resolution)\nCannot handle "host" cmdline arg `nosuch\.invalid' on position 1 \(argc 2\)\n$/,
  );
  assert.equal(unknown.exitCode, 2);
});

test('tracepath on a node: the tunnel MTU at [LOCALHOST], hop lines in iputils columns, Resume with hops and back', async () => {
  const { t, ipOf, nodeIp } = await cluster();
  const web = ipOf('web');
  const col = (host: string) => `${host.padEnd(52).replace(/[.()?]/g, '\\$&')}  +\\d+\\.\\d{3}ms `;
  // m1 sends over tunl0 straight to w2 (no TTL spent on the sender); w2 answers TTL 1 from its tunl0 address.
  const r = await type(t, `tracepath -n ${web}`);
  const lines = r.output.split('\n');
  assert.equal(lines[0], ' 1?: [LOCALHOST]                      pmtu 1480');
  const tunl = /^ 1: {2}(\S+)/.exec(lines[1])?.[1] ?? '';
  assert.match(tunl, /^192\.168\./);
  assert.match(lines[1], new RegExp(`^ 1:  ${col(tunl)}$`));
  assert.match(lines[2], new RegExp(`^ 1:  ${col(tunl)}$`));
  assert.match(lines[3], new RegExp(`^ 2:  ${col(web)}reached$`));
  assert.deepEqual(lines.slice(4), ['     Resume: pmtu 1480 hops 2 back 2 ', '']);
  assert.equal(lines[1].length, 68);
  const node = await type(t, `tracepath -n ${nodeIp('w1')}`);
  assert.match(
    node.output,
    new RegExp(`^ 1\\?: \\[LOCALHOST\\] {21} pmtu 1500\\n 1:  ${col(nodeIp('w1'))}reached\\n     Resume: pmtu 1500 hops 1 back 1 \\n$`),
  );
  const named = await type(t, `tracepath -l 1400 ${web}`);
  assert.match(named.output, new RegExp(`^ 1:  ${col('???')}\\n 2:  ${col('???')}reached\\n     Resume: pmtu 1400 hops 2 back 2 \\n$`));
  const bad = await type(t, `tracepath -l 10 ${web}`);
  assert.equal(bad.output, 'tracepath: pktlen must be within: 28 < value <= 2147483647\n');
  assert.equal(bad.exitCode, 1);
});

test('a program the real node has but podlab does not simulate says so in one line, never "command not found"', async () => {
  const { t } = await cluster();
  const r = await type(t, 'crictl ps');
  assert.equal(r.output, 'podlab: crictl: this program is on the node but not simulated\n');
  assert.equal(r.exitCode, 126);
  assert.equal((await type(t, 'ethtool eth0')).output, 'podlab: ethtool: this program is on the node but not simulated\n');
  assert.match((await type(t, 'no-such-tool')).output, /no-such-tool: command not found\n$/);
  assert.equal((await type(t, 'which tracepath traceroute')).exitCode, 0);
  const img = await type(t, 'kubectl exec ns -- ethtool eth0');
  assert.match(img.output, /^podlab: ethtool: this program is in the image but not simulated\n/);
});
