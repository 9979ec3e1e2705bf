// nslookup, bind9 and BusyBox, against transcripts/*nslookup-noserver.txt and the lab captures in
// test/golden/tools/lab/ (real bind9 9.18 and BusyBox 1.35 nslookup against a DNS server at 10.200.0.2 with the
// search list default.svc.cluster.local svc.cluster.local cluster.local).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { nslookup } from '../../../../../src/core/sim/proc/bin/net/nslookup/index.ts';
import { addPod, lab, runTool, transcript, type LabOptions } from './lab.ts';

const file = (dir: string, name: string) => readFileSync(new URL(`../../../../golden/tools/${dir}/${name}`, import.meta.url), 'utf8');
const labConf: LabOptions = {
  names: { 'web.default.svc.cluster.local': '10.96.0.12', 'kubernetes.default.svc.cluster.local': '10.96.0.1' },
  resolvConf: {
    nameservers: ['10.200.0.2'],
    search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    options: ['ndots:5'],
  },
};

const CASES: { dir: string; file: string; busybox?: boolean; lab: LabOptions }[] = [
  { dir: 'transcripts', file: 'nslookup-noserver.txt', lab: { dnsDown: 'refused' } },
  { dir: 'transcripts', file: 'busybox-nslookup-noserver.txt', busybox: true, lab: { dnsDown: 'refused' } },
  { dir: 'lab', file: 'nslookup-search.txt', lab: labConf },
  { dir: 'lab', file: 'nslookup-nxdomain.txt', lab: labConf },
  { dir: 'lab', file: 'busybox-nslookup-search.txt', busybox: true, lab: labConf },
  { dir: 'lab', file: 'busybox-nslookup-fqdn.txt', busybox: true, lab: labConf },
  { dir: 'lab', file: 'busybox-nslookup-dotted.txt', busybox: true, lab: labConf },
];

for (const c of CASES) {
  test(`nslookup matches ${c.dir}/${c.file}`, () => {
    const expected = file(c.dir, c.file);
    const cmd = expected.split('\n')[0].slice(2);
    const l = lab(c.lab);
    const host = c.busybox ? addPod(l, 'bb', 'busybox') : undefined;
    const argv = cmd.replace(/^busybox /, '').split(' ');
    assert.equal(transcript(cmd, runTool(l, nslookup, argv, { host })), expected);
  });
}

test('bind9 retries three times 5 s apart when no server answers', () => {
  const r = runTool(lab({ dnsDown: 'timeout' }), nslookup, ['nslookup', 'web']);
  assert.equal(r.stdout, ';; communications error to 10.96.0.10#53: timed out\n'.repeat(3) + ';; no servers could be reached\n\n');
  assert.deepEqual([r.code, r.sleptMs], [1, 15000]);
});

test('BusyBox waits 5 s, then says no servers could be reached', () => {
  const l = lab({ dnsDown: 'timeout' });
  const r = runTool(l, nslookup, ['nslookup', 'web'], { host: addPod(l, 'bb', 'busybox') });
  assert.deepEqual([r.stdout, r.stderr, r.code, r.sleptMs], [';; connection timed out; no servers could be reached\n\n', '', 1, 5000]);
});

test('an external name is a non-authoritative answer for bind9', () => {
  const r = runTool(lab({ names: { 'example.com': '93.184.215.14' } }), nslookup, ['nslookup', 'example.com']);
  assert.equal(
    r.stdout,
    'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nNon-authoritative answer:\nName:\texample.com\nAddress: 93.184.215.14\n\n',
  );
});
