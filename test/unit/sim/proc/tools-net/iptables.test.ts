// iptables output formats against the real iptables v1.8.9 (nf_tables): the rules of test/fixtures/iptables/
// restore-input.txt were loaded into a scratch network namespace with iptables-restore, and each file there is the real
// program's output. The same rules, as the model's Rule values, must print the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Match, Rule, Table } from '../../../../../src/core/sim/net/kube-proxy-rules.ts';
import { listChains, saveTable, specLines } from '../../../../../src/core/sim/proc/bin/net/iptables/format.ts';

const dir = new URL('../../../../fixtures/iptables/', import.meta.url);
const fixture = (name: string): string => readFileSync(new URL(name, dir), 'utf8');

const c = (text: string): Match => ({ kind: 'comment', text });
const tcp = (dport?: number): Match => ({ kind: 'proto', proto: 'tcp', dport });
const SVC = 'KUBE-SVC-NPX46M4PTMTKRN6Y';
const EXT = 'KUBE-EXT-NPX46M4PTMTKRN6Y';
const SEPA = 'KUBE-SEP-AAAAAAAAAAAAAAAA';
const SEPB = 'KUBE-SEP-BBBBBBBBBBBBBBBB';
const https = 'default/kubernetes:https';

const nat: Table = {
  name: 'nat',
  builtins: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  chains: [EXT, 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', SEPA, SEPB, 'KUBE-SERVICES', SVC],
  rules: [
    { chain: 'PREROUTING', matches: [c('kubernetes service portals')], target: { kind: 'jump', chain: 'KUBE-SERVICES' } },
    { chain: 'OUTPUT', matches: [c('kubernetes service portals')], target: { kind: 'jump', chain: 'KUBE-SERVICES' } },
    { chain: 'POSTROUTING', matches: [c('kubernetes postrouting rules')], target: { kind: 'jump', chain: 'KUBE-POSTROUTING' } },
    {
      chain: EXT,
      matches: [c('masquerade traffic for default/web external destinations')],
      target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
    },
    { chain: EXT, matches: [], target: { kind: 'jump', chain: SVC } },
    { chain: 'KUBE-MARK-MASQ', matches: [], target: { kind: 'MARK-or', mark: '0x4000' } },
    { chain: 'KUBE-NODEPORTS', proto: 'tcp', matches: [c('default/web'), tcp(30080)], target: { kind: 'jump', chain: EXT } },
    { chain: 'KUBE-POSTROUTING', matches: [{ kind: 'mark-not', mark: '0x4000/0x4000' }], target: { kind: 'RETURN' } },
    { chain: 'KUBE-POSTROUTING', matches: [], target: { kind: 'MARK-xor', mark: '0x4000' } },
    { chain: 'KUBE-POSTROUTING', matches: [c('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE' } },
    { chain: SEPA, src: { cidr: '172.18.0.2/32', negated: false }, matches: [c(https)], target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' } },
    {
      chain: SEPA,
      proto: 'tcp',
      matches: [c(https), { kind: 'recent-set', name: SEPA }, tcp()],
      target: { kind: 'DNAT', to: '172.18.0.2:6443' },
    },
    {
      chain: 'KUBE-SERVICES',
      dst: '10.96.0.1/32',
      proto: 'tcp',
      matches: [c(`${https} cluster IP`), tcp(443)],
      target: { kind: 'jump', chain: SVC },
    },
    {
      chain: 'KUBE-SERVICES',
      matches: [c('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { kind: 'addrtype-local' }],
      target: { kind: 'jump', chain: 'KUBE-NODEPORTS' },
    },
    {
      chain: SVC,
      src: { cidr: '192.168.0.0/16', negated: true },
      dst: '10.96.0.1/32',
      proto: 'tcp',
      matches: [c(`${https} cluster IP`), tcp(443)],
      target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
    },
    {
      chain: SVC,
      matches: [c(`${https} -> 172.18.0.2:6443`), { kind: 'recent-check', name: SEPA, seconds: 10800 }],
      target: { kind: 'jump', chain: SEPA },
    },
    {
      chain: SVC,
      matches: [c(`${https} -> 172.18.0.2:6443`), { kind: 'statistic', probability: '0.33333333349' }],
      target: { kind: 'jump', chain: SEPA },
    },
    { chain: SVC, matches: [c(`${https} -> 172.18.0.3:6443`)], target: { kind: 'jump', chain: SEPB } },
  ] satisfies Rule[],
};

const ctNew: Match = { kind: 'ctstate', state: 'NEW' };
const filter: Table = {
  name: 'filter',
  builtins: ['INPUT', 'FORWARD', 'OUTPUT'],
  chains: ['KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-SERVICES'],
  rules: [
    {
      chain: 'INPUT',
      matches: [ctNew, c('kubernetes externally-visible service portals')],
      target: { kind: 'jump', chain: 'KUBE-EXTERNAL-SERVICES' },
    },
    { chain: 'FORWARD', matches: [ctNew, c('kubernetes service portals')], target: { kind: 'jump', chain: 'KUBE-SERVICES' } },
    { chain: 'OUTPUT', matches: [ctNew, c('kubernetes service portals')], target: { kind: 'jump', chain: 'KUBE-SERVICES' } },
    {
      chain: 'KUBE-EXTERNAL-SERVICES',
      proto: 'tcp',
      matches: [c('default/nothing:http has no endpoints'), { kind: 'addrtype-local' }, tcp(30081)],
      target: { kind: 'REJECT' },
    },
    {
      chain: 'KUBE-SERVICES',
      dst: '10.96.5.5/32',
      proto: 'tcp',
      matches: [c('default/nothing:http has no endpoints'), tcp(80)],
      target: { kind: 'REJECT' },
    },
  ],
};

test('iptables -S and iptables-save print the real rule specs', () => {
  assert.equal(specLines(nat), fixture('nat-S.txt'));
  assert.equal(specLines(filter), fixture('filter-S.txt'));
  const stamp = fixture('save.txt').split('\n')[0].replace('# Generated by iptables-save v1.8.9 (nf_tables) on ', '');
  assert.equal(saveTable(filter, stamp) + saveTable(nat, stamp), fixture('save.txt'));
});

test('iptables -L, -L -n and -L -n -v print the real columns', () => {
  assert.equal(listChains(nat, undefined, true, false), fixture('nat-Ln.txt'));
  assert.equal(listChains(nat, undefined, true, true), fixture('nat-Lnv.txt'));
  assert.equal(listChains(nat, undefined, false, false), fixture('nat-L.txt'));
  assert.equal(listChains(filter, undefined, true, false), fixture('filter-Ln.txt'));
});
