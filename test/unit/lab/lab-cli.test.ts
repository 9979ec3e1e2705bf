// `podlab lab`'s refusals at start: a host shell is never offered, and a database that cannot be opened is a clear
// error (exit 2, one line, no stack trace) — for a PostgreSQL server as for the embedded database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../helpers/cli.ts';

const LESSON = 'lessons/exercises/service-basics.md';
const STACK = /\n\s+at /;

test('--shell is refused by lab, before anything starts', async () => {
  const r = await runCli(['lab', LESSON, '--shell', '--port', '0']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /podlab lab never offers a host shell: --shell is refused/);
  assert.doesNotMatch(r.stderr, STACK);
  assert.equal(r.stdout, '');
});

test('a database unavailable at start is a clear error, not a stack trace', async () => {
  const pg = await runCli(['lab', LESSON, '--port', '0', '--db', 'postgres://nobody:secret@127.0.0.1:1/none']);
  assert.equal(pg.code, 2);
  assert.match(pg.stderr, /cannot open the PostgreSQL database at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: /);
  assert.doesNotMatch(pg.stderr, /secret/, 'the password is not printed');
  assert.doesNotMatch(pg.stderr, STACK);
  assert.equal(pg.stdout, '', 'no join link for a lab that did not start');

  // The embedded database's directory cannot be made (a file stands where it would be).
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-lab-cli-'));
  try {
    const file = path.join(dir, 'taken');
    await writeFile(file, 'not a directory\n');
    const embedded = await runCli(['lab', LESSON, '--port', '0', '--data', file]);
    assert.equal(embedded.code, 2);
    assert.match(embedded.stderr, new RegExp(`cannot open the embedded database in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    assert.doesNotMatch(embedded.stderr, STACK);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const sessions = await runCli(['lab', LESSON, '--port', '0', '--sessions', 'threads']);
  assert.equal(sessions.code, 2);
  assert.match(sessions.stderr, /--sessions takes pool \(learners share host processes\) or process \(a process each\), not "threads"/);
  const size = await runCli(['lab', LESSON, '--port', '0', '--pool-size', '0']);
  assert.equal(size.code, 2);
  assert.match(size.stderr, /--pool-size takes a number of host processes from 1 to 256, not "0"/);

  const replica = await runCli(['lab', LESSON, '--port', '0', '--replica']);
  assert.equal(replica.code, 2);
  assert.match(replica.stderr, /--replica needs --db postgres:\/\//);
});
