// Reasons and check sentences in Chinese: templates cover the simulator's sentences, nested ones too; unknown
// sentences stay English; rules lose their [modifiers].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSentence, REASON_TEMPLATES, ruleText, translateReason } from '../../../src/core/i18n/index.ts';
import { parseExpectation } from '../../../src/core/lesson/expectation.ts';

const at = { file: 'x.md', line: 1 };
function exp(line: string) {
  const r = parseExpectation(line, at);
  assert.ok('expectation' in r && r.expectation, JSON.stringify(r));
  return r.expectation;
}

test('every template has the same slots in both languages', () => {
  const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  for (const t of REASON_TEMPLATES) assert.deepEqual(slots(t.zh), slots(t.en), t.en);
});

test('simulator reasons in Chinese, nested sentences and labels too', () => {
  assert.equal(
    translateReason('zh-CN', 'nothing listens on 192.168.217.16:81 (pod default/nginx-pod); the pod answered with a TCP reset'),
    '192.168.217.16:81（Pod default/nginx-pod） 上没有进程在监听；该 Pod 回复了 TCP 重置（RST）',
  );
  assert.equal(
    translateReason(
      'zh',
      'pod default/busybox reached 10.96.0.5:80 (pod default/web-1), where nginx listens on TCP 80; kube-proxy on node w1 sent it for service default/web to 192.168.1.2:80',
    ),
    'Pod default/busybox 到达了 10.96.0.5:80（Pod default/web-1），nginx 在那里监听 TCP 80；节点 w1 上的 kube-proxy 按 Service default/web 把它转给了 192.168.1.2:80',
  );
  assert.equal(
    translateReason(
      'zh-CN',
      'the SYN-ACK from pod default/web never got back: node w2 is down, so the packet to 10.0.0.1:3 was dropped there',
    ),
    'Pod default/web 发出的 SYN-ACK 没能回来：节点 w2 已宕机，发往 10.0.0.1:3 的数据包在那里被丢弃',
  );
  assert.equal(
    translateReason('zh-CN', 'CoreDNS found no record for web.default.svc.cluster.local (there is no Service web in namespace default)'),
    'CoreDNS 找不到 web.default.svc.cluster.local 的记录（命名空间 default 中没有 Service web）',
  );
  assert.equal(
    translateReason('zh-CN', 'expected output contains "service/web created", but got service/web configured'),
    '期望输出包含 "service/web created"，实际得到：service/web configured',
  );
});

test('unknown sentences and other languages stay English', () => {
  const s = 'NetworkPolicy default/deny-all drops ingress to pod default/web';
  assert.equal(translateReason('zh-CN', s), s);
  assert.equal(translateReason('en', 'there is no pod default/x'), 'there is no pod default/x');
  assert.equal(translateReason('fr', 'there is no pod default/x'), 'there is no pod default/x');
});

test('checks as sentences; rules without their modifiers', () => {
  assert.equal(checkSentence('zh-CN', exp('busybox -> nginx-pod:80 ok')), 'busybox 能访问 nginx-pod 的 80 端口');
  assert.equal(checkSentence('en', exp('busybox -> nginx-pod:81 refused')), 'nginx-pod refuses busybox on port 81');
  assert.equal(checkSentence('zh-CN', exp('henry003 -> nginx-pod icmp ok')), 'henry003 能 ping 通 nginx-pod');
  assert.equal(
    checkSentence('zh-CN', exp('output contains "service/web created" [points=1 id=created]')),
    '输出包含 "service/web created"',
  );
  assert.equal(checkSentence('en', exp('exit 0')), 'the commands exit with code 0');
  assert.equal(ruleText('output contains "a [b]" [points=1 id=created] [simulator]'), 'output contains "a [b]"');
  assert.equal(ruleText('busybox -> web:80 ok'), 'busybox -> web:80 ok');
});

test("podlab run says a failed check's reason in the lesson's language", async () => {
  const { renderCheck } = await import('../../../src/node/cli/render/run-text.ts');
  const io = { out: () => undefined, err: () => undefined, tty: false, color: false };
  const check = {
    id: 'c#1',
    cellId: 'c',
    section: '',
    kind: 'reach' as const,
    text: 'busybox -> nginx-pod:81 ok',
    expected: 'ok',
    observed: 'refused',
    passed: false,
    reason: 'nothing listens on 192.168.217.16:81 (pod default/nginx-pod); the pod answered with a TCP reset',
    hops: [],
    pos: at,
    hidden: false,
    points: 1,
  };
  assert.match(renderCheck(io, check, 'zh-CN'), /上没有进程在监听；该 Pod 回复了 TCP 重置/);
  assert.match(renderCheck(io, check), /nothing listens on/);
});

test('NetworkPolicy reasons are translated by their codes, not by English templates', async () => {
  const { lessonFrom, runLesson } = await import('../../helpers/lessons.ts');
  const { reasonText } = await import('../../../src/core/i18n/policy.ts');
  const report = await runLesson(lessonFrom('lessons/network-policy/lesson.zh-CN.md'));
  const coded = report.cells.flatMap((c) => c.checks).filter((c) => c.reasonCodes?.length);
  assert.ok(
    coded.some((c) => c.reasonCodes?.some((r) => r.code === 'policy-denied-ingress')),
    'a drop at ingress is among them',
  );
  for (const c of coded) {
    const zh = translateReason('zh-CN', c.reason, c.reasonCodes);
    for (const r of c.reasonCodes ?? []) {
      assert.ok(zh.includes(reasonText(r as Parameters<typeof reasonText>[0], 'zh-CN')), `the code's Chinese sentence in: ${zh}`);
      assert.ok(!zh.includes(reasonText(r as Parameters<typeof reasonText>[0], 'en')), `no English policy sentence left in: ${zh}`);
    }
    assert.equal(translateReason('en', c.reason, c.reasonCodes), c.reason, 'English stays as it is');
  }
  // Without the codes the policy sentence has no template and stays English: the codes are what translate it.
  const drop = coded.find((c) => c.reasonCodes?.some((r) => r.code === 'policy-denied-ingress'));
  assert.ok(drop && translateReason('zh-CN', drop.reason) === drop.reason);
});
