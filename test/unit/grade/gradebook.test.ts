// The gradebook writers: CSV (RFC 4180), JUnit XML (well-formed, escaped), and their order and stability.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvField, gradesCsv } from '../../../src/core/grade/csv.ts';
import { gradesJunit } from '../../../src/core/grade/junit.ts';
import { buildGradeReport } from '../../../src/core/grade/report.ts';
import { failedSubmission, gradeStudent } from '../../../src/core/grade/score.ts';
import type { GradeReport } from '../../../src/core/grade/types.ts';
import { xmlEscape } from '../../../src/core/grade/xml-text.ts';
import { COLUMNS, outcome, result } from './fixtures.ts';
import { checkWellFormed, xmlDecode } from './xml-check.ts';

const LESSON = {
  id: 'service-basics',
  title: 'Services',
  file: 'service-basics.md',
  cells: [
    { id: 'apply', section: '1', expectations: [{ text: COLUMNS[0].text, id: 'applied', points: 1, hidden: false }], hidden: false },
    {
      id: 'probe',
      section: '1',
      hidden: false,
      expectations: [
        { text: COLUMNS[1].text, id: 'by-ip', points: 2, hidden: false },
        { text: COLUMNS[2].text, id: 'by-dns', points: 3, hidden: true },
      ],
    },
  ],
} as unknown as Parameters<typeof buildGradeReport>[0];

function report(students: string[]): GradeReport {
  const grades = students.map((s, i) =>
    i % 3 === 2
      ? failedSubmission(s, COLUMNS, 'stopped after 20 s of wall-clock time')
      : gradeStudent(s, COLUMNS, [
          outcome('apply', [result('applied', 'apply', true)]),
          outcome('probe', [result('by-ip', 'probe', i % 2 === 0), result('by-dns', 'probe', false)]),
        ]),
  );
  return buildGradeReport(LESSON, grades);
}

/** A minimal RFC 4180 reader: fields, quoted fields with "" escapes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; !(text[i] === '"' && text[i + 1] !== '"'); i++) {
        if (text[i] === '"') i++;
        field += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') field += text[i++];
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  return rows;
}

test('grades.csv: header of check ids in lesson order, one row per student sorted by id, points per check', () => {
  const csv = gradesCsv(report(['zoe', 'amy', 'Max']));
  assert.deepEqual(parseCsv(csv), [
    ['id', 'score', 'max', 'applied', 'by-ip', 'by-dns'],
    ['Max', '0', '6', '0', '0', '0'],
    ['amy', '1', '6', '1', '0', '0'],
    ['zoe', '3', '6', '1', '2', '0'],
  ]);
  assert.ok(csv.endsWith('\r\n'));
});

test('grades.csv quotes commas, quotes and line breaks, and defuses formula-like ids', () => {
  const csv = gradesCsv(report(['o"neil, pat', 'line\nbreak', '=HYPERLINK("x")']));
  const ids = parseCsv(csv)
    .slice(1)
    .map((r) => r[0]);
  assert.deepEqual(ids, ['\'=HYPERLINK("x")', 'line\nbreak', 'o"neil, pat']);
  assert.ok(csv.includes('"o""neil, pat"'));
});

test('csvField round-trips any string through an RFC 4180 reader', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.deepEqual(parseCsv(csvField(s) + '\r\n'), [[s]]);
    }),
  );
});

test('junit.xml: one testsuite per student, one testcase per check, failures carry reason and hops', () => {
  const xml = gradesJunit(report(['amy', 'bob', 'cat']));
  const els = checkWellFormed(xml);
  const suites = els.filter((e) => e.name === 'testsuite');
  assert.deepEqual(
    suites.map((s) => [s.attrs.name, s.attrs.tests, s.attrs.failures]),
    [
      ['amy', '3', '1'],
      ['bob', '3', '2'],
      ['cat', '3', '3'],
    ],
  );
  const cases = els.filter((e) => e.name === 'testcase');
  assert.equal(cases.length, 9);
  assert.equal(cases[2].attrs.name, 'by-dns: busybox -> web.default.svc.cluster.local:80 ok');
  const failures = els.filter((e) => e.name === 'failure');
  assert.equal(failures.length, 6);
  assert.equal(failures[0].attrs.message, 'expected ok but busybox -> web:80 was timeout: no route');
  assert.match(failures[0].text, /1\. pod\/default\/busybox: route default via 169\.254\.1\.1 dev eth0/);
  const root = els[0];
  assert.deepEqual([root.name, root.attrs.tests, root.attrs.failures], ['testsuites', '9', '6']);
});

test('junit.xml stays well-formed whatever the student id and reasons hold', () => {
  fc.assert(
    fc.property(
      fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { minLength: 1, maxLength: 4 }),
      fc.string({ unit: 'binary' }),
      (ids, reason) => {
        const r = report([...new Set(ids)]);
        for (const s of r.students) for (const c of s.checks) c.reason = reason;
        checkWellFormed(gradesJunit(r));
      },
    ),
    { numRuns: 200 },
  );
});

test('xmlEscape: decoding gives back the text, with characters XML cannot hold replaced by U+FFFD', () => {
  assert.equal(xmlEscape('a<b & "c" \u0001 \uD800'), 'a&lt;b &amp; &quot;c&quot; \uFFFD \uFFFD');
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      assert.equal(xmlDecode(xmlEscape(s)), s);
    }),
  );
});
