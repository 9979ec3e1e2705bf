// Redrawing the edited line: where the cursor ends up, including lines that wrap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redrawLine } from '../../../web/terminal/line-render.ts';
import { colorTranscript, displayWidth, toTerminal } from '../../../web/terminal/terminal-text.ts';

test('a short line: clear and write, cursor at the end stays there', () => {
  const d = redrawLine('$ ', '$ ', 'ls', 2, 80, 0);
  assert.equal(d.data, '\r\x1b[J$ ls');
  assert.equal(d.cursorRow, 0);
});

test('a cursor inside the line moves back to its column', () => {
  const d = redrawLine('$ ', '$ ', 'abcd', 1, 80, 0);
  assert.equal(d.data, '\r\x1b[J$ abcd\r\x1b[3C');
});

test('a wrapped line: redraw starts rows above and the cursor row is remembered', () => {
  const first = redrawLine('$ ', '$ ', 'x'.repeat(18), 18, 10, 0); // 20 columns in a 10-wide terminal: fills 2 rows exactly
  assert.equal(first.cursorRow, 1);
  const second = redrawLine('$ ', '$ ', 'x'.repeat(19), 19, 10, first.cursorRow);
  assert.ok(second.data.startsWith('\x1b[1A\r\x1b[J'));
  assert.equal(second.cursorRow, 2);
});

test('wide characters take two columns', () => {
  assert.equal(displayWidth('ab'), 2);
  assert.equal(displayWidth('中文'), 4);
});

test('transcripts: \\n becomes \\r\\n, echo lines are colored, others are not', () => {
  assert.equal(toTerminal('a\nb\r\nc'), 'a\r\nb\r\nc');
  const colored = colorTranscript('[root@n1 ~]# ls\nfile\n/ # ls\n', ['ls']);
  const lines = colored.split('\n');
  assert.match(lines[0], /^\x1b\[1;32m\[root@n1 ~\]# \x1b\[0m\x1b\[1mls\x1b\[0m$/);
  assert.equal(lines[1], 'file');
  assert.match(lines[2], /^\x1b\[1;32m\/ # /);
  assert.equal(colorTranscript('total ls\n', ['ls']), 'total ls\n', 'no prompt before the command: untouched');
});
