// Table-driven tests of expectation lines: what each good line yields, and each bad line's exact error and position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../../src/core/errors.ts';
import { parseExpectation, type Expectation } from '../../../src/core/lesson/index.ts';

const AT = { file: 'l.md', line: 12, column: 1 };

/** The fields each good line must produce (text, pos and hidden are checked separately). */
const GOOD: [string, Partial<Expectation>][] = [
  ['busybox -> nginx-pod:80 ok', { kind: 'reach', from: 'busybox', to: 'nginx-pod', port: 80, protocol: 'tcp', expect: 'ok' }],
  ['henry003 -> nginx-pod icmp ok', { kind: 'reach', from: 'henry003', to: 'nginx-pod', port: undefined, protocol: 'icmp', expect: 'ok' }],
  ['busybox -> 10.96.0.10:80 blocked', { kind: 'reach', to: '10.96.0.10', port: 80, expect: 'blocked' }],
  ['busybox -> nginx-service:80 ok', { kind: 'reach', to: 'nginx-service', port: 80 }],
  ['busybox -> web.other.svc.cluster.local:8080 refused', { kind: 'reach', to: 'web.other.svc.cluster.local', port: 8080, expect: 'refused' }],
  ['tools/client -> 10.96.0.10:53 udp ok', { kind: 'reach', from: 'tools/client', protocol: 'udp', port: 53 }],
  ['a -> b:1 tcp timeout', { kind: 'reach', protocol: 'tcp', port: 1, expect: 'timeout' }],
  ['a -> b:65535 nxdomain', { kind: 'reach', port: 65535, expect: 'nxdomain' }],
  ['a -> b:80 no-route', { kind: 'reach', expect: 'no-route' }],
  ['a -> ns/b:80 ok', { kind: 'reach', to: 'ns/b' }],
  ['output contains "Welcome to nginx!"', { kind: 'output', matcher: 'contains', value: 'Welcome to nginx!' }],
  ['output not-contains "say \\"no\\""', { kind: 'output', matcher: 'not-contains', value: 'say "no"' }],
  ['output matches /ttl=6[34]/', { kind: 'output', matcher: 'regex', value: 'ttl=6[34]', flags: undefined }],
  ['output matches /a[/]b\\/c/im', { kind: 'output', matcher: 'regex', value: 'a[/]b\\/c', flags: 'im' }],
  ['exit 0', { kind: 'output', matcher: 'exit-code', value: '0' }],
  ['exit 007', { kind: 'output', matcher: 'exit-code', value: '7' }],
  ['a -> b:80 ok [points=2]', { points: 2, hidden: false }],
  ['a -> b:80 ok [hidden] [id=svc-by-name]', { hidden: true, id: 'svc-by-name' }],
  ['exit 0 [hidden points=3 id=x.1]', { hidden: true, points: 3, id: 'x.1' }],
];

for (const [line, fields] of GOOD) {
  test(`expectation ${JSON.stringify(line)}`, () => {
    const r = parseExpectation(`  ${line}`, AT);
    assert.ok(r.ok, r.ok ? '' : formatDiagnostic(r.diagnostic));
    const e = r.expectation as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(fields)) assert.deepEqual(e[k], v, k);
    assert.equal(r.expectation.text, line);
    assert.deepEqual(r.expectation.pos, { file: 'l.md', line: 12, column: 3 });
  });
}

test('an `expect hidden` block makes every line hidden', () => {
  const r = parseExpectation('exit 0', AT, true);
  assert.ok(r.ok && r.expectation.hidden);
});

/** Bad lines and the exact diagnostic (file:line:col: severity: message [code]). The line starts at column 5. */
const BAD: [string, string][] = [
  ['busybox -> nginx-pod ok', "l.md:12:16: error: 'nginx-pod' needs a port for tcp (e.g. nginx-pod:80), or write icmp [expectation-parse]"],
  ['busybox -> nginx-pod udp ok', "l.md:12:16: error: 'nginx-pod' needs a port for udp (e.g. nginx-pod:80), or write icmp [expectation-parse]"],
  ['a -> b:80 icmp ok', 'l.md:12:11: error: icmp takes no port [expectation-parse]'],
  ['a -> b:0 ok', "l.md:12:12: error: '0' is not a port (1-65535) [expectation-parse]"],
  ['a -> b:70000 ok', "l.md:12:12: error: '70000' is not a port (1-65535) [expectation-parse]"],
  ['a -> b:http ok', "l.md:12:12: error: 'http' is not a port (1-65535) [expectation-parse]"],
  ['a -> b:80 fine', "l.md:12:15: error: unknown verdict 'fine' (expected ok|blocked|refused|timeout|nxdomain|no-route) [expectation-parse]"],
  ['a -> b:80', "l.md:12:14: error: expected a verdict (ok|blocked|refused|timeout|nxdomain|no-route) after 'b:80' [expectation-parse]"],
  ['a -> b:80 ok now', "l.md:12:18: error: unexpected 'now' [expectation-parse]"],
  ['a->b:80 ok', "l.md:12:5: error: put spaces around '->' [expectation-parse]"],
  ['a -> ', "l.md:12:9: error: expected a target after '->' [expectation-parse]"],
  ['A_B -> b:80 ok', "l.md:12:5: error: 'A_B' is not a pod, namespace/pod or node name [expectation-parse]"],
  ['a -> b_c:80 ok', "l.md:12:10: error: 'b_c' is not a pod, Service, node, DNS name or IP [expectation-parse]"],
  ['output has "x"', "l.md:12:12: error: unknown output matcher 'has' (expected contains, not-contains or matches) [expectation-parse]"],
  ['output contains x', 'l.md:12:21: error: expected a "quoted string" after \'contains\' [expectation-parse]'],
  ['output contains', 'l.md:12:20: error: expected a "quoted string" after \'contains\' [expectation-parse]'],
  ['output contains "x', 'l.md:12:21: error: unterminated "quoted string" [expectation-parse]'],
  ['output contains "x" y', "l.md:12:25: error: unexpected 'y' [expectation-parse]"],
  ['output matches "x"', "l.md:12:20: error: expected a /regex/ after 'matches' [expectation-parse]"],
  ['output matches /x', 'l.md:12:20: error: unterminated /regex/ [expectation-parse]'],
  ['output matches /a(/', 'l.md:12:20: error: invalid regex: Invalid regular expression: /a(/: Unterminated group [expectation-parse]'],
  ['output', "l.md:12:11: error: expected contains, not-contains or matches after 'output' [expectation-parse]"],
  ['exit', "l.md:12:9: error: expected an exit code after 'exit' [expectation-parse]"],
  ['exit 256', "l.md:12:10: error: '256' is not an exit code (0-255) [expectation-parse]"],
  ['exit -1', "l.md:12:10: error: '-1' is not an exit code (0-255) [expectation-parse]"],
  ['exit 0 1', "l.md:12:12: error: unexpected '1' [expectation-parse]"],
  ['exit 0 [hiddn]', "l.md:12:13: error: unknown or malformed modifier 'hiddn' (known: hidden, simulator, points=N, id=NAME) [expectation-parse]"],
  ['exit 0 [points=0]', "l.md:12:13: error: unknown or malformed modifier 'points=0' (known: hidden, simulator, points=N, id=NAME) [expectation-parse]"],
  ['exit 0 [hidden] 1', "l.md:12:21: error: only [modifiers] may follow a modifier [expectation-parse]"],
  ['exit 0 [hidden', "l.md:12:12: error: unterminated '[' modifier [expectation-parse]"],
  ['curl works', "l.md:12:5: error: expected 'SOURCE -> TARGET[:PORT] [udp|icmp] VERDICT', 'output contains|not-contains \"TEXT\"', 'output matches /REGEX/' or 'exit CODE' [expectation-parse]"],
];

for (const [line, expected] of BAD) {
  test(`bad expectation ${JSON.stringify(line)}`, () => {
    const r = parseExpectation(`    ${line}`, AT);
    assert.equal(r.ok ? 'parsed' : formatDiagnostic(r.diagnostic), expected);
  });
}
