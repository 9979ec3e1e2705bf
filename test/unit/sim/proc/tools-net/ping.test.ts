// ping (iputils and BusyBox) against the reference lab, byte for byte with transcripts/ping-*.txt; the replies'
// time= values come from the fake dataplane (set to the captured ones), only iputils' "time Nms" total is masked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ping } from '../../../../../src/core/sim/proc/bin/net/ping/index.ts';
import { iputilsTime } from '../../../../../src/core/sim/proc/bin/net/ping/format.ts';
import { addPod, lab, runTool, transcript, type LabOptions } from './lab.ts';

const golden = (name: string) => readFileSync(new URL(`../../../../golden/tools/transcripts/${name}`, import.meta.url), 'utf8');
/** iputils' total "time 2051ms" is wall-clock drift in the capture: masked on both sides. */
const maskTotal = (t: string) => t.replace(/, time \d+ms/, ', time <T>ms');

const CASES: { file: string; argv: string[]; busybox?: boolean; lab?: LabOptions }[] = [
  { file: 'ping-iputils-ok.txt', argv: ['ping', '-c', '3', '10.200.0.2'], lab: { pingRtts: [0.427, 0.061, 0.058] } },
  { file: 'ping-busybox-ok.txt', argv: ['ping', '-c', '3', '10.200.0.2'], busybox: true, lab: { pingRtts: [0.059, 0.097, 0.073] } },
  { file: 'ping-iputils-noreply.txt', argv: ['ping', '-c', '2', '-W', '1', '10.200.0.99'] },
  { file: 'ping-busybox-noreply.txt', argv: ['ping', '-c', '2', '-W', '1', '10.200.0.99'], busybox: true },
  { file: 'ping-iputils-unknown-host.txt', argv: ['ping', '-c', '1', 'nosuchhost'], lab: { dnsDown: 'timeout' } },
];

for (const c of CASES) {
  test(`ping matches transcripts/${c.file}`, () => {
    const l = lab(c.lab);
    const host = c.busybox ? addPod(l, 'bb', 'busybox') : undefined;
    const r = runTool(l, ping, c.argv, { host });
    const cmd = golden(c.file).split('\n')[0].slice(2);
    assert.equal(maskTotal(transcript(cmd, r)), maskTotal(golden(c.file)));
  });
}

test('iputils time= precision follows the reply time (3, 2, 1, 0 decimals)', () => {
  assert.deepEqual([369, 1234, 12345, 123456].map(iputilsTime), ['0.369', '1.23', '12.3', '123']);
});

test('the article: a node pings a pod on another node, ttl=63, rtt min/avg/max/mdev from the replies', () => {
  const r = runTool(lab({ pingRtts: [0.369, 0.262, 0.386], pingTtl: 63 }), ping, ['ping', '-c', '3', '10.200.0.2']);
  assert.match(
    r.stdout,
    /^PING 10\.200\.0\.2 \(10\.200\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.200\.0\.2: icmp_seq=1 ttl=63 time=0\.369 ms\n64 bytes from 10\.200\.0\.2: icmp_seq=2 ttl=63 time=0\.262 ms\n64 bytes from 10\.200\.0\.2: icmp_seq=3 ttl=63 time=0\.386 ms\n/,
  );
  assert.match(r.stdout, /rtt min\/avg\/max\/mdev = 0\.262\/0\.339\/0\.386\/0\.054 ms\n$/);
});

test('iputils prints From lines for ICMP errors, +N errors and pipe N in the summary', () => {
  const r = runTool(lab(), ping, ['ping', '-c', '3', '10.200.0.99']);
  assert.match(
    r.stdout,
    /From 10\.200\.0\.1 icmp_seq=1 Destination Host Unreachable\nFrom 10\.200\.0\.1 icmp_seq=2 Destination Host Unreachable\nFrom 10\.200\.0\.1 icmp_seq=3 Destination Host Unreachable\n/,
  );
  assert.match(r.stdout, /3 packets transmitted, 0 received, \+3 errors, 100% packet loss, time \d+ms\npipe 3\n$/);
  assert.equal(r.code, 1);
});

test('a name target: iputils shows the FQDN and "from IP (IP)", BusyBox the name as typed', () => {
  const names = { 'web.default.svc.cluster.local': '10.200.0.2' };
  const l = lab({ names, pingRtts: [0.05] });
  const r = runTool(l, ping, ['ping', '-c', '1', 'web']);
  assert.match(
    r.stdout,
    /^PING web\.default\.svc\.cluster\.local \(10\.200\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from 10\.200\.0\.2 \(10\.200\.0\.2\): icmp_seq=1/,
  );
  assert.match(r.stdout, /--- web\.default\.svc\.cluster\.local ping statistics ---/);
  const b = runTool(l, ping, ['ping', '-c', '1', 'web'], { host: addPod(l, 'bb', 'busybox') });
  assert.match(b.stdout, /^PING web \(10\.200\.0\.2\): 56 data bytes\n64 bytes from 10\.200\.0\.2: seq=0 ttl=64/);
  const bad = runTool(l, ping, ['ping', '-c', '1', 'nosuch'], { host: addPod(l, 'bb2', 'busybox') });
  assert.deepEqual([bad.stderr, bad.code], ["ping: bad address 'nosuch'\n", 1]);
  const nx = runTool(l, ping, ['ping', '-c', '1', 'nosuch']);
  assert.deepEqual([nx.stderr, nx.code], ['ping: nosuch: Name or service not known\n', 2]);
});

test('without -c ping runs until the cell budget stops it: replies so far, no summary', () => {
  const r = runTool(lab(), ping, ['ping', '10.200.0.2'], { budgetMs: 3500 });
  assert.equal(r.stdout.split('\n').filter((x) => x.includes('icmp_seq=')).length, 4);
  assert.doesNotMatch(r.stdout, /statistics/);
});

test('-w deadline without -c counts what was sent; -q hides replies', () => {
  const r = runTool(lab(), ping, ['ping', '-q', '-w', '2', '10.200.0.2']);
  assert.match(
    r.stdout,
    /^PING 10\.200\.0\.2 \(10\.200\.0\.2\) 56\(84\) bytes of data\.\n\n--- 10\.200\.0\.2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss/,
  );
  assert.equal(r.code, 0);
  const silent = runTool(lab(), ping, ['ping', '-c', '2', '-w', '1', '10.201.0.5']);
  assert.match(silent.stdout, /1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n$/);
  assert.equal(silent.code, 1);
});

test('usage errors: iputils exit 2, BusyBox prints its usage and exits 1', () => {
  const l = lab();
  const r = runTool(l, ping, ['ping']);
  assert.deepEqual([r.stderr, r.code], ['ping: usage error: Destination address required\n', 2]);
  const b = runTool(l, ping, ['ping'], { host: addPod(l, 'bb', 'busybox') });
  assert.equal(b.code, 1);
  assert.match(b.stderr, /^BusyBox v1\.37\.0 \(2024-09-26 21:31:42 UTC\) multi-call binary\.\n\nUsage: ping \[OPTIONS\] HOST\n/);
});
