// docs/lesson-format.md must document every row of the format's tables: attributes, front matter fields, lint rules, codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '../../../src/core/errors.ts';
import { CELL_ATTRIBUTES, LINT_RULES, REACH_VERDICTS } from '../../../src/core/lesson/index.ts';
import {
  CLUSTER_FIELDS,
  FAULT_VARIANTS,
  FRONT_MATTER_FIELDS,
  NODE_FIELDS,
  PIN_FIELDS,
  SETUP_FIELDS,
  WORKSTATION_FIELDS,
} from '../../../src/core/lesson/front-matter-schema.ts';

const DOC = readFileSync('docs/lesson-format.md', 'utf8');

function documented(name: string): boolean {
  return DOC.includes(`\`${name}\``);
}

const TABLES: [string, string[]][] = [
  ['cell attributes', CELL_ATTRIBUTES.map((a) => a.name)],
  ['top-level front matter keys', Object.keys(FRONT_MATTER_FIELDS)],
  ['cluster keys', Object.keys(CLUSTER_FIELDS)],
  ['node keys', Object.keys(NODE_FIELDS)],
  ['workstation keys', Object.keys(WORKSTATION_FIELDS)],
  ['pin keys', Object.keys(PIN_FIELDS)],
  ['setup keys', Object.keys(SETUP_FIELDS)],
  ['fault kinds', Object.keys(FAULT_VARIANTS)],
  ['lint rules', LINT_RULES.map((r) => r.name)],
  ['lint codes', Object.keys(ERROR_CODES).filter((c) => c.startsWith('lint-'))],
  ['lesson codes', ['lesson-parse', 'lesson-invalid', 'cell-attribute', 'expectation-parse', 'manifest-invalid', 'input-limit']],
];

for (const [what, names] of TABLES) {
  test(`docs/lesson-format.md documents every one of the ${what}`, () => {
    assert.deepEqual(
      names.filter((n) => !documented(n)),
      [],
    );
  });
}

test('docs/lesson-format.md lists every verdict', () => {
  for (const v of REACH_VERDICTS) assert.ok(DOC.includes(`"${v}"`), v);
});
