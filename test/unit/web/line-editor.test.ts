// The free terminal's line editor: keys as xterm sends them, and what the line and cursor become.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineEditor, splitKeys } from '../../../web/terminal/line-editor.ts';

const LEFT = '\x1b[D';
const HOME = '\x01';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

const cases: { name: string; keys: string; line: string; cursor: number }[] = [
  { name: 'typing inserts', keys: 'kubectl', line: 'kubectl', cursor: 7 },
  { name: 'backspace deletes before the cursor', keys: 'abc\x7f', line: 'ab', cursor: 2 },
  { name: 'left then insert', keys: `ac${LEFT}b`, line: 'abc', cursor: 2 },
  { name: 'home then insert', keys: `get${HOME}k `, line: 'k get', cursor: 2 },
  { name: 'delete forward', keys: `abc${LEFT}${LEFT}\x1b[3~`, line: 'ac', cursor: 1 },
  { name: 'ctrl-u kills before the cursor', keys: `abc${LEFT}\x15`, line: 'c', cursor: 0 },
  { name: 'unknown escape sequences are ignored', keys: 'a\x1b[15~b', line: 'ab', cursor: 2 },
  { name: 'backspace at start does nothing', keys: `${HOME}\x7f`, line: '', cursor: 0 },
];

for (const c of cases) {
  test(`line editor: ${c.name}`, () => {
    const e = new LineEditor();
    for (const k of splitKeys(c.keys)) e.key(k);
    assert.equal(e.line, c.line);
    assert.equal(e.cursor, c.cursor);
  });
}

test('enter submits the line and clears it; history walks back and forth, keeping the draft', () => {
  const e = new LineEditor();
  const submit = (s: string) =>
    splitKeys(`${s}\r`)
      .map((k) => e.key(k))
      .pop();
  assert.deepEqual(submit('one'), { kind: 'submit', line: 'one' });
  submit('two');
  submit('two'); // repeats are stored once
  assert.equal(e.line, '');
  for (const k of splitKeys('dra')) e.key(k);
  e.key(UP);
  assert.equal(e.line, 'two');
  e.key(UP);
  assert.equal(e.line, 'one');
  assert.equal(e.key(UP).kind, 'none');
  e.key(DOWN);
  e.key(DOWN);
  assert.equal(e.line, 'dra');
  assert.deepEqual(e.entries(), ['one', 'two']);
});

test('ctrl-c abandons the line; tab asks for completion of the part before the cursor', () => {
  const e = new LineEditor();
  for (const k of splitKeys(`kubectl get po${LEFT}`)) e.key(k);
  assert.deepEqual(e.key('\t'), { kind: 'complete', partial: 'kubectl get p' });
  assert.deepEqual(e.key('\x03'), { kind: 'interrupt', line: 'kubectl get po' });
  assert.equal(e.line, '');
});

test('pasted text with newlines becomes several submitted lines', () => {
  assert.deepEqual(splitKeys('ls\nhostname\n'), ['ls', '\r', 'hostname', '\r']);
});
