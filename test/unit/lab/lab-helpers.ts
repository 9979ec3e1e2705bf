// Test clients of the lab's WebSocket: a hello first, then the session protocol (learner) or dashboard messages.
import { WebSocket } from 'ws';

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
