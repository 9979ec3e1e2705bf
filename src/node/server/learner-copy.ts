// The learner's copy of the lessons a page gets: exercise solutions, hidden cells and hidden checks stripped, as `podlab release` does.
import { type Lesson, parseLesson, releaseExercise } from '../../core/index.ts';
import { catalogOf, type LessonCatalog } from './lesson-catalog.ts';

/**
 * The lesson as a learner may see it: the student copy's Markdown (exercise cells hold the placeholder,
 * hidden cells and checks are gone), parsed again. A lesson with nothing to strip is returned as it is.
 */
export function learnerLesson(lesson: Lesson): Lesson {
  const { text } = releaseExercise(lesson.source, lesson.file);
  return text === lesson.source ? lesson : parseLesson(text, lesson.file);
}

/**
 * What pages are given, in both ways of running: the static build's lessons.json and Worker, and the
 * served page's lessons.json and sessions. What is not in it cannot leak, whatever the page asks.
 */
export function learnerCatalog(catalog: LessonCatalog): LessonCatalog {
  const copy = catalogOf(catalog.lessons.map(learnerLesson), catalog.rejected);
  // Only where the author allows it (`solution: reveal`), lessons.json carries the visible exercise cells'
  // reference solutions beside the student copy, for the page's "Show the solution". The Markdown stays the
  // student copy, and `podlab release` never includes them.
  const solutions = new Map(
    catalog.lessons
      .filter((l) => l.solution === 'reveal')
      .map((l) => [
        `${l.id}:${l.lang}`,
        Object.fromEntries(
          l.cells.filter((c) => c.exercise && !c.hidden).map((c) => [c.id, c.kind === 'file' ? c.content : `${c.lines.join('\n')}\n`]),
        ),
      ]),
  );
  return {
    ...copy,
    json: () => ({
      lessons: copy.json().lessons.map((e) => {
        const s = solutions.get(`${e.id}:${e.lang}`);
        return s && Object.keys(s).length > 0 ? { ...e, solutions: s } : e;
      }),
    }),
  };
}
