import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cidrHas,
  containsCidr,
  formatCidr,
  formatIp,
  lastOf,
  nthAddress,
  nthIp,
  overlaps,
  parseCidr,
  parseIp,
  subnet,
  subnetCount,
} from '../../../../src/core/sim/net/cidr.ts';

test('parseIp accepts dotted quads and rejects everything else', () => {
  const cases: [string, number | undefined][] = [
    ['0.0.0.0', 0],
    ['10.0.0.1', 0x0a000001],
    ['192.168.217.16', 0xc0a8d910],
    ['255.255.255.255', 0xffffffff],
    ['256.0.0.1', undefined],
    ['10.0.0', undefined],
    ['10.0.0.1.2', undefined],
    ['010.0.0.1', undefined],
    ['10.0.0.-1', undefined],
    ['a.b.c.d', undefined],
    ['', undefined],
  ];
  for (const [text, want] of cases) assert.equal(parseIp(text), want, text);
});

test('parseIp accepts exactly four dot-separated parts of 0 or 1-3 digits without a leading zero, each at most 255', () => {
  const bySpec = (text: string): number | undefined => {
    const parts = text.split('.');
    if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
    return parts.reduce((n, p) => n * 256 + Number(p), 0);
  };
  const part = fc.oneof(
    fc.stringMatching(/^[0-9]{0,4}$/),
    fc.constantFrom('', ' 1', '1 ', '+1', '-1', '\u0663', 'a', '00', '255', '256', '999'),
  );
  fc.assert(
    fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '.', '/24', '\n'), (parts, tail) => {
      const text = parts.join('.') + tail;
      assert.equal(parseIp(text), bySpec(text), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});

test('formatIp is the inverse of parseIp', () => {
  for (const ip of ['0.0.0.0', '10.244.1.2', '172.18.0.2', '255.255.255.255', '192.168.254.206']) {
    assert.equal(formatIp(parseIp(ip) as number), ip);
  }
});

test('parseCidr masks host bits, or rejects them when strict', () => {
  const cases: [string, boolean, string | undefined][] = [
    ['10.244.0.0/16', true, '10.244.0.0/16'],
    ['10.244.1.5/24', false, '10.244.1.0/24'],
    ['10.244.1.5/24', true, undefined],
    ['192.168.217.16', false, '192.168.217.16/32'],
    ['0.0.0.0/0', true, '0.0.0.0/0'],
    ['10.0.0.0/33', false, undefined],
    ['10.0.0.0/08', false, undefined],
    ['10.0.0.0/', false, undefined],
    ['10.0.0.0/24/1', false, undefined],
  ];
  for (const [text, strict, want] of cases) {
    const c = parseCidr(text, strict);
    assert.equal(c === undefined ? undefined : formatCidr(c), want, `${text} strict=${strict}`);
  }
});

test('containment, overlap, last address', () => {
  const pool = parseCidr('192.168.0.0/16')!;
  const block = parseCidr('192.168.217.0/26')!;
  assert.equal(containsCidr(pool, block), true);
  assert.equal(containsCidr(block, pool), false);
  assert.equal(overlaps(pool, block), true);
  assert.equal(overlaps(block, parseCidr('192.168.217.64/26')!), false);
  assert.equal(formatIp(lastOf(block)), '192.168.217.63');
  const table: [string, string, boolean][] = [
    ['192.168.217.0/26', '192.168.217.16', true],
    ['192.168.217.0/26', '192.168.217.64', false],
    ['10.96.0.0/12', '10.111.255.255', true],
    ['10.96.0.0/12', '10.112.0.0', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['10.0.0.0/8', 'nonsense', false],
  ];
  for (const [cidr, ip, want] of table) assert.equal(cidrHas(cidr, ip), want, `${cidr} ∋ ${ip}`);
});

test('nth address and sub-blocks', () => {
  const svc = parseCidr('10.96.0.0/12')!;
  assert.equal(nthAddress(svc, 10), '10.96.0.10');
  assert.equal(nthAddress(parseCidr('10.0.0.0/24')!, 11), '10.0.0.11');
  assert.equal(nthIp(parseCidr('10.0.0.0/30')!, 4), undefined);
  assert.throws(() => nthAddress(parseCidr('10.0.0.0/30')!, 4), RangeError);
  const pool = parseCidr('10.244.0.0/16')!;
  assert.equal(subnetCount(pool, 24), 256);
  assert.equal(subnetCount(pool, 26), 1024);
  assert.equal(subnetCount(pool, 8), 0);
  assert.equal(formatCidr(subnet(pool, 24, 0)!), '10.244.0.0/24');
  assert.equal(formatCidr(subnet(pool, 24, 2)!), '10.244.2.0/24');
  assert.equal(formatCidr(subnet(parseCidr('192.168.0.0/16')!, 26, 103 * 4 + 1)!), '192.168.103.64/26');
  assert.equal(subnet(pool, 24, 256), undefined);
});
