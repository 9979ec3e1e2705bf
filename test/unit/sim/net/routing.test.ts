// Longest-prefix match by per-prefix tables: the route a linear scan of the table picks (the longest prefix that
// holds the address, the first among equal prefixes), on hand-made and random tables; a table that grows is re-read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Route } from '../../../../src/core/sim/contracts.ts';
import { containsIp, formatIp, parseIp } from '../../../../src/core/sim/net/cidr.ts';
import { lookupRoute, lookupRouteTo, routeDst } from '../../../../src/core/sim/net/routing.ts';

/** The reference: scan every route, keep the longest prefix holding the address, the first among equals. */
function linear(routes: Route[], ip: string): Route | undefined {
  const a = parseIp(ip);
  if (a === undefined) return undefined;
  let best: Route | undefined;
  let bestPrefix = -1;
  for (const r of routes) {
    const dst = routeDst(r);
    if (dst && dst.prefix > bestPrefix && containsIp(dst, a)) {
      best = r;
      bestPrefix = dst.prefix;
    }
  }
  return best;
}

const TABLE: Route[] = [
  { dst: 'default', via: '10.0.0.1', dev: 'eth0' },
  { dst: '10.0.0.0/24', dev: 'eth0', proto: 'kernel', scope: 'link' },
  { dst: '192.168.1.0/26', via: '10.0.0.11', dev: 'tunl0', onlink: true },
  { dst: '192.168.1.0/26', via: '10.0.0.99', dev: 'tunl0', onlink: true },
  { dst: '192.168.1.7', dev: 'cali1234', scope: 'link' },
  { dst: '192.168.0.0/16', dev: 'blackhole', blackhole: true },
];

test('the longest prefix wins; the first of equal prefixes; default catches the rest', () => {
  assert.equal(lookupRoute(TABLE, '192.168.1.7'), TABLE[4]);
  assert.equal(lookupRoute(TABLE, '192.168.1.8'), TABLE[2]);
  assert.equal(lookupRoute(TABLE, '192.168.2.1'), TABLE[5]);
  assert.equal(lookupRoute(TABLE, '10.0.0.200'), TABLE[1]);
  assert.equal(lookupRoute(TABLE, '8.8.8.8'), TABLE[0]);
  assert.equal(lookupRouteTo(TABLE, parseIp('192.168.1.7')!), TABLE[4]);
});

test('no route without a default; a malformed address finds none', () => {
  const routes = TABLE.slice(1);
  assert.equal(lookupRoute(routes, '8.8.8.8'), undefined);
  assert.equal(lookupRoute(routes, '192.168.1.300'), undefined);
  assert.equal(lookupRoute([], '10.0.0.1'), undefined);
});

test('a route list that grows is looked up afresh', () => {
  const routes: Route[] = [{ dst: '10.0.0.0/8', dev: 'eth0' }];
  assert.equal(lookupRoute(routes, '10.1.2.3'), routes[0]);
  routes.push({ dst: '10.1.0.0/16', dev: 'eth1' });
  assert.equal(lookupRoute(routes, '10.1.2.3'), routes[1]);
});

const routeArb = fc
  .record({
    a: fc.constantFrom(10, 192),
    b: fc.nat(3),
    c: fc.nat(3),
    d: fc.nat(255),
    prefix: fc.integer({ min: 0, max: 32 }),
    dev: fc.nat(3),
  })
  .map(({ a, b, c, d, prefix, dev }): Route => {
    const ip = formatIp(((a << 24) | (b << 16) | (c << 8) | d) >>> 0);
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    const network = formatIp((parseIp(ip)! & mask) >>> 0);
    return { dst: prefix === 0 ? 'default' : prefix === 32 ? ip : `${network}/${prefix}`, dev: `eth${dev}` };
  });

test('on random tables, per-prefix lookup picks the route a linear scan picks', () => {
  fc.assert(
    fc.property(
      fc.array(routeArb, { maxLength: 40 }),
      fc.array(fc.tuple(fc.constantFrom(10, 192), fc.nat(3), fc.nat(3), fc.nat(255)), { minLength: 1, maxLength: 20 }),
      (routes, addresses) => {
        for (const [a, b, c, d] of addresses) {
          const ip = `${a}.${b}.${c}.${d}`;
          assert.equal(lookupRoute(routes, ip), linear(routes, ip), `${ip} in ${routes.map((r) => r.dst).join(', ')}`);
        }
      },
    ),
    { numRuns: 300, seed: 7 },
  );
});
