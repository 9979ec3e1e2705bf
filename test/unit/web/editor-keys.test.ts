// The exercise editor's Tab and Shift+Tab: two spaces at the caret, whole lines for a selection, never below the line start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indentEdit } from '../../../web/components/editor-keys.ts';

/** Apply an edit to text with `|` marking the selection ends, return the result marked the same way. */
function run(marked: string, outdent = false): string {
  const start = marked.indexOf('|');
  const end = marked.indexOf('|', start + 1) - 1;
  const text = marked.replace(/\|/g, '');
  const e = indentEdit(text, start, end < start ? start : end, outdent);
  const out = text.slice(0, e.from) + e.insert + text.slice(e.to);
  return e.selectionStart === e.selectionEnd
    ? `${out.slice(0, e.selectionStart)}|${out.slice(e.selectionStart)}`
    : `${out.slice(0, e.selectionStart)}|${out.slice(e.selectionStart, e.selectionEnd)}|${out.slice(e.selectionEnd)}`;
}

const cases: [string, string, boolean, string][] = [
  ['caret: two spaces', 'ab|c', false, 'ab  |c'],
  ['selection: every line touched', 'a|b\nc|d\ne', false, '  a|b\n  c|d\ne'],
  ['selection ending after a newline leaves the next line', '|ab\n|cd', false, '  |ab\n|cd'],
  ['shift+tab at a caret', '    x|y', true, '  x|y'],
  ['shift+tab removes at most two spaces per line', '|   a\n b|\nc', true, '| a\nb|\nc'],
  ['shift+tab with nothing to remove', 'a|b', true, 'a|b'],
  ['shift+tab with the caret inside the indent stays on the line', ' | x', true, '|x'],
];

for (const [name, input, outdent, expected] of cases) {
  test(`indentEdit: ${name}`, () => assert.equal(run(input, outdent), expected));
}
