// LessonAnswers: the learner's text of each exercise cell — its starting text (the student copy's), drafts, what last ran.
import { type Cell, type Lesson, placeholderText } from '../../src/core/page.ts';
import type { DraftStore } from './draft-store.ts';

/** What an exercise cell's editor starts from: the text `podlab release` puts in the student copy. */
export function startingText(cell: Cell): string {
  const placeholder = placeholderText(cell);
  return placeholder === undefined ? '' : `${placeholder}\n`;
}

export class LessonAnswers {
  private readonly lesson: Lesson;
  private readonly store?: DraftStore;
  private readonly start = new Map<string, string>();
  private readonly texts = new Map<string, string>();
  /** The text each exercise cell last ran with in the runner's current cluster. */
  private readonly ranWith = new Map<string, string>();
  private readonly listeners = new Set<() => void>();

  /** Drafts saved in `store` come back; other exercise cells start from the placeholder. */
  constructor(lesson: Lesson, store?: DraftStore) {
    this.lesson = lesson;
    this.store = store;
    const saved = store?.load(lesson.id, lesson.lang) ?? new Map<string, string>();
    for (const c of lesson.cells.filter((x) => x.exercise && !x.hidden)) {
      this.start.set(c.id, startingText(c));
      this.texts.set(c.id, saved.get(c.id) ?? startingText(c));
    }
  }

  /** The learner's text of an exercise cell; undefined for cells the author wrote. */
  text(cellId: string): string | undefined {
    return this.texts.get(cellId);
  }

  /** Every exercise cell's text, by cell id (what `run-all` sends). */
  all(): Record<string, string> {
    return Object.fromEntries(this.texts);
  }

  /** The learner changed a cell's text; drafts are saved at once. Returns false when nothing changed. */
  set(cellId: string, text: string): boolean {
    if (!this.texts.has(cellId) || this.texts.get(cellId) === text) return false;
    this.texts.set(cellId, text);
    this.save();
    this.notify();
    return true;
  }

  /** Back to the starting text. */
  startOver(cellId: string): boolean {
    const start = this.start.get(cellId);
    return start !== undefined && this.set(cellId, start);
  }

  /** True when the cell's text is still its starting text. */
  untouched(cellId: string): boolean {
    return this.texts.get(cellId) === this.start.get(cellId);
  }

  /** Take the texts a resumed session holds for cells the learner has not drafted here (this browser's drafts win). */
  adopt(answers: Readonly<Record<string, unknown>> | undefined): void {
    let changed = false;
    for (const [id, text] of Object.entries(answers ?? {})) {
      if (typeof text === 'string' && this.texts.has(id) && this.untouched(id) && text !== this.texts.get(id)) {
        this.texts.set(id, text);
        changed = true;
      }
    }
    if (changed) {
      this.save();
      this.notify();
    }
  }

  /** The runner ran the cell with `text` (its cluster now holds that answer). */
  ran(cellId: string, text: string | undefined): void {
    if (text !== undefined && this.texts.has(cellId)) this.ranWith.set(cellId, text);
  }

  /** The cell ran, but with a text the learner has changed since: running a later cell runs it again first. */
  stale(cellId: string): boolean {
    const ran = this.ranWith.get(cellId);
    return ran !== undefined && ran !== this.texts.get(cellId);
  }

  /** The cluster was replaced: nothing has run in it. */
  forgetRuns(): void {
    this.ranWith.clear();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private save(): void {
    const drafts = new Map([...this.texts].filter(([id, text]) => text !== this.start.get(id)));
    this.store?.save(this.lesson.id, this.lesson.lang, drafts);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
