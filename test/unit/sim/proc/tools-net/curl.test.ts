// curl against the reference lab: byte-for-byte equal to the transcripts in test/golden/tools/transcripts/
// (copied from ../shared/reference/transcripts/, real curl 7.88.1), plus flags and exit codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { curl } from '../../../../../src/core/sim/proc/bin/net/curl/index.ts';
import { addPod, head, lab, runTool, transcript } from './lab.ts';

const golden = (name: string) => readFileSync(new URL(`../../../../golden/tools/transcripts/${name}`, import.meta.url), 'utf8');

/** The average-speed column depends on the wall clock of the capture: masked on both sides (only there). */
const maskSpeed = (t: string) => t.replace(/(\r100 +\d+ +100 +\d+ +0 +0) +\S+/g, '$1 <avg>');

const CASES: { file: string; argv: string[]; pipeHead?: number; mask?: (t: string) => string }[] = [
  { file: 'curl-head.txt', argv: ['curl', '-sI', '10.200.0.2'] },
  { file: 'curl-ok.txt', argv: ['curl', '-s', '10.200.0.2'], pipeHead: 5 },
  { file: 'curl-refused.txt', argv: ['curl', '10.200.0.2:81'] },
  { file: 'curl-timeout.txt', argv: ['curl', '-m', '2', '10.201.0.5'] },
  { file: 'curl-unknown-host.txt', argv: ['curl', 'http://nosuchhost'] },
  { file: 'curl-verbose.txt', argv: ['curl', '-v', '-o', '/dev/null', '10.200.0.2'], mask: maskSpeed },
];

for (const c of CASES) {
  test(`curl matches transcripts/${c.file}`, () => {
    const r = runTool(lab(), curl, c.argv);
    const out = c.pipeHead ? head(r.stdout, c.pipeHead) + r.stderr : r.both;
    const cmd = golden(c.file).split('\n')[0].slice(2);
    const mask = c.mask ?? ((t: string) => t);
    assert.equal(mask(transcript(cmd, r, out)), mask(golden(c.file)));
  });
}

test('curl on a terminal prints the body and no progress meter', () => {
  const r = runTool(lab(), curl, ['curl', '10.200.0.2'], { tty: true });
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /^<!DOCTYPE html>/);
  assert.equal(r.code, 0);
});

test('curl -I on a terminal styles header names in bold (curl 7.88 does)', () => {
  const r = runTool(lab(), curl, ['curl', '-I', '10.200.0.2'], { tty: true });
  assert.match(r.stdout, /^HTTP\/1\.1 200 OK\r\n\x1b\[1mServer\x1b\[0m: nginx\/1\.22\.1\r\n/);
});

test('exit codes and messages: 52 empty reply, 22 with -f, 3 bad port, 1 unknown protocol, 2 bad option', () => {
  const l = lab({ listeners: { 82: { port: 82, protocol: 'TCP', process: 'nc' } } });
  const table: [string[], number, string][] = [
    [['curl', '-sS', '10.200.0.2:82'], 52, 'curl: (52) Empty reply from server\n'],
    [['curl', '-sSf', '10.200.0.2/nope'], 22, 'curl: (22) The requested URL returned error: 404\n'],
    [['curl', '-sf', '10.200.0.2/nope'], 22, ''],
    [['curl', 'http://10.200.0.2:99999/'], 3, 'curl: (3) URL using bad/illegal format or missing URL\n'],
    [['curl', 'ftp2://x'], 1, 'curl: (1) Protocol "ftp2" not supported or disabled in libcurl\n'],
    [['curl', '--bogus'], 2, "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n"],
    [['curl'], 2, "curl: try 'curl --help' or 'curl --manual' for more information\n"],
    [
      ['curl', '-sS', '--connect-timeout', '2', '10.201.0.5'],
      28,
      'curl: (28) Failed to connect to 10.201.0.5 port 80 after 2002 ms: Timeout was reached\n',
    ],
    [['curl', '-sS', '10.200.0.99'], 7, "curl: (7) Failed to connect to 10.200.0.99 port 80 after 3050 ms: Couldn't connect to server\n"],
  ];
  for (const [argv, code, err] of table) {
    const r = runTool(l, curl, argv);
    assert.equal(r.code, code, argv.join(' '));
    assert.equal(r.stderr, err, argv.join(' '));
  }
});

test('without -m a silent address fails after the kernel gives up on SYNs (exit 28, as observed)', () => {
  const r = runTool(lab(), curl, ['curl', '-sS', '10.201.0.5']);
  assert.equal(r.code, 28);
  assert.equal(r.stderr, "curl: (28) Failed to connect to 10.201.0.5 port 80 after 133411 ms: Couldn't connect to server\n");
  assert.equal(r.sleptMs, 133411);
});

test('a cell budget cuts a hanging curl at once, with nothing more printed', () => {
  const r = runTool(lab(), curl, ['curl', '10.201.0.5'], { budgetMs: 5000, tty: true });
  assert.equal(r.both, '');
  assert.equal(r.sleptMs, 5000);
});

test('-w prints write-out variables, 000 when nothing answered', () => {
  const l = lab();
  assert.equal(
    runTool(l, curl, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code} %{remote_ip}:%{remote_port} %{size_download}\\n', '10.200.0.2'])
      .stdout,
    '200 10.200.0.2:80 615\n',
  );
  assert.equal(runTool(l, curl, ['curl', '-s', '-w', '%{http_code}', '10.200.0.2:81']).stdout, '000');
});

test('-o writes the file, -O names it after the path, -i prefixes the head', () => {
  const l = lab();
  runTool(l, curl, ['curl', '-s', '-o', 'page.html', '10.200.0.2']);
  assert.equal(l.fs.files.get('/root/page.html')?.length, 615);
  const r = runTool(l, curl, ['curl', '-si', '10.200.0.2/x']);
  assert.match(r.stdout, /^HTTP\/1\.1 404 Not Found\r\nServer: nginx\/1\.22\.1\r\n[\s\S]*\r\n\r\n<html>\r\n/);
  const o = runTool(l, curl, ['curl', '-O', '10.200.0.2/']);
  assert.equal(o.code, 23);
  assert.match(o.stderr, /curl: Remote file name has no length!\n/);
});

test('-v -H -X shape the request; -H "Accept:" removes a header', () => {
  const r = runTool(lab(), curl, ['curl', '-s', '-v', '-X', 'POST', '-H', 'X-A: b', '-H', 'Accept:', '-o', '/dev/null', '10.200.0.2/nope']);
  assert.match(r.stderr, /> POST \/nope HTTP\/1\.1\r\n> Host: 10\.200\.0\.2\r\n> User-Agent: curl\/7\.88\.1\r\n> X-A: b\r\n> \r\n/);
});

test('curl resolves names through the dataplane (search domains), from a pod too', () => {
  const l = lab({ names: { 'web.default.svc.cluster.local': '10.200.0.2' } });
  const host = addPod(l, 'client', 'curlimages/curl');
  const r = runTool(l, curl, ['curl', '-s', 'web'], { host });
  assert.equal(r.code, 0);
  assert.ok(l.net.calls.includes('connect 10.200.0.2:80/TCP'));
});
