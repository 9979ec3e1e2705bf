// `podlab run` in the lesson's language (issue 14 item 4): a zh-CN lesson's checks read as the page's sentences, with
// Chinese outcome words and reasons; an English lesson keeps the rule as written, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLesson, type CheckResult } from '../../../src/core/index.ts';
import type { CliIO } from '../../../src/node/cli/context.ts';
import { renderCheck } from '../../../src/node/cli/render/run-text.ts';

const io: CliIO = { out: () => {}, err: () => {}, tty: false, color: false };

const LESSON = [
  '---',
  'lang: zh-CN',
  '---',
  '# 课',
  '',
  '```sh run',
  'kubectl get pods',
  '```',
  '',
  '```expect',
  'busybox -> nginx-pod:80 ok',
  '```',
  '',
].join('\n');

function failed(text: string): CheckResult {
  return {
    id: 'c1#1',
    cellId: 'c1',
    section: '课',
    kind: 'reach',
    text,
    expected: 'ok',
    observed: 'timeout',
    passed: false,
    reason: 'nothing answered: the connection timed out',
    hops: [{ at: 'pod/default/busybox', action: 'route default via 169.254.1.1 dev eth0' }],
    pos: { file: 'x.md', line: 11, column: 1 },
    hidden: false,
    points: 1,
  };
}

test('a zh-CN lesson: the check as a sentence, expected/observed in Chinese words, the place in Chinese', () => {
  const lesson = parseLesson(LESSON, 'x.md');
  const exp = lesson.cells.flatMap((c) => c.expectations)[0];
  assert.ok(exp, 'the lesson has its expectation');
  const s = renderCheck(io, failed(exp.text), 'zh-CN', exp);
  assert.match(s, /^ {2}✗ busybox 能访问 nginx-pod 的 80 端口\n/);
  assert.match(s, /期望 通，实际 超时：/);
  assert.match(s, /位于 x\.md:11/);
  assert.doesNotMatch(s, /expected|observed|->/);
});

test('without the expectation at hand, a zh-CN check shows its rule without internal modifiers', () => {
  const s = renderCheck(io, { ...failed('busybox -> nginx-pod:80 ok [points=2 id=reach]'), passed: true }, 'zh-CN');
  assert.equal(s, '  ✓ busybox -> nginx-pod:80 ok\n');
});

test('an English lesson keeps the rule as written and the English words', () => {
  const s = renderCheck(io, failed('busybox -> nginx-pod:80 ok'), 'en');
  assert.match(s, /^ {2}✗ busybox -> nginx-pod:80 ok\n/);
  assert.match(s, /expected ok, observed timeout: nothing answered/);
  assert.match(s, /at x\.md:11/);
});
