// Parse diagnostics in markdown-it's fixture style: each case in parse-diagnostics.txt is a title, a lesson, its diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '../../../src/core/errors.ts';
import { parseLesson } from '../../../src/core/lesson/index.ts';

const FIXTURE = 'test/fixtures/lessons/parse-diagnostics.txt';

interface Case {
  title: string;
  input: string;
  expected: string;
  line: number;
}

/** Read markdown-it style fixtures: title lines, '.', input, '.', expected output, '.'. */
function readFixtures(text: string): Case[] {
  const lines = text.split('\n');
  const cases: Case[] = [];
  let i = 0;
  const block = () => {
    const start = i;
    while (i < lines.length && lines[i] !== '.') i++;
    const body = lines.slice(start, i).join('\n');
    i++; // past '.'
    return body;
  };
  while (i < lines.length) {
    if (lines[i].trim() === '') {
      i++;
      continue;
    }
    const line = i + 1;
    const title = block();
    const input = block();
    const expected = block();
    cases.push({ title, input: input + '\n', expected: expected === '' ? '' : expected + '\n', line });
  }
  return cases;
}

const cases = readFixtures(readFileSync(FIXTURE, 'utf8'));

test('the fixture file has cases', () => assert.ok(cases.length >= 15));

for (const c of cases) {
  test(`${c.title} (${FIXTURE}:${c.line})`, () => {
    const lesson = parseLesson(c.input, 'case.md');
    const actual = lesson.diagnostics.map((d) => formatDiagnostic(d) + '\n').join('');
    assert.equal(actual, c.expected);
  });
}
