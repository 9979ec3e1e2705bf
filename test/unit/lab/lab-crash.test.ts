// Crash-proof by replay: a lab process is killed with SIGKILL after acknowledging a learner's inputs; a new process
// on the same data directory rebuilds the learner's session from the stored inputs, and the learner's reconnecting
// page finds its transcript and its cluster as they were. Nothing acknowledged is lost. In both session modes: the
// default pool of shared host processes, and a process per learner (`--sessions process`).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { joinLab, labClient, startLabProcess } from './lab-helpers.ts';
import { freshPgliteDir } from './pglite-template.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const LESSON = path.join(ROOT, 'lessons/exercises/service-basics.md');
const children: ChildProcess[] = [];
const dirs: string[] = [];
after(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/**
 * Start `podlab lab` on the data directory, its sessions in a pool of host processes or in a process each. The killed
 * process never releases its lease on the learner: the restarted one waits for it to lapse, so a short lease period
 * (renewed every second; no other instance wants the learner) keeps that wait short.
 */
async function startLab(data: string, sessions: string): Promise<{ child: ChildProcess; base: string; code: string; instructor: string }> {
  const p = await startLabProcess(LESSON, ['--data', data, '--sessions', sessions, '--lease-seconds', '3'], children);
  return { ...p, instructor: p.instructor! };
}

for (const sessions of ['pool', 'process'])
  test(
    `kill -9 and restart (--sessions ${sessions}): the learner reconnects and finds transcript and cluster; zero lost inputs`,
    { timeout: 600_000 },
    () => crashAndRestart(sessions),
  );

async function crashAndRestart(sessions: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-lab-crash-'));
  dirs.push(dir);
  await freshPgliteDir(dir);
  const first = await startLab(dir, sessions);
  const j = await joinLab(first.base, first.code, 'Ada');
  assert.equal(j.status, 200, j.text);
  const c = await labClient(first.base, { type: 'learner', token: j.token });
  await c.next((m) => m.type === 'lab-welcome');
  assert.equal((await c.request({ type: 'open', lessonId: 'service-basics' })).type, 'opened');
  assert.equal((await c.request({ type: 'terminal-open', terminalId: 't' })).type, 'terminal-opened');
  const lines = [
    'kubectl run crash-probe --image=nginx',
    'kubectl label pod crash-probe tier=front',
    'echo acknowledged > /root/exercise/note.txt',
  ];
  for (const line of lines) assert.equal((await c.request({ type: 'terminal-line', terminalId: 't', line })).type, 'terminal-result', line);
  first.child.kill('SIGKILL');
  await c.closed;

  const second = await startLab(dir, sessions);
  assert.equal(second.code, first.code, 'the restarted lab is the same lab');
  assert.notEqual(second.instructor, first.instructor, 'a restart prints a fresh instructor link');
  const again = await labClient(second.base, { type: 'learner', token: j.token });
  const welcome = await again.next((m) => m.type === 'lab-welcome');
  assert.equal(welcome.lessonId, 'service-basics');
  assert.deepEqual(welcome.terminals, ['t']);
  const transcript = welcome.transcript as { input: string; output: string }[];
  // Every acknowledged input is there, in order.
  assert.deepEqual(
    transcript.filter((e) => e.input.startsWith('$ ')).map((e) => e.input.slice(2)),
    lines,
  );
  assert.match(transcript.find((e) => e.input.includes('kubectl run'))!.output, /pod\/crash-probe created/);
  // The cluster is the one left behind: the Pod, its label, the file.
  const pods = await again.request({ type: 'terminal-line', terminalId: 't', line: 'kubectl get pods -l tier=front -o name' });
  assert.match(JSON.stringify(pods), /pod\/crash-probe/);
  const note = await again.request({ type: 'terminal-line', terminalId: 't', line: 'cat /root/exercise/note.txt' });
  assert.match(JSON.stringify(note), /acknowledged/);
  // The instructor's old link died with the old process; the new one works.
  const old = await labClient(second.base, { type: 'instructor', token: first.instructor });
  assert.equal((await old.closed).code, 4401);
  const dash = await labClient(second.base, { type: 'instructor', token: second.instructor });
  const d = await dash.next((m) => m.type === 'dashboard');
  assert.deepEqual(
    (d.learners as { name: string }[]).map((l) => l.name),
    ['Ada'],
  );
  again.ws.close();
  dash.ws.close();
  second.child.kill('SIGTERM');
}
