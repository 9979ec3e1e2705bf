import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha1Hex } from '../../../../src/core/sim/net/sha1.ts';
import { calicoVethName, pluginVethName, stableMac } from '../../../../src/core/sim/net/names.ts';

test('sha1Hex matches the standard test vectors', () => {
  const vectors: [string, string][] = [
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '84983e441c3bd26ebaae4aa1f95129e5e54670f1'],
    ['The quick brown fox jumps over the lazy dog', '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'],
    ['a'.repeat(1000), '291e9a6c66994949b57ba5e650361e98fc36b1ba'],
  ];
  for (const [input, want] of vectors) assert.equal(sha1Hex(input), want, JSON.stringify(input.slice(0, 20)));
});

test('property: sha1Hex equals node:crypto on any text (every padding length, multi-byte and astral characters)', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 })), (text) => {
      assert.equal(sha1Hex(text), createHash('sha1').update(text, 'utf8').digest('hex'));
    }),
    { numRuns: 2000 },
  );
});

test('Calico names host veths cali + 11 hex digits of sha1("<ns>.<pod>")', () => {
  assert.equal(calicoVethName('default', 'nginx'), `cali${sha1Hex('default.nginx').slice(0, 11)}`);
  assert.match(calicoVethName('kube-system', 'coredns-1'), /^cali[0-9a-f]{11}$/);
  assert.notEqual(calicoVethName('a', 'b.c'), calicoVethName('a', 'b-c'));
});

test('plugin veth names and MACs are stable, distinct, and well-formed', () => {
  assert.equal(pluginVethName('default', 'web', 'u1'), pluginVethName('default', 'web', 'u1'));
  assert.notEqual(pluginVethName('default', 'web', 'u1'), pluginVethName('default', 'web', 'u2'));
  assert.match(pluginVethName('default', 'web'), /^veth[0-9a-f]{8}$/);
  const macs = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const mac = stableMac(`pod/default/p${i}/eth0`);
    assert.match(mac, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const first = parseInt(mac.slice(0, 2), 16);
    assert.equal(first & 1, 0, 'unicast');
    assert.equal(first & 2, 2, 'locally administered');
    macs.add(mac);
  }
  assert.equal(macs.size, 200);
  assert.equal(stableMac('x'), stableMac('x'));
});
