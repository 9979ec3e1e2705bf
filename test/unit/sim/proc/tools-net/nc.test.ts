// nc: OpenBSD netcat against transcripts/nc-*.txt and lab captures; BusyBox's small build (Debian) against
// transcripts/busybox-nc-ok.txt, and the NC_110_COMPAT build of the Docker busybox/Alpine images.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { nc, ncWith } from '../../../../../src/core/sim/proc/bin/net/nc/index.ts';
import type { Tool } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { toolEnv } from '../../../../../src/core/sim/proc/bin/net/where.ts';
import { addPod, lab, runTool, transcript } from './lab.ts';

const file = (dir: string, name: string) => readFileSync(new URL(`../../../../golden/tools/${dir}/${name}`, import.meta.url), 'utf8');
const names = { 'nginx.default.svc.cluster.local': '10.200.0.2' };

for (const [dir, name] of [
  ['transcripts', 'nc-ok.txt'],
  ['transcripts', 'nc-refused.txt'],
  ['lab', 'nc-name-ok.txt'],
  ['lab', 'nc-silent-w.txt'],
  ['lab', 'nc-unknown-host.txt'],
]) {
  test(`OpenBSD nc matches ${dir}/${name}`, () => {
    const expected = file(dir, name);
    const cmd = expected.split('\n')[0].slice(2);
    assert.equal(transcript(cmd, runTool(lab({ names }), nc, cmd.split(' '))), expected);
  });
}

test("Debian BusyBox nc has no -z: transcripts/busybox-nc-ok.txt; the Docker image's build has", () => {
  const expected = file('transcripts', 'busybox-nc-ok.txt');
  const l = lab();
  const host = addPod(l, 'bb', 'busybox');
  const docker = runTool(l, nc, ['nc', '-zv', '10.200.0.2', '80'], { host });
  assert.deepEqual(pick(docker), ['10.200.0.2 (10.200.0.2:80) open\n', 0]);
  // The catalog has no image with Debian's package build: pin it through ncWith.
  const debian: Tool = (ctx) =>
    ncWith(ctx, {
      ...toolEnv(ctx, 'nc'),
      busybox: { applets: ['nc'], banner: 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.', ncBloaty: false },
    });
  const small = runTool(l, debian, ['nc', '-zv', '10.200.0.2', '80'], { host });
  assert.equal(transcript('busybox nc -zv 10.200.0.2 80', small), expected);
});

test('BusyBox nc (NC_110_COMPAT): one -v is quiet on refusal, -vv names it; -w times out in musl words on Alpine', () => {
  const l = lab();
  const bb = addPod(l, 'bb', 'busybox');
  assert.deepEqual(pick(runTool(l, nc, ['nc', '-zv', '10.200.0.2', '81'], { host: bb })), ['', 1]);
  assert.deepEqual(pick(runTool(l, nc, ['nc', '-zvv', '10.200.0.2', '81'], { host: bb })), [
    'nc: 10.200.0.2 (10.200.0.2:81): Connection refused\n',
    1,
  ]);
  const al = addPod(l, 'al', 'alpine');
  assert.deepEqual(pick(runTool(l, nc, ['nc', '-zv', '-w', '2', '10.201.0.5', '80'], { host: al })), [
    'nc: 10.201.0.5 (10.201.0.5:80): Operation timed out\n',
    1,
  ]);
  assert.deepEqual(pick(runTool(l, nc, ['nc', '-zv', 'nosuch', '80'], { host: al })), ["nc: bad address 'nosuch'\n", 1]);
});

test('nc HOST PORT with an HTTP request on stdin prints the raw response', () => {
  const r = runTool(lab(), nc, ['nc', '10.200.0.2', '80'], { stdin: 'HEAD / HTTP/1.1\r\nHost: 10.200.0.2\r\n\r\n' });
  assert.match(r.stdout, /^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.22\.1\r\n/);
});

const pick = (r: { stderr: string; code: number }) => [r.stderr, r.code];
