// The gradebook's columns: every expectation of an exercise (hidden ones too), with its id and points.
import type { Lesson } from '../lesson/model.ts';
import type { CheckColumn } from './types.ts';

/** Points an expectation is worth when it names none (the same default the check evaluator uses). */
export const DEFAULT_POINTS = 1;

/**
 * The exercise's checks in lesson order. Ids follow the check evaluator's rule: the `[id=...]`
 * modifier, else `<cellId>#<n>` (1-based within the cell's expectations).
 */
export function checkColumns(lesson: Pick<Lesson, 'cells'>): CheckColumn[] {
  return lesson.cells.flatMap((cell) =>
    cell.expectations.map((exp, i) => ({
      id: exp.id ?? `${cell.id}#${i + 1}`,
      cellId: cell.id,
      section: cell.section,
      kind: exp.kind,
      text: withoutModifiers(exp.text),
      points: exp.points ?? DEFAULT_POINTS,
      hidden: exp.hidden || cell.hidden,
    })),
  );
}

/** The expectation without its trailing `[points=2 id=x hidden]` groups: what a person needs to read. */
export function withoutModifiers(text: string): string {
  return text.replace(/(\s*\[[^\]"]*\])+\s*$/, '');
}

/** Ids that appear more than once (a gradebook needs unique column names); empty when all are unique. */
export function duplicateIds(columns: CheckColumn[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of columns) (seen.has(c.id) ? dup : seen).add(c.id);
  return [...dup];
}

/** The most an exercise can score. */
export function maxScore(columns: CheckColumn[]): number {
  return columns.reduce((sum, c) => sum + c.points, 0);
}
