// Writing a grade report to disk: grades.csv, grades.json, junit.xml and one feedback file per student.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { feedbackMarkdown, type GradeReport, gradesCsv, gradesJunit } from '../../core/index.ts';

/** The files `podlab grade` writes under --out, relative to it. */
export const OUTPUT_FILES = { csv: 'grades.csv', json: 'grades.json', junit: 'junit.xml', feedback: 'feedback' } as const;

/** The report as grades.json holds it: stable key order, two-space indent, a final newline. */
export function gradesJson(report: GradeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Write every output; returns the paths written, in a stable order. Feedback files are named after the student id. */
export async function writeGrades(report: GradeReport, outDir: string): Promise<string[]> {
  const feedbackDir = path.join(outDir, OUTPUT_FILES.feedback);
  await mkdir(feedbackDir, { recursive: true });
  const files: [string, string][] = [
    [path.join(outDir, OUTPUT_FILES.csv), gradesCsv(report)],
    [path.join(outDir, OUTPUT_FILES.json), gradesJson(report)],
    [path.join(outDir, OUTPUT_FILES.junit), gradesJunit(report)],
    ...report.students.map((s): [string, string] => [path.join(feedbackDir, `${s.student}.md`), feedbackMarkdown(report, s)]),
  ];
  for (const [file, text] of files) await writeFile(file, text);
  return files.map(([file]) => file);
}
