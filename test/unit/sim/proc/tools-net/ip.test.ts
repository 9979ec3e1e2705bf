// ip (iproute2 and BusyBox) from the namespace's interfaces and routes, against transcripts/ip-*.txt,
// transcripts/busybox-ip-addr.txt and the lab captures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Interface, Route } from '../../../../../src/core/sim/contracts.ts';
import { ip } from '../../../../../src/core/sim/proc/bin/net/ip/index.ts';
import { addPod, lab, runTool, transcript, type LabOptions } from './lab.ts';

const file = (dir: string, name: string) => readFileSync(new URL(`../../../../golden/tools/${dir}/${name}`, import.meta.url), 'utf8');

/** The lab's namespace "a": lo and eth0, the veth whose peer (ifindex 2) is in namespace b (netnsid 0 here). */
function ifaces(mac: string, v6: string): Interface[] {
  return [
    {
      name: 'lo',
      index: 1,
      mac: '00:00:00:00:00:00',
      mtu: 65536,
      addresses: ['127.0.0.1/8', '::1/128'],
      state: 'UNKNOWN',
      type: 'loopback',
      flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    },
    {
      name: 'eth0',
      index: 2,
      mac,
      mtu: 1500,
      addresses: ['10.200.0.1/24', v6],
      state: 'UP',
      type: 'veth',
      peer: { index: 2, name: 'eth0' },
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      linkNetnsId: 0,
    },
  ];
}
const transcriptLab: LabOptions = {
  interfaces: ifaces('8a:92:3c:48:dc:db', 'fe80::8892:3cff:fe48:dcdb/64'),
  routes: [
    { dst: '10.200.0.0/24', dev: 'eth0', proto: 'kernel', scope: 'link', src: '10.200.0.1' },
    { dst: '10.201.0.0/24', dev: 'eth0', scope: 'link' },
  ],
};
const myLab: LabOptions = {
  interfaces: ifaces('9a:90:6a:27:2e:56', 'fe80::9890:6aff:fe27:2e56/64'),
  routes: [
    { dst: '10.200.0.0/24', dev: 'eth0', proto: 'kernel', scope: 'link', src: '10.200.0.1' },
    { dst: '10.201.0.0/24', via: '10.200.0.2', dev: 'eth0' },
  ],
};
/**
 * The captures' veth peer lives in a named namespace (`ip netns`), which iproute2 shows as "link-netns NAME";
 * a pod's peer is in its node's namespace and shows as "link-netnsid 0", the only form the simulator produces.
 */
const netnsid = (t: string) => t.replace(/link-netns \S+/g, 'link-netnsid 0');

// In the lab the peer of eth0 had ifindex 2 too; BusyBox names it from the local table ("eth0@eth0").
const CASES: { dir: string; file: string; lab: LabOptions; busybox?: boolean }[] = [
  { dir: 'transcripts', file: 'ip-addr.txt', lab: transcriptLab },
  { dir: 'transcripts', file: 'ip-route.txt', lab: transcriptLab },
  { dir: 'transcripts', file: 'busybox-ip-addr.txt', lab: transcriptLab, busybox: true },
  { dir: 'lab', file: 'ip-4-addr.txt', lab: myLab },
  { dir: 'lab', file: 'ip-br-addr.txt', lab: myLab },
  { dir: 'lab', file: 'ip-link.txt', lab: myLab },
  { dir: 'lab', file: 'ip-route-via.txt', lab: myLab },
  { dir: 'lab', file: 'busybox-ip-route.txt', lab: myLab, busybox: true },
];

for (const c of CASES) {
  test(`ip matches ${c.dir}/${c.file}`, () => {
    const expected = netnsid(file(c.dir, c.file));
    const cmd = expected.split('\n')[0].slice(2);
    const l = lab(c.lab);
    const host = c.busybox ? addPod(l, 'bb', 'busybox') : undefined;
    const argv = cmd.replace(/^busybox /, '').split(' ');
    // transcripts/ip-addr.txt: the peer was ifindex 2 in the other namespace, so iproute2 said eth0@if2.
    assert.equal(transcript(cmd, runTool(l, ip, argv, { host })), expected);
  });
}

test('a Calico pod: /32 address, link-netnsid 0, default via 169.254.1.1; route get picks it', () => {
  const pod: Interface[] = [
    {
      name: 'lo',
      index: 1,
      mac: '00:00:00:00:00:00',
      mtu: 65536,
      addresses: ['127.0.0.1/8'],
      state: 'UNKNOWN',
      type: 'loopback',
      flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    },
    {
      name: 'eth0',
      index: 4,
      mac: '9e:a4:36:3a:0e:86',
      mtu: 1480,
      addresses: ['192.168.217.16/32'],
      state: 'UP',
      type: 'veth',
      peer: { index: 7, name: 'cali1' },
      flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
      linkNetnsId: 0,
    },
  ];
  const routes: Route[] = [
    { dst: 'default', via: '169.254.1.1', dev: 'eth0' },
    { dst: '169.254.1.1', dev: 'eth0', scope: 'link' },
  ];
  const l = lab({ interfaces: pod, routes });
  assert.equal(
    runTool(l, ip, ['ip', 'a', 's', 'eth0']).stdout,
    '4: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1480 qdisc noqueue state UP group default qlen 1000\n    link/ether 9e:a4:36:3a:0e:86 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n    inet 192.168.217.16/32 scope global eth0\n       valid_lft forever preferred_lft forever\n',
  );
  assert.equal(runTool(l, ip, ['ip', 'r']).stdout, 'default via 169.254.1.1 dev eth0 \n169.254.1.1 dev eth0 scope link \n');
  assert.equal(
    runTool(l, ip, ['ip', 'route', 'get', '10.96.0.1']).stdout,
    '10.96.0.1 via 169.254.1.1 dev eth0 src 192.168.217.16 uid 0 \n    cache \n',
  );
});

test('a flannel pod address has a broadcast; errors: unknown device and object', () => {
  const l = lab({
    interfaces: [
      {
        name: 'eth0',
        index: 3,
        mac: '0a:58:0a:f4:01:05',
        mtu: 1450,
        addresses: ['10.244.1.5/24'],
        state: 'UP',
        type: 'veth',
        peer: { index: 9, name: 'veth1' },
        flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
        brd: true,
        linkNetnsId: 0,
      },
    ],
  });
  assert.match(runTool(l, ip, ['ip', 'addr']).stdout, /inet 10\.244\.1\.5\/24 brd 10\.244\.1\.255 scope global eth0\n/);
  assert.deepEqual(pick(runTool(l, ip, ['ip', 'addr', 'show', 'nosuch'])), ['Device "nosuch" does not exist.\n', 1]);
  assert.deepEqual(pick(runTool(l, ip, ['ip', 'bogus'])), ['Object "bogus" is unknown, try "ip help".\n', 1]);
  const bb = runTool(l, ip, ['ip', '-br', 'a'], { host: addPod(l, 'bb', 'busybox') });
  assert.equal(bb.code, 1);
  assert.match(bb.stderr, /Usage: ip \[OPTIONS\] address\|route\|link/);
});

const pick = (r: { stderr: string; code: number }) => [r.stderr, r.code];
