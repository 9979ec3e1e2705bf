// Table-driven tests of the fence info-string tokenizer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInfoString, type InfoString } from '../../../src/core/lesson/index.ts';

const GOOD: [string, Omit<InfoString, 'errors'>][] = [
  ['', { lang: '', attrs: [] }],
  ['yaml', { lang: 'yaml', attrs: [] }],
  ['yaml file=nginx_pod.yaml', { lang: 'yaml', attrs: [{ name: 'file', value: 'nginx_pod.yaml', offset: 5 }] }],
  ['sh run', { lang: 'sh', attrs: [{ name: 'run', offset: 3 }] }],
  [
    '  sh   run  on=henry003 ',
    {
      lang: 'sh',
      attrs: [
        { name: 'run', offset: 7 },
        { name: 'on', value: 'henry003', offset: 12 },
      ],
    },
  ],
  [
    'sh run in=ns/mypod container=c timeout=10s',
    {
      lang: 'sh',
      attrs: [
        { name: 'run', offset: 3 },
        { name: 'in', value: 'ns/mypod', offset: 7 },
        { name: 'container', value: 'c', offset: 19 },
        { name: 'timeout', value: '10s', offset: 31 },
      ],
    },
  ],
  [
    'text title="two words" x',
    {
      lang: 'text',
      attrs: [
        { name: 'title', value: 'two words', offset: 5 },
        { name: 'x', offset: 23 },
      ],
    },
  ],
  ['text t="say \\"hi\\" \\\\"', { lang: 'text', attrs: [{ name: 't', value: 'say "hi" \\', offset: 5 }] }],
  ['text t=\'single "q"\'', { lang: 'text', attrs: [{ name: 't', value: 'single "q"', offset: 5 }] }],
  ['file=a.yaml', { lang: '', attrs: [{ name: 'file', value: 'a.yaml', offset: 0 }] }],
  ['sh empty=', { lang: 'sh', attrs: [{ name: 'empty', value: '', offset: 3 }] }],
  ['sh a=b=c', { lang: 'sh', attrs: [{ name: 'a', value: 'b=c', offset: 3 }] }],
];

for (const [info, expected] of GOOD) {
  test(`info string ${JSON.stringify(info)}`, () => {
    assert.deepEqual(parseInfoString(info), { ...expected, errors: [] });
  });
}

const BAD: [string, string, number][] = [
  ['sh t="open', 'unterminated " quote', 5],
  ["sh t='open", "unterminated ' quote", 5],
  ['sh t="a"b', 'expected whitespace after a quoted value', 8],
  ['sh =x', "malformed attribute name ''", 3],
  ['sh 9x=1', "malformed attribute name '9x'", 3],
  ['sh run $x', "malformed attribute '$x'", 7],
];

for (const [info, message, offset] of BAD) {
  test(`bad info string ${JSON.stringify(info)}: ${message}`, () => {
    assert.deepEqual(parseInfoString(info).errors, [{ message, offset }]);
  });
}
