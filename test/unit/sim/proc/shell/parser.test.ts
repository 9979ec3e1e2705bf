// The shell parser: each construct people type in tutorials, and the failures of bad or unfinished input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Command, List, Word } from '../../../../../src/core/sim/proc/shell/ast.ts';
import { parseShell } from '../../../../../src/core/sim/proc/shell/parser.ts';

/** A compact picture of a parsed list, so table rows stay readable. */
function show(list: List): string {
  return list.items.map((i) => showAndOr(i.command) + (i.background ? ' &' : '')).join(' ; ');
}
function showAndOr(ao: List['items'][number]['command']): string {
  return [ao.first, ...ao.rest.map((r) => r.pipeline)]
    .map((p, i) => (i > 0 ? `${ao.rest[i - 1].op} ` : '') + (p.negated ? '! ' : '') + p.commands.map(showCmd).join(' | '))
    .join(' ');
}
function showWord(w: Word): string {
  return w.parts
    .map((p) => {
      if (p.kind === 'lit') return p.quoted ? `'${p.text}'` : p.text;
      if (p.kind === 'param') return `$${p.quoted ? 'q' : ''}{${p.name}${p.op ? `:${p.op.kind}` : ''}}`;
      if (p.kind === 'cmdsub') return `$(${show(p.body)})`;
      if (p.kind === 'arith') return `$((${p.expr.text}))`;
      return `~${p.user}`;
    })
    .join('');
}
function showCmd(c: Command): string {
  const redirs = (c.redirects ?? [])
    .map((r) => ` ${r.fd}${r.op}${showWord(r.target)}${r.heredoc ? `[${r.heredoc.text.replace(/\n/g, '\\n')}]` : ''}`)
    .join('');
  switch (c.kind) {
    case 'simple':
      return [...c.assigns.map((a) => `${a.name}=${showWord(a.value)}`), ...c.words.map(showWord)].join(' ') + redirs;
    case 'if':
      return `if(${c.clauses.map((cl) => `${show(cl.cond)}?${show(cl.body)}`).join(' elif ')}${c.elseBody ? ` else ${show(c.elseBody)}` : ''})${redirs}`;
    case 'loop':
      return `${c.until ? 'until' : 'while'}(${show(c.cond)}){${show(c.body)}}${redirs}`;
    case 'for':
      return `for ${c.name} in [${(c.items ?? []).map(showWord).join(',')}]{${show(c.body)}}${redirs}`;
    case 'case':
      return `case ${showWord(c.subject)}{${c.arms.map((a) => `${a.patterns.map(showWord).join('|')}=>${show(a.body)}`).join(';')}}`;
    case 'function':
      return `function ${c.name}=${c.text}`;
    case 'cond':
      return `[[${JSON.stringify(c.expr)}]]`;
    default:
      return `${c.kind === 'group' ? '{' : '('}${show(c.body)}${c.kind === 'group' ? '}' : ')'}${redirs}`;
  }
}

const OK: [string, string][] = [
  ['echo hello world', 'echo hello world'],
  ['echo \'a b\' "c $X d" e\\ f', "echo 'a b' 'c '$q{X}' d' e' 'f"],
  ['echo ${HOME} $? $$ ${X:-def} ${#X}', 'echo ${HOME} ${?} ${$} ${X:default} ${X:length}'],
  ['echo $(hostname -i) `date`', 'echo $(hostname -i) $(date)'],
  ['echo ~ ~/x ~root', 'echo ~ ~/x ~root'],
  ['a; b && c || d', 'a ; b && c || d'],
  ['cat f | grep x | wc -l', 'cat f | grep x | wc -l'],
  ['! false', '! false'],
  ['sleep 10 &', 'sleep 10 &'],
  ['cmd > out 2>&1', 'cmd 1>out 2>&1'],
  ['cmd >> log 2>/dev/null < in', 'cmd 1>>log 2>/dev/null 0<in'],
  ['cmd &> all', 'cmd 1&>all'],
  ['X=1 Y=$Z cmd arg', 'X=1 Y=${Z} cmd arg'],
  ['X=1', 'X=1'],
  ['echo a # a comment', 'echo a'],
  ['while true; do :; done', 'while(true){:}'],
  ['until false; do echo x; done', 'until(false){echo x}'],
  ['for x in a b; do echo $x; done', 'for x in [a,b]{echo ${x}}'],
  ['if a; then b; elif c; then d; else e; fi', 'if(a?b elif c?d else e)'],
  ['{ echo a; echo b; } > f', '{echo a ; echo b} 1>f'],
  ['(cd /tmp; ls)', '(cd /tmp ; ls)'],
  ['case $x in a|b) echo ab;; *) echo other;; esac', 'case ${x}{a|b=>echo ab;*=>echo other}'],
  ['echo $((1 + 2 * X))', 'echo $((1 + 2 * X))'],
  ['cat <<EOF\nhi $X\nEOF', 'cat 0<<EOF[hi $X\\n]'],
  ["cat <<'EOF'\nhi $X\nEOF", "cat 0<<'EOF'[hi $X\\n]"],
  ['echo a \\\n b', 'echo a b'],
  ['echo a &&\n echo b', 'echo a && echo b'],
  ['echo if then fi', 'echo if then fi'],
];

test('parses each construct', () => {
  for (const [src, want] of OK) {
    const r = parseShell(`${src}\n`);
    assert.ok(r.ok, `${src}: ${JSON.stringify(r)}`);
    assert.equal(show(r.script), want, src);
  }
});

const BAD: [string, unknown][] = [
  ['echo a ;; b', { kind: 'unexpected', token: ';;' }],
  ['echo >', { kind: 'unexpected', token: 'newline' }],
  ['echo a | | b', { kind: 'unexpected', token: '|' }],
  ['if true; then echo x; fi fi', { kind: 'unexpected', token: 'fi' }],
  ['then', { kind: 'unexpected', token: 'then' }],
  ['done', { kind: 'unexpected', token: 'done' }],
  ['echo )', { kind: 'unexpected', token: ')' }],
  ['a && || b', { kind: 'unexpected', token: '||' }],
  ['; echo a', { kind: 'unexpected', token: ';' }],
  ['if ; then fi', { kind: 'unexpected', token: ';' }],
  ['( echo a', { kind: 'eof', expecting: ')' }],
  ['while true; do', { kind: 'eof', expecting: 'done' }],
  ['if true', { kind: 'eof', expecting: 'then' }],
  ['if true; then echo', { kind: 'eof', expecting: 'fi' }],
  ['{ echo a;', { kind: 'eof', expecting: '}' }],
  ['a &&', { kind: 'eof' }],
  ["echo 'abc", { kind: 'unterminated', what: "'" }],
  ['echo "abc', { kind: 'unterminated', what: '"' }],
  ['echo `echo a', { kind: 'unterminated', what: '`' }],
  ['echo $(echo a', { kind: 'unterminated', what: ')' }],
  ['cat <<EOF\nno end', { kind: 'unterminated', what: 'heredoc' }],
];

test('reports bad and unfinished input as failure values', () => {
  for (const [src, want] of BAD) {
    const r = parseShell(`${src}\n`);
    assert.equal(r.ok, false, src);
    if (r.ok) continue;
    const { line: _line, ...failure } = r.failure;
    assert.deepEqual(failure, want, src);
  }
});

test('non-interactive input ends an open here-document at end of input', () => {
  const r = parseShell('cat <<EOF\nbody', { heredocEndsAtEof: true });
  assert.ok(r.ok);
});

test('lines are counted for messages', () => {
  const r = parseShell('echo a\necho b ;; c\n');
  assert.ok(!r.ok && r.failure.kind === 'unexpected' && r.failure.line === 2);
});
