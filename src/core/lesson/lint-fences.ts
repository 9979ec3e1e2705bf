// Lint rule: a code fence that is never closed. CommonMark lets it run to the end of the document, so every later
// heading, cell and check silently becomes part of one code block (and a run cell then runs all of it).
// The fence rules: CommonMark 0.31, "Fenced code blocks" (spec.commonmark.org/0.31.2/#fenced-code-blocks).
import type { Diagnostic } from '../errors.ts';
import type { Lesson } from './model.ts';

const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/** Top-level fences (indented at most three spaces) opened and never closed. */
export function unterminatedFences(lesson: Lesson): Diagnostic[] {
  const lines = lesson.source.split(/\r?\n/);
  let i = 0;
  if (lines[0] === '---') {
    // Front matter ends at the next `---` (or `...`); an unclosed one is the front matter rule's business.
    const end = lines.findIndex((l, k) => k > 0 && (l === '---' || l === '...'));
    i = end < 0 ? lines.length : end + 1;
  }
  let open: { line: number; fence: string } | undefined;
  for (; i < lines.length; i++) {
    const m = OPEN.exec(lines[i]);
    if (!open) {
      // A backtick fence's info string may not contain a backtick.
      if (m && !(m[2][0] === '`' && m[3].includes('`'))) open = { line: i + 1, fence: m[2] };
      continue;
    }
    if (m && m[2][0] === open.fence[0] && m[2].length >= open.fence.length && m[3].trim() === '') open = undefined;
  }
  if (!open) return [];
  const message = `code fence ${open.fence} opened here is never closed: everything after it, to the end of the file, is one code block`;
  return [{ severity: 'warning', code: 'lint-unterminated-fence', message, pos: { file: lesson.file, line: open.line, column: 1 } }];
}
