// junit.xml: one testsuite per student, one testcase per check; failures carry the reason and the packet's path.
import type { CheckGrade, GradeReport, StudentGrade } from './types.ts';
import { xmlAttr, xmlEscape } from './xml-text.ts';

function hopsText(c: CheckGrade): string {
  return c.hops.map((h, i) => `${i + 1}. ${h.at}: ${h.action}`).join('\n');
}

function testcase(s: StudentGrade, c: CheckGrade): string {
  const open = `    <testcase classname="${xmlAttr(s.student)}" name="${xmlAttr(`${c.id}: ${c.text}`)}" time="0"`;
  if (c.passed) return `${open}/>\n`;
  const body = [c.reason, hopsText(c)].filter((t) => t !== '').join('\n');
  return `${open}>\n      <failure message="${xmlAttr(c.reason)}" type="${c.observed === 'not checked' ? 'not-checked' : 'check-failed'}">${xmlEscape(body)}</failure>\n    </testcase>\n`;
}

function suite(s: StudentGrade): string {
  const failures = s.checks.filter((c) => !c.passed).length;
  const props = `      <property name="score" value="${s.score}"/>\n      <property name="max" value="${s.max}"/>\n`;
  const head = `  <testsuite name="${xmlAttr(s.student)}" tests="${s.checks.length}" failures="${failures}" errors="0" skipped="0" time="0">\n`;
  const notes = s.notes.length > 0 ? `    <system-out>${xmlEscape(s.notes.join('\n'))}</system-out>\n` : '';
  return `${head}    <properties>\n${props}    </properties>\n${s.checks.map((c) => testcase(s, c)).join('')}${notes}  </testsuite>\n`;
}

/** The report as JUnit XML (the de facto Ant/Surefire schema most CI and LMS tools read). No timestamps. */
export function gradesJunit(report: GradeReport): string {
  const tests = report.students.reduce((n, s) => n + s.checks.length, 0);
  const failures = report.students.reduce((n, s) => n + s.checks.filter((c) => !c.passed).length, 0);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${xmlAttr(`podlab grade ${report.exercise.id}`)}" tests="${tests}" failures="${failures}" errors="0" time="0">\n` +
    report.students.map(suite).join('') +
    '</testsuites>\n'
  );
}
