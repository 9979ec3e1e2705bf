// Progress kept across reloads in localStorage: which cells ran (in order) and how the checks went, per lesson and language.

/** What the page remembers of one lesson in one language. */
export interface LessonProgress {
  /** Ids of cells that ran, in the order they first ran (replayed to rebuild the cluster after a reload). */
  ran: string[];
  passed: number;
  failed: number;
  /** Cells in the lesson (visible ones), for "3 of 12". */
  total: number;
}

/** The subset of Web Storage the store uses (tests pass a Map-backed one). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'podlab:progress:';

function key(lessonId: string, lang: string): string {
  return `${PREFIX}${lessonId}:${lang}`;
}

export class ProgressStore {
  private readonly storage?: KeyValueStorage;

  /** Without storage (private mode, disabled) the store remembers nothing and says so by returning undefined. */
  constructor(storage?: KeyValueStorage) {
    this.storage = storage;
  }

  load(lessonId: string, lang: string): LessonProgress | undefined {
    const text = safe(() => this.storage?.getItem(key(lessonId, lang)) ?? null);
    if (!text) return undefined;
    try {
      const v = JSON.parse(text) as Partial<LessonProgress>;
      if (!Array.isArray(v.ran) || !v.ran.every((x) => typeof x === 'string')) return undefined;
      return { ran: v.ran, passed: num(v.passed), failed: num(v.failed), total: num(v.total) };
    } catch {
      return undefined;
    }
  }

  save(lessonId: string, lang: string, progress: LessonProgress): void {
    safe(() => this.storage?.setItem(key(lessonId, lang), JSON.stringify(progress)));
  }

  clear(lessonId: string, lang: string): void {
    safe(() => this.storage?.removeItem(key(lessonId, lang)));
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Storage may throw (quota, disabled cookies); progress is a convenience, never worth failing the page for. */
function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The browser's localStorage, if the page may use it. */
export function browserStorage(): KeyValueStorage | undefined {
  return safe(() => globalThis.localStorage);
}
