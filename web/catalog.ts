// The lesson catalog: every lesson's Markdown source by id and language, as the page receives it (lessons.json).
import type { Lesson } from '../src/core/page.ts';
import { LESSONS_ELEMENT_ID } from './config.ts';

/** One lesson file: `id` is shared by its translations, `lang` tells them apart. */
export interface LessonSource {
  id: string;
  lang: string;
  title: string;
  /** The path the lesson was read from (diagnostics name it). */
  file: string;
  source: string;
  /** From the front matter: one line about the lesson, and the estimated time in minutes. */
  description?: string;
  minutes?: number;
  /** From the front matter: the place in the lesson list, lower first (absent: 1). */
  order?: number;
  /** Exercise cell id → reference solution, present only when the author wrote `solution: reveal`. */
  solutions?: Record<string, string>;
  /**
   * In a lesson page's own entries only: the lesson as the server or the build parsed it, and its Markdown rendered,
   * so that neither the page nor its Worker parses it again (src/node/server/lesson-catalog.ts pageEntries).
   */
  parsed?: Omit<Lesson, 'source'>;
  html?: string;
}

/**
 * The entry's lesson: as the server or the build parsed it when the entry carries it, parsed with `parse` otherwise
 * (the page and the Worker each pass the parser they import, so this module pulls in neither).
 */
export function preparedLesson(entry: LessonSource, parse: (source: string, file: string) => Lesson): Lesson {
  return entry.parsed ? { ...entry.parsed, source: entry.source } : parse(entry.source, entry.file);
}

/** A lesson in all its languages. */
export interface CatalogEntry {
  id: string;
  /** By language, in the order the files were found. */
  translations: LessonSource[];
}

/** Narrow untrusted JSON (lessons.json) to lesson sources; entries of the wrong shape are dropped. */
export function readCatalog(json: unknown): LessonSource[] {
  const list =
    typeof json === 'object' && json !== null && Array.isArray((json as { lessons?: unknown }).lessons)
      ? (json as { lessons: unknown[] }).lessons
      : [];
  return list.filter(isLessonSource);
}

function isLessonSource(v: unknown): v is LessonSource {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    ['id', 'lang', 'title', 'file', 'source'].every((k) => typeof o[k] === 'string') &&
    (o.description === undefined || typeof o.description === 'string') &&
    (o.minutes === undefined || typeof o.minutes === 'number') &&
    (o.order === undefined || typeof o.order === 'number') &&
    (o.solutions === undefined ||
      (typeof o.solutions === 'object' && o.solutions !== null && Object.values(o.solutions).every((x) => typeof x === 'string'))) &&
    (o.parsed === undefined || isParsedLesson(o.parsed, o)) &&
    (o.html === undefined || typeof o.html === 'string')
  );
}

/** A prepared lesson must be the entry's own (same id and language) and have the lesson's shape. */
function isParsedLesson(v: unknown, entry: Record<string, unknown>): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const l = v as Record<string, unknown>;
  return (
    l.id === entry.id &&
    l.lang === entry.lang &&
    l.source === undefined &&
    Array.isArray(l.cells) &&
    Array.isArray(l.sections) &&
    Array.isArray(l.diagnostics) &&
    typeof l.cluster === 'object' &&
    l.cluster !== null
  );
}

/** The lesson entries block as src/node/server/page-html.ts writes it (its JSON escapes every `<`). */
const LESSONS_BLOCK = new RegExp(`<script type="application/json" id="${LESSONS_ELEMENT_ID}">([^<]*)</script>`);

/**
 * A static lesson page's own entries, read from the page's HTML text (its `<script type="application/json"
 * id="podlab-lessons">` block, as src/node/server/page-html.ts writes it): the Worker that page starts fetches the
 * page and reads them, so it needs no message from the page to begin. Empty when the page has no such block.
 */
export function lessonsInPage(pageHtml: string): LessonSource[] {
  const m = LESSONS_BLOCK.exec(pageHtml);
  if (!m) return [];
  try {
    return readCatalog(JSON.parse(m[1]));
  } catch {
    return [];
  }
}

/** Group sources by lesson id, keeping first-seen order. */
export function groupCatalog(sources: LessonSource[]): CatalogEntry[] {
  const byId = new Map<string, CatalogEntry>();
  for (const s of sources) {
    const entry = byId.get(s.id) ?? { id: s.id, translations: [] };
    entry.translations.push(s);
    byId.set(s.id, entry);
  }
  return [...byId.values()];
}

/** True when a lesson has exercise cells (a fence whose info string says `exercise`). */
export function isExercise(source: LessonSource): boolean {
  return /^\s*(`{3,}|~{3,})[^\n`]*\bexercise\b/m.test(source.source);
}

/** Lessons before exercises, each group by the front matter's `order` (absent: 1), then in catalog order. */
export function lessonsFirst(entries: readonly CatalogEntry[]): CatalogEntry[] {
  const exercise = (e: CatalogEntry) => (e.translations.some(isExercise) ? 1 : 0);
  const order = (e: CatalogEntry) => Math.min(...e.translations.map((t) => t.order ?? 1));
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => exercise(a.e) - exercise(b.e) || order(a.e) - order(b.e) || a.i - b.i)
    .map((x) => x.e);
}

/**
 * The translation to show: the wanted language, else one whose base language matches
 * ("zh" for "zh-CN"), else the first.
 */
export function pickTranslation(entry: CatalogEntry, wanted: readonly string[]): LessonSource {
  for (const w of wanted) {
    const exact = entry.translations.find((t) => t.lang.toLowerCase() === w.toLowerCase());
    if (exact) return exact;
  }
  for (const w of wanted) {
    const base = w.split('-')[0].toLowerCase();
    const near = entry.translations.find((t) => t.lang.split('-')[0].toLowerCase() === base);
    if (near) return near;
  }
  return entry.translations[0];
}
