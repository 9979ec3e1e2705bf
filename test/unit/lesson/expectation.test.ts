// Table-driven tests of expectation lines: what each good line yields, and each bad line's exact error and position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../../src/core/errors.ts';
import { parseExpectation, type Expectation } from '../../../src/core/lesson/index.ts';
import { parseCapture } from '../../../src/core/lesson/expectation.ts';

const AT = { file: 'l.md', line: 12, column: 1 };

/** The fields each good line must produce (text, pos and hidden are checked separately). */
const GOOD: [string, Partial<Expectation>][] = [
  ['busybox -> nginx-pod:80 ok', { kind: 'reach', from: 'busybox', to: 'nginx-pod', port: 80, protocol: 'tcp', expect: 'ok' }],
  ['henry003 -> nginx-pod icmp ok', { kind: 'reach', from: 'henry003', to: 'nginx-pod', port: undefined, protocol: 'icmp', expect: 'ok' }],
  ['busybox -> 10.96.0.10:80 blocked', { kind: 'reach', to: '10.96.0.10', port: 80, expect: 'blocked' }],
  ['busybox -> nginx-service:80 ok', { kind: 'reach', to: 'nginx-service', port: 80 }],
  [
    'busybox -> web.other.svc.cluster.local:8080 refused',
    { kind: 'reach', to: 'web.other.svc.cluster.local', port: 8080, expect: 'refused' },
  ],
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
  // re-run-safe checks
  ['applied service/web', { kind: 'output', matcher: 'applied', value: 'service/web', line: undefined }],
  ['applied deployment.apps/web', { kind: 'output', matcher: 'applied', value: 'deployment.apps/web' }],
  ['applied of 2 deploy/web', { kind: 'output', matcher: 'applied', value: 'deploy/web', line: 2 }],
  ['object svc/web exists', { kind: 'object', resource: 'service', name: 'web', namespace: undefined, state: 'exists', count: undefined }],
  [
    'object kube-system/deploy/coredns ready 2',
    { kind: 'object', resource: 'deployment', name: 'coredns', namespace: 'kube-system', state: 'ready', count: 2 },
  ],
  ['object pod/busybox ready', { kind: 'object', resource: 'pod', name: 'busybox', state: 'ready', count: undefined }],
  ['object rs/web-6db5674f8c absent', { kind: 'object', resource: 'replicaset', state: 'absent' }],
  ['object node/henry002 ready [simulator]', { kind: 'object', resource: 'node', state: 'ready', simulatorOnly: true }],
  // checks bound to one command
  ['output of 2 contains "ttl=63"', { kind: 'output', matcher: 'contains', value: 'ttl=63', line: 2 }],
  ['output of 1 matches /ttl=6[23]/', { kind: 'output', matcher: 'regex', value: 'ttl=6[23]', line: 1 }],
  ['exit of 3 1', { kind: 'output', matcher: 'exit-code', value: '1', line: 3 }],
  // selector targets
  ['deploy/api -> web:80 ok', { kind: 'reach', from: 'deploy/api', to: 'web', quantifier: undefined }],
  ['all app=api -> svc/web:80 ok', { kind: 'reach', from: 'app=api', to: 'svc/web', quantifier: 'all' }],
  [
    'any shop/app=api,tier=web -> rs/db-1:5432 blocked',
    { kind: 'reach', from: 'shop/app=api,tier=web', to: 'rs/db-1', quantifier: 'any', expect: 'blocked' },
  ],
  ['busybox -> app=api icmp ok', { kind: 'reach', to: 'app=api', protocol: 'icmp' }],
  ['busybox -> example.com/tier=web:80 ok', { kind: 'reach', to: 'example.com/tier=web', port: 80 }],
  // named values
  ['busybox -> $IP:80 ok', { kind: 'reach', to: '$IP', port: 80 }],
  ['output contains "from ${POD}"', { kind: 'output', value: 'from ${POD}' }],
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
  [
    'busybox -> nginx-pod udp ok',
    "l.md:12:16: error: 'nginx-pod' needs a port for udp (e.g. nginx-pod:80), or write icmp [expectation-parse]",
  ],
  ['a -> b:80 icmp ok', 'l.md:12:11: error: icmp takes no port [expectation-parse]'],
  ['a -> b:0 ok', "l.md:12:12: error: '0' is not a port (1-65535) [expectation-parse]"],
  ['a -> b:70000 ok', "l.md:12:12: error: '70000' is not a port (1-65535) [expectation-parse]"],
  ['a -> b:http ok', "l.md:12:12: error: 'http' is not a port (1-65535) [expectation-parse]"],
  [
    'a -> b:80 fine',
    "l.md:12:15: error: unknown verdict 'fine' (expected ok|blocked|refused|timeout|nxdomain|no-route) [expectation-parse]",
  ],
  ['a -> b:80', "l.md:12:14: error: expected a verdict (ok|blocked|refused|timeout|nxdomain|no-route) after 'b:80' [expectation-parse]"],
  ['a -> b:80 ok now', "l.md:12:18: error: unexpected 'now' [expectation-parse]"],
  ['a->b:80 ok', "l.md:12:5: error: put spaces around '->' [expectation-parse]"],
  ['a -> ', "l.md:12:9: error: expected a target after '->' [expectation-parse]"],
  ['A_B -> b:80 ok', "l.md:12:5: error: 'A_B' is not a pod, namespace/pod, node name or selector [expectation-parse]"],
  ['a -> b_c:80 ok', "l.md:12:10: error: 'b_c' is not a pod, Service, node, DNS name, IP or selector [expectation-parse]"],
  ['all a=b=c -> b:80 ok', "l.md:12:9: error: 'a=b=c' is not a label term key=value in the selector 'a=b=c' [expectation-parse]"],
  ['$IP -> b:80 ok', "l.md:12:5: error: '$IP' is not a pod, namespace/pod, node name or selector [expectation-parse]"],
  ['output of 0 contains "x"', "l.md:12:15: error: '0' is not a command number (1, 2, …) [expectation-parse]"],
  ['output of contains "x"', "l.md:12:15: error: 'contains' is not a command number (1, 2, …) [expectation-parse]"],
  ['exit of 2', "l.md:12:14: error: expected an exit code after '2' [expectation-parse]"],
  ['applied web', "l.md:12:13: error: 'web' is not KIND/NAME (e.g. service/web, deploy/web) [expectation-parse]"],
  ['applied', "l.md:12:12: error: expected KIND/NAME (e.g. service/web, deploy/web) after 'applied' [expectation-parse]"],
  ['object web exists', "l.md:12:12: error: 'web' is not [NAMESPACE/]KIND/NAME with KIND pod, svc, deploy, rs or node [expectation-parse]"],
  [
    'object cm/x exists',
    "l.md:12:12: error: 'cm/x' is not [NAMESPACE/]KIND/NAME with KIND pod, svc, deploy, rs or node [expectation-parse]",
  ],
  ['object svc/web up', "l.md:12:20: error: unknown object state 'up' (expected exists, absent or ready) [expectation-parse]"],
  ['object pod/x ready 1', "l.md:12:24: error: a pod is ready or not: write 'ready' without a count [expectation-parse]"],
  ['object deploy/x ready many', "l.md:12:27: error: 'many' is not a count [expectation-parse]"],
  ['object svc/x exists now', "l.md:12:25: error: unexpected 'now' [expectation-parse]"],
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
  [
    'exit 0 [hiddn]',
    "l.md:12:13: error: unknown or malformed modifier 'hiddn' (known: hidden, simulator, points=N, id=NAME) [expectation-parse]",
  ],
  [
    'exit 0 [points=0]',
    "l.md:12:13: error: unknown or malformed modifier 'points=0' (known: hidden, simulator, points=N, id=NAME) [expectation-parse]",
  ],
  ['exit 0 [hidden] 1', 'l.md:12:21: error: only [modifiers] may follow a modifier [expectation-parse]'],
  ['exit 0 [hidden', "l.md:12:12: error: unterminated '[' modifier [expectation-parse]"],
  [
    'curl works',
    "l.md:12:5: error: expected '[any|all] SOURCE -> TARGET[:PORT] [udp|icmp] VERDICT', 'output [of N] contains|not-contains \"TEXT\"', 'output [of N] matches /REGEX/', 'exit [of N] CODE', 'applied KIND/NAME' or 'object KIND/NAME exists|absent|ready [N]' [expectation-parse]",
  ],
];

for (const [line, expected] of BAD) {
  test(`bad expectation ${JSON.stringify(line)}`, () => {
    const r = parseExpectation(`    ${line}`, AT);
    assert.equal(r.ok ? 'parsed' : formatDiagnostic(r.diagnostic), expected);
  });
}

/** Capture lines: what each good one yields, each bad one's exact error. */
const CAPTURES: [string, Record<string, unknown> | string][] = [
  ['capture IP = pod/busybox .status.podIP', { name: 'IP', from: { kind: 'object', ref: 'pod/busybox', field: '.status.podIP' } }],
  ['capture API = deploy/api .metadata.name', { name: 'API', from: { kind: 'object', ref: 'deploy/api', field: '.metadata.name' } }],
  ['capture P = app=api .metadata.name', { name: 'P', from: { kind: 'object', ref: 'app=api', field: '.metadata.name' } }],
  ['capture TTL = output /ttl=(\\d+)/', { name: 'TTL', from: { kind: 'output', regex: 'ttl=(\\d+)' } }],
  ['capture TTL = output of 2 /TTL=(\\d+)/i', { name: 'TTL', from: { kind: 'output', regex: 'TTL=(\\d+)', flags: 'i', line: 2 } }],
  ['capture 1X = pod/a .status.podIP', "l.md:12:13: error: '1X' is not a value name (letters, digits, _) [expectation-parse]"],
  [
    'capture IP pod/a .status.podIP',
    "l.md:12:16: error: expected 'capture NAME = KIND/NAME .FIELD' or 'capture NAME = output [of N] /REGEX/' [expectation-parse]",
  ],
  ['capture IP = busybox .status.podIP', "l.md:12:18: error: 'busybox' is not KIND/NAME, a label selector or output [expectation-parse]"],
  ['capture IP = pod/a status.podIP', "l.md:12:24: error: 'status.podIP' is not a .field (e.g. .status.podIP) [expectation-parse]"],
  ['capture IP = output "x"', "l.md:12:25: error: expected a /regex/ after 'output' [expectation-parse]"],
];

for (const [line, want] of CAPTURES) {
  test(`capture ${JSON.stringify(line)}`, () => {
    const r = parseCapture(`    ${line}`, AT);
    if (typeof want === 'string') {
      assert.equal(r.ok ? 'parsed' : formatDiagnostic(r.diagnostic), want);
      return;
    }
    assert.ok(r.ok, r.ok ? '' : formatDiagnostic(r.diagnostic));
    assert.deepEqual({ name: r.capture.name, from: r.capture.from }, want);
    assert.equal(r.capture.text, line);
  });
}
