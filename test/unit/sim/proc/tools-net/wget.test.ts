// wget: BusyBox against transcripts/wget-busybox-*.txt and lab captures; GNU Wget 1.21.3 (nodes) against lab
// captures, with the wall-clock parts masked (the "--date--" stamps and the transfer rate).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NGINX_WELCOME } from '../../../../../src/core/sim/proc/images/nginx-pages.ts';
import { wget } from '../../../../../src/core/sim/proc/bin/net/wget/index.ts';
import { addPod, head, lab, runTool, transcript } from './lab.ts';

const file = (dir: string, name: string) => readFileSync(new URL(`../../../../golden/tools/${dir}/${name}`, import.meta.url), 'utf8');
const listeners = { 82: { port: 82, protocol: 'TCP' as const, process: 'nc' } };

const BUSYBOX: { dir: string; file: string; pipeHead?: number }[] = [
  { dir: 'transcripts', file: 'wget-busybox-ok.txt', pipeHead: 3 },
  { dir: 'transcripts', file: 'wget-busybox-q-ok.txt', pipeHead: 2 },
  { dir: 'transcripts', file: 'wget-busybox-refused.txt' },
  { dir: 'lab', file: 'busybox-wget-404.txt' },
  { dir: 'lab', file: 'busybox-wget-spider.txt' },
  { dir: 'lab', file: 'busybox-wget-badaddr.txt' },
  { dir: 'lab', file: 'busybox-wget-empty.txt' },
];

for (const c of BUSYBOX) {
  test(`BusyBox wget matches ${c.dir}/${c.file}`, () => {
    const expected = file(c.dir, c.file);
    const cmd = expected.split('\n')[0].slice(2);
    const argv = cmd
      .replace(/^busybox /, '')
      .replace(/ \| head -\d+$/, '')
      .split(' ');
    const l = lab({ listeners });
    const r = runTool(l, wget, argv, { host: addPod(l, 'bb', 'busybox') });
    const out = c.pipeHead ? r.stderr + head(r.stdout, c.pipeHead) : r.both;
    assert.equal(transcript(cmd, r, out), expected);
  });
}

test('BusyBox wget -O FILE saves it (lab/busybox-wget-file.txt, the article page)', () => {
  const expected = file('lab', 'busybox-wget-file.txt');
  const l = lab({ page: NGINX_WELCOME });
  const r = runTool(l, wget, ['wget', '-O', 'x2.html', '10.200.0.2'], { host: addPod(l, 'bb', 'busybox') });
  assert.equal(transcript('cd /tmp && rm -f x2.html && busybox wget -O x2.html 10.200.0.2', r), expected);
  assert.equal(l.fs.files.get('/root/x2.html'), NGINX_WELCOME);
});

test('BusyBox wget: index.html exists without -O; -T times out; the default connect gives up with the kernel', () => {
  const l = lab();
  const host = addPod(l, 'bb', 'busybox');
  l.fs.files.set('/root/index.html', 'old');
  assert.equal(
    runTool(l, wget, ['wget', '10.200.0.2'], { host }).stderr,
    "Connecting to 10.200.0.2 (10.200.0.2:80)\nwget: can't open 'index.html': File exists\n",
  );
  const t = runTool(l, wget, ['wget', '-T', '2', '-qO-', '10.201.0.5'], { host });
  assert.deepEqual([t.stderr, t.code, t.sleptMs], ['wget: download timed out\n', 1, 2000]);
  const k = runTool(l, wget, ['wget', '-qO-', '10.201.0.5'], { host });
  assert.deepEqual([k.stderr, k.code], ["wget: can't connect to remote host (10.201.0.5): Connection timed out\n", 1]);
  const al = addPod(l, 'al', 'alpine');
  assert.equal(
    runTool(l, wget, ['wget', '-qO-', '10.200.0.99'], { host: al }).stderr,
    "wget: can't connect to remote host (10.200.0.99): Host is unreachable\n",
  );
});

const maskGnu = (t: string) =>
  t
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, '<DATE>')
    .replace(/100% +\S+=0s/, '100% <RATE>=0s')
    .replace(/\(\S+ [KMG]?B\/s\)/, '(<RATE>)');

for (const name of [
  'gnu-wget-refused.txt',
  'gnu-wget-404.txt',
  'gnu-wget-nxdomain.txt',
  'gnu-wget-spider.txt',
  'gnu-wget-timeout.txt',
  'gnu-wget-save.txt',
]) {
  test(`GNU wget on a node matches lab/${name} (dates and rates masked)`, () => {
    const expected = file('lab', name);
    const cmd = expected.split('\n')[0].slice(2);
    const argv = cmd.replace(/^cd \/tmp && rm -f index\.html && /, '').split(' ');
    const r = runTool(lab({ listeners, page: NGINX_WELCOME }), wget, argv);
    assert.equal(maskGnu(transcript(cmd, r)), maskGnu(expected));
  });
}
