// Checks a fence's attributes against the cell attribute table and returns those it accepts.
import type { Diagnostic } from '../errors.ts';
import { attributeRule, CELL_ATTRIBUTES, type BlockKind } from './cell-attributes.ts';
import type { InfoString } from './info-string.ts';
import type { SourceText } from './source-text.ts';

/** Where the info string sits in the file, to turn offsets into columns. */
export interface InfoAt {
  src: SourceText;
  line0: number;
  col0: number;
}

/** The accepted attributes (flags map to ''), plus errors for unknown, misplaced, duplicate or bad ones. */
export function checkAttributes(
  kind: BlockKind,
  info: InfoString,
  at: InfoAt,
): { attrs: Record<string, string>; diagnostics: Diagnostic[] } {
  const attrs: Record<string, string> = {};
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  const fail = (message: string, offset: number) => diagnostics.push(at.src.error('cell-attribute', message, at.line0, at.col0 + offset));
  for (const e of info.errors) fail(e.message, e.offset);
  for (const a of info.attrs) {
    const rule = attributeRule(a.name);
    const repeated = seen.has(a.name);
    seen.add(a.name);
    if (!rule) {
      const known = CELL_ATTRIBUTES.filter((r) => r.kinds.includes(kind)).map((r) => r.name);
      fail(`unknown attribute '${a.name}' for ${article(kind)} ${kind} block (known: ${known.join(', ')})`, a.offset);
    } else if (!rule.kinds.includes(kind)) {
      fail(`attribute '${a.name}' does not apply to ${article(kind)} ${kind} block`, a.offset);
    } else if (repeated) {
      fail(`attribute '${a.name}' given twice`, a.offset);
    } else if (rule.value === 'flag') {
      if (a.value !== undefined) fail(`attribute '${a.name}' is a flag and takes no value`, a.offset);
      else attrs[a.name] = '';
    } else if (a.value === undefined) {
      fail(`attribute '${a.name}' needs a value (${a.name}=...)`, a.offset);
    } else {
      const problem = rule.value(a.value);
      if (problem) fail(`${a.name}: ${problem}`, a.offset);
      else attrs[a.name] = a.value;
    }
  }
  return { attrs, diagnostics };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
