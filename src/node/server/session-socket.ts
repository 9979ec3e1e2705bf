// The /ws endpoint: one WebSocket ⇄ one session, JSON protocol messages checked field by field, with size and in-flight caps.
import type { WebSocket } from 'ws';
import { checkClientMessage, type ServerMessage } from '../../core/index.ts';
import type { SessionHub } from './session-hub.ts';

/** Requests a page may have queued at once; more are refused (the session handles them one by one). */
export const MAX_IN_FLIGHT = 64;

/** Serve one connection of `client` (its remote address); `resumeId` comes from the URL (?resume=). Everything is let go when the socket closes. */
export function serveSessionSocket(socket: WebSocket, hub: SessionHub, resumeId: string | undefined, client = 'unknown'): void {
  const send = (m: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  const session = hub.attach(resumeId, client, send, () => socket.close(4000, 'podlab: this session was resumed by another page'));
  if (session === 'client-full') {
    socket.close(1013, `podlab: at most ${hub.limits.maxPerClient} sessions per address; close a tab or try again later`);
    return;
  }
  if (session === 'server-full') {
    socket.close(1013, 'podlab: too many sessions; try again later');
    return;
  }
  let inFlight = 0;
  socket.on('message', (data, isBinary) => {
    let value: unknown;
    try {
      value = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      send({ type: 'error', id: -1, code: 'usage', message: 'not a podlab protocol message (not JSON text)' });
      return;
    }
    const checked = checkClientMessage(value);
    if (!checked.ok) {
      send({ type: 'error', id: checked.id, code: 'usage', message: checked.error });
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      send({
        type: 'error',
        id: checked.message.id,
        code: 'input-limit',
        message: `more than ${MAX_IN_FLIGHT} requests waiting; slow down`,
      });
      return;
    }
    inFlight++;
    hub.touch(session);
    void session.handle(checked.message).finally(() => inFlight--);
  });
  socket.on('close', () => hub.detach(session, send));
  socket.on('error', () => socket.terminate());
}
