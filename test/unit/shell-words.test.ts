// The one splitter of command lines outside the simulator's shell (src/core/shell-words.ts): quotes as POSIX sh,
// commands ended by ; & | && || and newlines, and the flags callers use to refuse what they cannot read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellWords, simpleCommandWords } from '../../src/core/shell-words.ts';

test('shell words: single quotes keep everything, double quotes escape only $ ` " \\ and newline', () => {
  assert.deepEqual(shellWords(`echo 'a\\b "c"' "d\\"e" "f\\g" h\\ i`).commands, [['echo', 'a\\b "c"', 'd"e', 'f\\g', 'h i']]);
  assert.deepEqual(shellWords(`a''b "" ''`).commands, [['ab', '', '']]);
  assert.deepEqual(shellWords('  \tx\t y  ').commands, [['x', 'y']]);
});

test('shell words: ; & | && || and newlines end a command; empty commands are left out', () => {
  const r = shellWords('kubectl apply -f a.yaml && kubectl get pods | grep web; ; echo done &\nls');
  assert.deepEqual(r.commands, [
    ['kubectl', 'apply', '-f', 'a.yaml'],
    ['kubectl', 'get', 'pods'],
    ['grep', 'web'],
    ['echo', 'done'],
    ['ls'],
  ]);
  assert.equal(r.operators, true);
  assert.equal(shellWords("echo 'a;b|c'").operators, false);
});

test('shell words: expansions, redirections and open quotes are flagged, their text kept', () => {
  assert.deepEqual(shellWords('echo $HOME > out').commands, [['echo', '$HOME', '>', 'out']]);
  assert.equal(shellWords('echo $HOME').special, true);
  assert.equal(shellWords('echo "$(date)"').special, true);
  assert.equal(shellWords("echo '$HOME'").special, false);
  assert.equal(shellWords('echo \\$HOME').special, false);
  const open = shellWords("echo 'open ended");
  assert.equal(open.unterminated, true);
  assert.deepEqual(open.commands, [['echo', 'open ended']]);
  assert.equal(shellWords('echo "a').unterminated, true);
});

test('simple command words: one command only, else undefined', () => {
  assert.deepEqual(simpleCommandWords(`kubectl exec -it 'my pod' -- sh -c "echo \\"hi\\""`), [
    'kubectl',
    'exec',
    '-it',
    'my pod',
    '--',
    'sh',
    '-c',
    'echo "hi"',
  ]);
  assert.deepEqual(simpleCommandWords(''), []);
  assert.equal(simpleCommandWords('echo a | grep a'), undefined);
  assert.equal(simpleCommandWords('echo $X'), undefined);
  assert.equal(simpleCommandWords("echo 'open"), undefined);
});
