// The pcap-filter subset tcpdump accepts in podlab: libpcap's grammar (and/or of equal precedence, left to right),
// qualifiers, and its error message for what it cannot parse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileFilter, FilterError, type FilterView } from '../../../../../src/core/sim/proc/bin/net/tcpdump/filter.ts';

const syn: FilterView = { proto: 6, src: '192.168.1.5', dst: '10.96.0.20', sport: 40000, dport: 80 };
const ping: FilterView = { proto: 1, src: '192.168.1.5', dst: '192.168.2.7' };
const ipip: FilterView = { proto: 4, src: '10.0.0.12', dst: '10.0.0.13' };
const dns: FilterView = { proto: 17, src: '192.168.1.5', dst: '10.96.0.10', sport: 5353, dport: 53 };

const m = (expr: string, v: FilterView) => compileFilter(expr)(v);

test('protocols, hosts, nets, ports with their qualifiers', () => {
  assert.equal(m('', syn), true);
  assert.equal(m('tcp', syn), true);
  assert.equal(m('tcp', ping), false);
  assert.equal(m('icmp', ping), true);
  assert.equal(m('icmp', ipip), false, 'the filter reads the outer header');
  assert.equal(m('ip proto 4', ipip), true);
  assert.equal(m('ip proto ipip', ipip), true);
  assert.equal(m('host 10.96.0.20', syn), true);
  assert.equal(m('src host 10.96.0.20', syn), false);
  assert.equal(m('dst 10.96.0.20', syn), true);
  assert.equal(m('net 192.168.0.0/16', ping), true);
  assert.equal(m('dst net 192.168.1.0/24', ping), false);
  assert.equal(m('port 80', syn), true);
  assert.equal(m('port 80', ping), false);
  assert.equal(m('udp port 53', dns), true);
  assert.equal(m('tcp port 53', dns), false);
  assert.equal(m('src port 40000', syn), true);
  assert.equal(m('dst port 40000', syn), false);
  assert.equal(m('portrange 50-60', dns), true);
  assert.equal(m('port http', syn), true);
});

test('and, or, not, parentheses: equal precedence, left to right, as libpcap', () => {
  assert.equal(m('tcp or icmp', ping), true);
  assert.equal(m('tcp and port 80', syn), true);
  assert.equal(m('not icmp', syn), true);
  assert.equal(m('! tcp', syn), false);
  assert.equal(m('icmp or tcp and port 443', syn), false, '(icmp or tcp) and port 443');
  assert.equal(m('icmp or (tcp and port 443)', ping), true);
  assert.equal(m('tcp && dst port 80 || icmp', ping), true);
});

test('what libpcap refuses', () => {
  for (const bad of ['port', 'host', 'tcp icmp', '(tcp', 'tcp )', 'and tcp', 'port 70000', 'host web.default']) {
    assert.throws(() => compileFilter(bad), FilterError, bad);
  }
  assert.throws(() => compileFilter('port'), { message: 'syntax error in filter expression' });
});
