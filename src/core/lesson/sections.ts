// Section numbers: from a heading's own leading number ("2.1同一个…" → "2.1"), else counted by level.

/** A heading's number and its title without the number. */
export interface Numbered {
  number: string;
  title: string;
}

/** A leading "2", "2.1", "01." — followed by the end, whitespace, punctuation or a non-Latin letter. */
const LEADING_NUMBER = /^(\d+(?:\.\d+)*)\.?(?=$|[^A-Za-z0-9.])[\s:：、)）.-]*/;

/** The heading's own number, if it starts with one ("3D" and "2024review" do not). */
export function ownNumber(text: string): Numbered | undefined {
  const m = LEADING_NUMBER.exec(text);
  if (!m) return undefined;
  const number = m[1]
    .split('.')
    .map((part) => String(Number(part)))
    .join('.');
  return { number, title: text.slice(m[0].length).trim() };
}

/**
 * Numbers headings in document order. `baseLevel` is the heading level of top sections (depth 0);
 * an explicit number resets the counters, so a later unnumbered heading continues from it.
 */
export class SectionCounter {
  private counters: number[] = [];

  constructor(private readonly baseLevel: number) {}

  next(level: number, text: string): Numbered {
    const own = ownNumber(text);
    if (own) {
      this.counters = own.number.split('.').map(Number);
      return own;
    }
    const depth = Math.max(0, level - this.baseLevel);
    const counters = this.counters.slice(0, depth + 1);
    while (counters.length < depth + 1) counters.push(0);
    counters[depth]++;
    this.counters = counters;
    return { number: counters.join('.'), title: text.trim() };
  }
}
