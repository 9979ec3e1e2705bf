// The kube backend's pure parts: reading a probe client's words, terminal text, shell words, node mapping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as k8s from '@kubernetes/client-node';
import { plainText } from '../../../src/node/backends/kube/ansi.ts';
import { mapNodes } from '../../../src/node/backends/kube/node-map.ts';
import { readProbeOutput } from '../../../src/node/backends/kube/probe-script.ts';
import { simpleCommandWords } from '../../../src/core/shell-words.ts';

const PROBE_OUTPUTS: [string, string, string][] = [
  ['PODLAB_PROBE curl 0\n*   Trying 10.0.0.5:80...\n* Connected to 10.0.0.5 (10.0.0.5) port 80\n', 'tcp', 'ok'],
  ['PODLAB_PROBE curl 7\n* connect to 10.0.0.5 port 81 failed: Connection refused\n', 'tcp', 'refused'],
  ['PODLAB_PROBE curl 28\n* Connection timed out after 3001 milliseconds\n', 'tcp', 'timeout'],
  ['PODLAB_PROBE curl 6\n* Could not resolve host: nope\n', 'tcp', 'nxdomain'],
  ['PODLAB_PROBE curl 7\n* connect to 10.9.0.1 port 80 failed: No route to host\n', 'tcp', 'no-route'],
  ['PODLAB_PROBE wget 0\n\n', 'tcp', 'ok'],
  ['PODLAB_PROBE wget 1\nwget: server returned error: HTTP/1.1 404 Not Found\n', 'tcp', 'ok'],
  ["PODLAB_PROBE wget 1\nwget: can't connect to remote host (10.0.0.5): Connection refused\n", 'tcp', 'refused'],
  ["PODLAB_PROBE wget 1\nwget: bad address 'nope'\n", 'tcp', 'nxdomain'],
  ['PODLAB_PROBE wget 1\nwget: download timed out\n', 'tcp', 'timeout'],
  ['PODLAB_PROBE nc 0\nConnection to 10.0.0.5 80 port [tcp/http] succeeded!\n', 'tcp', 'ok'],
  ['PODLAB_PROBE bash 124\n\n', 'tcp', 'timeout'],
  ['PODLAB_PROBE ping 0\n1 packets transmitted, 1 packets received, 0% packet loss\n', 'icmp', 'ok'],
  ['PODLAB_PROBE ping 1\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n', 'icmp', 'timeout'],
  ['PODLAB_PROBE none 127\n\n', 'tcp', 'error'],
  ['OCI runtime exec failed: exec: "sh": executable file not found in $PATH', 'tcp', 'error'],
];

for (const [text, protocol, want] of PROBE_OUTPUTS) {
  test(`probe output ${JSON.stringify(text.split('\n')[1] ?? text).slice(0, 60)} (${protocol}) is ${want}`, () => {
    assert.equal(readProbeOutput(text, protocol).outcome, want);
  });
}

test('terminal text: escapes removed, CRLF to LF, a carriage-return overwrite keeps what was written last', () => {
  assert.equal(plainText('\x1b[?2004h\x1b[1;32mok\x1b[0m\r\nnext\r\n'), 'ok\nnext\n');
  assert.equal(plainText('\x1b]0;title\x07a\rb\r\n'), 'b\n');
});

test('shell words: quotes and escapes; lines with operators are not simple commands', () => {
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
  assert.equal(simpleCommandWords('echo a | grep a'), undefined);
  assert.equal(simpleCommandWords("echo 'open"), undefined);
});

const node = (name: string, controlPlane: boolean, lessonNode?: string): k8s.V1Node => ({
  metadata: {
    name,
    labels: {
      ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      ...(lessonNode ? { 'podlab.dev/lesson-node': lessonNode } : {}),
    },
  },
});

test('node mapping: by the kind label, by equal name, else by role in order (round robin past the end)', () => {
  const lesson = [
    { name: 'm1', role: 'control-plane' as const },
    { name: 'w1', role: 'worker' as const },
    { name: 'w2', role: 'worker' as const },
    { name: 'w3', role: 'worker' as const },
  ];
  const labelled = mapNodes(lesson, [
    node('k-cp', true, 'm1'),
    node('k-w', false, 'w1'),
    node('k-w2', false, 'w2'),
    node('k-w3', false, 'w3'),
  ]);
  assert.deepEqual(
    [...labelled],
    [
      ['m1', 'k-cp'],
      ['w1', 'k-w'],
      ['w2', 'k-w2'],
      ['w3', 'k-w3'],
    ],
  );
  const byRole = mapNodes(lesson, [node('cp', true), node('b', false), node('a', false), node('w2', false)]);
  assert.deepEqual(
    [...byRole],
    [
      ['w2', 'w2'],
      ['m1', 'cp'],
      ['w1', 'a'],
      ['w3', 'b'],
    ],
  );
});
