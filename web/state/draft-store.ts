// Learners' drafts of exercise cells kept across reloads in localStorage, per lesson and language.
import type { KeyValueStorage } from './progress-store.ts';

const PREFIX = 'podlab:drafts:';

function key(lessonId: string, lang: string): string {
  return `${PREFIX}${lessonId}:${lang}`;
}

/** Drafts by cell id; storage errors (quota, disabled) lose drafts silently rather than break the page. */
export class DraftStore {
  private readonly storage?: KeyValueStorage;

  constructor(storage?: KeyValueStorage) {
    this.storage = storage;
  }

  /** The stored drafts of a lesson: only string values survive (the storage is the learner's, not ours). */
  load(lessonId: string, lang: string): Map<string, string> {
    const out = new Map<string, string>();
    let raw: unknown;
    try {
      raw = JSON.parse(this.storage?.getItem(key(lessonId, lang)) ?? '{}');
    } catch {
      return out;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
    for (const [id, text] of Object.entries(raw)) if (typeof text === 'string') out.set(id, text);
    return out;
  }

  save(lessonId: string, lang: string, drafts: ReadonlyMap<string, string>): void {
    try {
      if (drafts.size === 0) this.storage?.removeItem(key(lessonId, lang));
      else this.storage?.setItem(key(lessonId, lang), JSON.stringify(Object.fromEntries(drafts)));
    } catch {
      // Without storage the draft lives as long as the page (and, when served, in the session).
    }
  }
}
