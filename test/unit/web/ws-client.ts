// A test WebSocket client of the session protocol: collects every message and answers `request` by id.
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../../src/core/runtime/protocol.ts';

export interface TestClient {
  ws: WebSocket;
  messages: ServerMessage[];
  request(m: object): Promise<ServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
}

export async function connectClient(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const ws = new WebSocket(url, { headers });
  const messages: ServerMessage[] = [];
  const waiters = new Map<number, (m: ServerMessage) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as ServerMessage;
    messages.push(m);
    if ('id' in m) waiters.get(m.id)?.(m);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let next = 1;
  return {
    ws,
    messages,
    closed,
    request: (m) =>
      new Promise((resolve) => {
        const id = next++;
        waiters.set(id, resolve);
        ws.send(JSON.stringify({ ...m, id }));
      }),
  };
}
