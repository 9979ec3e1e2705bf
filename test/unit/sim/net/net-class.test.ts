// The network class's word replacement: the same texts as the regular expression it stands for, on hand-made and
// random texts of addresses, names and separators.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { replaceWord } from '../../../../src/core/sim/net/net-class.ts';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The reference: the regular expression the network class used. */
const byRegex = (text: string, word: string, to: string): string =>
  word === '' ? text : text.replace(new RegExp(`(?<![\\w.-])${escape(word)}(?![\\w-]|\\.\\d)`, 'g'), () => to);

test('whole addresses and names only', () => {
  const text = '10.0.0.1 10.0.0.12 110.0.0.1 10.0.0.1/32 10.0.0.1.5 10.0.0.1. x-10.0.0.1 "10.0.0.1"';
  assert.equal(replaceWord(text, '10.0.0.1', '$ip'), '$ip 10.0.0.12 110.0.0.1 $ip/32 10.0.0.1.5 $ip. x-10.0.0.1 "$ip"');
  assert.equal(replaceWord('cali123 cali1234 cali123-x cali123_', 'cali123', '$veth'), '$veth cali1234 cali123-x cali123_');
  assert.equal(replaceWord('aaa', 'aa', 'b'), 'aaa');
  assert.equal(replaceWord('', 'a', 'b'), '');
  assert.equal(replaceWord('a', '', 'b'), 'a');
});

test('on random texts, the same as the regular expression', () => {
  const piece = fc.constantFrom('10.0.0.1', '10.0.0.1', 'cali1', '1', '0', '.', '-', '_', ' ', '/', '"', 'a', '.5', ':');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 20 }), fc.constantFrom('10.0.0.1', 'cali1', '0.1', 'a'), (parts, word) => {
      const text = parts.join('');
      assert.equal(replaceWord(text, word, '$ip'), byRegex(text, word, '$ip'));
    }),
    { numRuns: 2000, seed: 5 },
  );
});
