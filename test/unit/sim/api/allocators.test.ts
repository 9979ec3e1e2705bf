// ClusterIP and NodePort allocation: in range, never reserved addresses, never twice, same seed same picks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocateClusterIp, allocateNodePorts } from '../../../../src/core/sim/api/allocators.ts';
import {
  containsIp as contains,
  parseCidrSloppy as parseCidr,
  parseIpSloppy as parseIp,
  sizeOf,
} from '../../../../src/core/sim/net/cidr.ts';
import { Store } from '../../../../src/core/sim/api/store.ts';
import type { Service } from '../../../../src/core/sim/api/types.ts';
import { Rng } from '../../../../src/core/sim/rng.ts';

function svc(name: string, ip: string, nodePort?: number): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { clusterIP: ip, clusterIPs: [ip], ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }] },
  };
}

test('random ClusterIPs stay in the range and avoid network, broadcast, .1, .10 and taken addresses', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.constantFrom('10.96.0.0/12', '10.43.0.0/16', '172.20.0.0/28'), (seed, range) => {
      const cidr = parseCidr(range);
      assert.ok(cidr);
      const store = new Store();
      const rng = new Rng(seed);
      const seen = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const r = allocateClusterIp(store, range, undefined, rng);
        assert.ok('ip' in r);
        const n = parseIp(r.ip) as number;
        assert.ok(contains(cidr, n));
        const off = n - cidr.network;
        assert.ok(off !== 0 && off !== sizeOf(cidr) - 1 && off !== 1 && off !== 10, `${r.ip} is reserved`);
        assert.ok(!seen.has(r.ip));
        seen.add(r.ip);
        store.create(svc(`s${i}`, r.ip));
      }
    }),
    { numRuns: 60 },
  );
});

test('in a large range dynamic ClusterIPs come from above the static band (offset >= 256)', () => {
  const store = new Store();
  const rng = new Rng(7);
  for (let i = 0; i < 20; i++) {
    const r = allocateClusterIp(store, '10.96.0.0/12', undefined, rng);
    assert.ok('ip' in r);
    assert.ok((parseIp(r.ip) as number) - (parseIp('10.96.0.0') as number) >= 256, r.ip);
  }
});

test('the same seed picks the same addresses', () => {
  const pick = (seed: number): string[] => {
    const store = new Store();
    const rng = new Rng(seed);
    return [0, 1, 2].map((i) => {
      const r = allocateClusterIp(store, '10.96.0.0/12', undefined, rng);
      assert.ok('ip' in r);
      store.create(svc(`s${i}`, r.ip));
      return r.ip;
    });
  };
  assert.deepEqual(pick(42), pick(42));
  assert.notDeepEqual(pick(42), pick(43));
});

test('a small range fills up and then says so', () => {
  const store = new Store();
  const rng = new Rng(1);
  // /29: 8 addresses, minus network, broadcast, .1 = 5 usable (.10 is outside a /29).
  const got: string[] = [];
  for (let i = 0; i < 6; i++) {
    const r = allocateClusterIp(store, '10.0.0.0/29', undefined, rng);
    if ('ip' in r) {
      got.push(r.ip);
      store.create(svc(`s${i}`, r.ip));
    } else assert.match(r.errors[0].detail ?? '', /range is full/);
  }
  assert.equal(got.length, 5);
});

test('NodePorts: random ones in 30000-32767, requested ones checked', () => {
  const store = new Store();
  store.create(svc('taken', '10.96.0.5', 30080));
  const rng = new Rng(3);
  const s = svc('new', '10.96.0.6');
  s.spec.ports = [{ port: 80 }, { port: 443, nodePort: 31000 }];
  assert.deepEqual(allocateNodePorts(store, s, rng), []);
  const random = s.spec.ports[0].nodePort as number;
  assert.ok(random >= 30000 && random <= 32767 && random !== 31000);
  assert.equal(s.spec.ports[1].nodePort, 31000);
  const clash = svc('clash', '10.96.0.7', 30080);
  assert.equal(allocateNodePorts(store, clash, rng)[0].detail, 'provided port is already allocated');
  const low = svc('low', '10.96.0.8', 80);
  assert.equal(
    allocateNodePorts(store, low, rng)[0].detail,
    'provided port is not in the valid range. The range of valid ports is 30000-32767',
  );
});
