// The lessons a server or a static build offers: parsed once, listed as the page's catalog (lessons.json), found by id and language.
import { ALL_LINT_RULES, createMarkdown, type Diagnostic, type Lesson, lintLesson } from '../../core/index.ts';
import { findLessonFiles, loadLesson } from '../lessons.ts';

/** lessons.json: what the page reads (web/catalog.ts narrows it). */
export interface CatalogJson {
  lessons: {
    id: string;
    lang: string;
    title: string;
    file: string;
    source: string;
    description?: string;
    minutes?: number;
    order?: number;
    /** Exercise cell id → reference solution, only for lessons with `solution: reveal` (learnerCatalog adds it). */
    solutions?: Record<string, string>;
    /**
     * Only in a lesson page's own entries (pageEntries): the lesson already parsed and its Markdown rendered, so
     * the page and its Worker do not parse it again (parsing cost the page's main thread 100–300 ms at load).
     */
    parsed?: Omit<Lesson, 'source'>;
    html?: string;
  }[];
}

export interface LessonCatalog {
  lessons: Lesson[];
  /** Lessons left out because they have errors, with the errors. */
  rejected: { file: string; diagnostics: Diagnostic[] }[];
  /** Distinct lesson ids (one lesson in two languages counts once). */
  ids: string[];
  find(id: string, lang?: string): Lesson | undefined;
  json(): CatalogJson;
}

/**
 * Load every lesson under `paths`; lessons with errors are rejected, not served. The errors are those `podlab lint`
 * reports (the parse diagnostics and every lint rule, the simulator's cluster model included), so that a lesson
 * lint refuses is never offered, and `podlab run` would refuse it too.
 */
export async function loadCatalog(paths: string[]): Promise<LessonCatalog> {
  const files = await findLessonFiles(paths);
  const lessons: Lesson[] = [];
  const rejected: LessonCatalog['rejected'] = [];
  for (const file of files) {
    const lesson = await loadLesson(file);
    const errors = lintLesson(lesson, ALL_LINT_RULES, { errorsOnly: true });
    if (errors.length > 0) rejected.push({ file, diagnostics: errors });
    else lessons.push(lesson);
  }
  return catalogOf(lessons, rejected);
}

/** A catalog over lessons already parsed. */
export function catalogOf(lessons: Lesson[], rejected: LessonCatalog['rejected'] = []): LessonCatalog {
  return {
    lessons,
    rejected,
    ids: [...new Set(lessons.map((l) => l.id))],
    find: (id, lang) => lessons.find((l) => l.id === id && (lang === undefined || l.lang === lang)),
    json: () => ({
      lessons: lessons.map((l) => ({
        id: l.id,
        lang: l.lang,
        title: l.title,
        file: l.file,
        source: l.source,
        ...(l.description !== undefined ? { description: l.description } : {}),
        ...(l.minutes !== undefined ? { minutes: l.minutes } : {}),
        ...(l.order !== undefined ? { order: l.order } : {}),
      })),
    }),
  };
}

const rendered = new WeakMap<Lesson, string>();

/** The lesson's Markdown as the page shows it (web/components/podlab-lesson-page.ts renders the same when not given it). */
function renderedHtml(lesson: Lesson): string {
  let html = rendered.get(lesson);
  if (html === undefined) rendered.set(lesson, (html = createMarkdown().render(lesson.source, { file: lesson.file })));
  return html;
}

/** What a lesson page carries: the lesson's entries (its translations) with each one parsed and rendered. */
export function pageEntries(catalog: LessonCatalog, id: string): CatalogJson['lessons'] {
  return catalog
    .json()
    .lessons.filter((e) => e.id === id)
    .map((e) => {
      const lesson = catalog.find(e.id, e.lang);
      if (!lesson) return e;
      // The source is the entry's own `source`: not sent twice (web/catalog.ts preparedLesson puts it back).
      const { source: _source, ...parsed } = lesson;
      return { ...e, parsed, html: renderedHtml(lesson) };
    });
}
