// Test clients of the lab's WebSocket: a hello first, then the session protocol (learner) or dashboard messages.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WebSocket } from 'ws';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** A `podlab lab` process started by a test: its join base URL, join code and instructor token (if it printed one). */
export interface LabProcess {
  child: ChildProcess;
  base: string;
  code: string;
  instructor?: string;
}

/** Start `podlab lab LESSON ARGS…` on port 0; resolves once it printed where learners join. */
export function startLabProcess(lesson: string, args: string[], children: ChildProcess[]): Promise<LabProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/podlab.js'), 'lab', lesson, '--port', '0', ...args], {
    env: { ...process.env, PODLAB_FROM_SOURCE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
    if (process.env.LAB_TRACE) process.stderr.write(`[lab ${child.pid}] ${d.toString()}`);
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const join = /learners join at: (http:\/\/[^ ]+\/)lab\/join\?code=(\w+)/.exec(out);
      const inst = /instructor \(keep it private\): \S+#(\S+)/.exec(out);
      if (join && (inst || /instructor: /.test(out))) resolve({ child, base: join[1], code: join[2], instructor: inst?.[1] });
    });
    child.once('exit', (code) => reject(new Error(`podlab lab exited ${code}: ${err}`)));
  });
}

export interface LabClient {
  ws: WebSocket;
  messages: Record<string, unknown>[];
  /** Resolves with the first message (after `from`) that `match` accepts. */
  next(match: (m: Record<string, unknown>) => boolean, from?: number): Promise<Record<string, unknown>>;
  request(m: object): Promise<Record<string, unknown>>;
  closed: Promise<{ code: number; reason: string }>;
}

export async function labClient(base: string, hello: object | undefined, headers: Record<string, string> = {}): Promise<LabClient> {
  const ws = new WebSocket(base.replace(/^http/, 'ws') + 'lab/ws', { headers });
  const messages: Record<string, unknown>[] = [];
  const listeners = new Set<() => void>();
  ws.on('message', (d) => {
    messages.push(JSON.parse(d.toString()) as Record<string, unknown>);
    if (process.env.LAB_TRACE) console.error('<<', d.toString().slice(0, 160));
    for (const l of listeners) l();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  if (hello) ws.send(JSON.stringify(hello));
  const next = (match: (m: Record<string, unknown>) => boolean, from = 0) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const look = () => {
        const found = messages.slice(from).find(match);
        if (found) {
          listeners.delete(look);
          resolve(found);
        }
      };
      listeners.add(look);
      void closed.then((c) => {
        listeners.delete(look);
        reject(new Error(`socket closed ${c.code} ${c.reason}`));
      });
      look();
    });
  let id = 1000;
  return {
    ws,
    messages,
    closed,
    next,
    request: (m) => {
      const mine = ++id;
      const from = messages.length;
      ws.send(JSON.stringify({ ...m, id: mine }));
      return next((x) => x.id === mine, from);
    },
  };
}

export async function joinLab(
  base: string,
  code: string,
  name: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; token?: string; learnerId?: string; text: string }> {
  const r = await fetch(new URL('lab/join', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code, name }),
  });
  const text = await r.text();
  if (r.status !== 200) return { status: r.status, text };
  const j = JSON.parse(text) as { token: string; learnerId: string };
  return { status: 200, token: j.token, learnerId: j.learnerId, text };
}
