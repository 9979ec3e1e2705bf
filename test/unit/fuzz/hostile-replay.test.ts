// Replays test/fixtures/hostile/lines.txt (issue 9 findings and every crash the fuzzers found) through
// `podlab shell` (a child process, as a learner types) and `podlab run` (each line a cell of one lesson).
// Neither may crash, print a stack trace or lose the session; each line ends with its stated class of outcome.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../helpers/cli.ts';

const FIXTURES = 'test/fixtures/hostile';
const LIMIT = /value too large|variables too large|nesting too deep|too many lines|expression recursion level exceeded|pattern too complex/;
const STACK = /\n\s+at [^\n]*:\d+:\d+|RangeError|TypeError|Maximum call stack/;

interface Row {
  cls: 'limit' | 'ok' | 'error' | 'stopped';
  line: string;
}

const ROWS: Row[] = readFileSync(join(FIXTURES, 'lines.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const [cls, line] = [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)];
    assert.ok(cls === 'limit' || cls === 'ok' || cls === 'error' || cls === 'stopped', `bad class ${cls}`);
    return { cls, line: line.replace(/\\n/g, '\n') };
  });

const marker = (i: number): string => `@@hostile-${i}@@`;

/** The output after each marker, up to the next one. */
function outputs(text: string): string[] {
  return ROWS.map((_, i) => {
    const start = text.indexOf(`${marker(i)}\n`);
    assert.ok(start >= 0, `marker ${i} missing: the session did not reach line ${i}`);
    const from = start + marker(i).length + 1;
    const end = i + 1 < ROWS.length ? text.indexOf(`${marker(i + 1)}\n`, from) : text.length;
    return text.slice(from, end < 0 ? text.length : end);
  });
}

function assertClass(row: Row, out: string, where: string): void {
  const short = row.line.length > 80 ? `${row.line.slice(0, 77)}...` : row.line;
  assert.doesNotMatch(out, STACK, `${where}: stack trace for ${short}`);
  if (row.cls === 'limit') assert.match(out, LIMIT, `${where}: no limit message for ${short}`);
  else assert.doesNotMatch(out, LIMIT, `${where}: unexpected limit for ${short}`);
  if (row.cls === 'error') assert.match(out, /grep:|sed:|awk:|bash:|sh:/, `${where}: no error for ${short}`);
  if (row.cls === 'stopped') assert.match(out, /status=130|stopped: the cell ran past its time budget/, `${where}: not stopped: ${short}`);
  if (row.cls !== 'stopped') assert.doesNotMatch(out, /status=130|stopped: the cell ran past/, `${where}: stopped: ${short}`);
}

test('hostile lines typed into podlab shell: each ends with its class, the shell survives them all', { timeout: 300_000 }, () => {
  const input = ROWS.flatMap((r, i) => [`echo ${marker(i)}`, r.line, 'echo status=$?']).join('\n') + '\necho survived\nexit\n';
  const r = spawnSync(process.execPath, ['bin/podlab.js', 'shell', join(FIXTURES, 'lesson.md')], {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 280_000,
  });
  assert.equal(r.status, 0, r.stderr.slice(0, 2000));
  assert.doesNotMatch(r.stderr, STACK);
  // The transcript echoes each typed line after its prompt; the marker lines are found by their output.
  const text = r.stdout.replace(/^.*# echo @@hostile-\d+@@\n/gm, '');
  outputs(text).forEach((out, i) => assertClass(ROWS[i], out.replace(/^.*# .*\n/gm, ''), 'podlab shell'));
  assert.match(r.stdout, /\nsurvived\n/);
});

test('hostile lines as the cells of one lesson: podlab run reports them and ends normally', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-hostile-'));
  const head = readFileSync(join(FIXTURES, 'lesson.md'), 'utf8');
  // A tilde fence, so that no hostile line can close it.
  const cells = ROWS.map((r, i) => `\n## Line ${i}\n\n~~~~sh run timeout=600s\necho ${marker(i)}\n${r.line}\n~~~~\n`).join('');
  const file = join(dir, 'hostile.md');
  writeFileSync(file, head + cells);
  const r = await runCli(['run', file]);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr.slice(0, 2000)}`);
  assert.doesNotMatch(r.stderr, STACK);
  outputs(r.stdout).forEach((out, i) => assertClass(ROWS[i], out, 'podlab run'));
});
