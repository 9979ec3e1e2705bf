// HumanDuration: every worked example of kubectl-facts.json (ageFormat.examples), plus the edges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { age, humanDuration } from '../../../../../src/core/sim/api/duration.ts';

/** Copied from shared/reference/kubectl-facts.json ageFormat.examples (printed AGE → seconds). */
const EXAMPLES: Record<string, number> = {
  '5s': 5,
  '119s': 119,
  '2m': 120,
  '3m19s': 199,
  '9m59s': 599,
  '10m': 600,
  '99m': 5940,
  '179m': 10740,
  '3h': 10800,
  '4h5m': 14700,
  '7h59m': 28740,
  '8h': 28800,
  '47h': 169200,
  '2d': 172800,
  '2d1h': 176400,
  '7d23h': 687600,
  '8d': 691200,
  '729d': 62985600,
  '2y': 63072000,
};

test('every example of kubectl-facts.json', () => {
  for (const [printed, seconds] of Object.entries(EXAMPLES)) assert.equal(humanDuration(seconds * 1000), printed, `${seconds}s`);
});

const FACTS = new URL('../../../../../../shared/reference/kubectl-facts.json', import.meta.url);
test('the embedded examples are the facts file’s', { skip: existsSync(FACTS) ? false : 'shared/reference is not beside the repo' }, () => {
  const facts = JSON.parse(readFileSync(FACTS, 'utf8')) as { ageFormat: { examples: Record<string, number> } };
  assert.deepEqual(EXAMPLES, facts.ageFormat.examples);
});

test('edges: negative, sub-second, years with days, missing timestamps', () => {
  assert.equal(humanDuration(-500), '0s');
  assert.equal(humanDuration(-1500), '0s');
  assert.equal(humanDuration(-2500), '<invalid>');
  assert.equal(humanDuration(999), '0s');
  assert.equal(humanDuration((63072000 + 86400 * 3) * 1000), '2y3d');
  assert.equal(humanDuration(24 * 365 * 9 * 3600 * 1000), '9y');
  assert.equal(age(undefined, 0), '<unknown>');
  assert.equal(age('2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1, 2, 23)), '143m');
});
