// Section locks: the instructor opens a lesson section by section. A lesson is open "through" a section: that
// section, its subsections and every section before it (in the lesson's order) are open; later ones are locked.
// A lesson without a lock is open through its end.
import type { Lesson } from '../../core/index.ts';

type Section = Lesson['sections'][number];

/** The index, in the lesson's section order, of the last open section; undefined when everything is open. */
function lastOpenIndex(lesson: Lesson, openThrough: string | undefined): number | undefined {
  if (openThrough === undefined) return undefined;
  let last = -1;
  lesson.sections.forEach((s, i) => {
    if (s.number === openThrough || s.number.startsWith(`${openThrough}.`)) last = i;
  });
  return last;
}

/** Is `openThrough` a section of the lesson? (What the instructor may pick.) */
export function isSection(lesson: Lesson, openThrough: string): boolean {
  return lesson.sections.some((s) => s.number === openThrough);
}

/** The locked section a cell belongs to, or undefined when the cell may run. */
export function lockedSection(lesson: Lesson, openThrough: string | undefined, cellId: string): Section | undefined {
  const last = lastOpenIndex(lesson, openThrough);
  if (last === undefined) return undefined;
  const cell = lesson.cells.find((c) => c.id === cellId);
  if (!cell) return undefined;
  const index = lesson.sections.findIndex((s) => s.number === cell.section);
  return index > last ? lesson.sections[index] : undefined;
}

/** The message a learner reads when a cell of a locked section is asked to run. */
export function lockedMessage(section: Section): string {
  return `podlab lab: section ${section.number} “${section.title}” is locked by the instructor; it opens when the class gets there`;
}

/**
 * Where a "run all" stops under the lock: the section of the last open cell (run-all runs through the cells of the
 * section it names), or `null` when no cell is open. A learner's own earlier stop is kept when it comes first.
 */
export function clampRunAll(lesson: Lesson, openThrough: string | undefined, untilSection: string | undefined): string | undefined | null {
  const last = lastOpenIndex(lesson, openThrough);
  if (last === undefined) return untilSection;
  const rank = (section: string) => lesson.sections.findIndex((s) => s.number === section);
  const open = lesson.cells.filter((c) => rank(c.section) <= last);
  if (open.length === 0) return null;
  const lastOpen = open[open.length - 1].section;
  if (untilSection === undefined) return lastOpen;
  // A requested stop inside the open part stands (the kernel reports an unknown section itself).
  const requested = lesson.sections.findIndex((s) => s.number === untilSection);
  return requested >= 0 && requested <= rank(lastOpen) ? untilSection : lastOpen;
}
