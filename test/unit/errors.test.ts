// Error codes are documented: docs/errors.md lists exactly the codes of ERROR_CODES.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ERROR_CODES, PodlabError } from '../../src/core/errors.ts';

test('docs/errors.md documents every error code and no other', () => {
  const doc = readFileSync('docs/errors.md', 'utf8');
  const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(documented, Object.keys(ERROR_CODES).sort());
});

test('a PodlabError with a position starts its message with file:line:column', () => {
  const e = new PodlabError('lesson-parse', 'bad thing', { pos: { file: 'a.md', line: 3, column: 7 } });
  assert.equal(e.message, 'a.md:3:7: bad thing');
  assert.equal(e.code, 'lesson-parse');
});
