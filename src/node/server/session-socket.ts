// The /ws endpoint: one WebSocket ⇄ one Session, JSON protocol messages, with size and in-flight caps.
import type { WebSocket } from 'ws';
import { isClientMessage, type ServerMessage } from '../../core/index.ts';
import type { SessionHub } from './session-hub.ts';

/** Requests a page may have queued at once; more are refused (the Session handles them one by one). */
export const MAX_IN_FLIGHT = 64;

/** Serve one connection; `resumeId` comes from the URL (?resume=). Everything is let go when the socket closes. */
export function serveSessionSocket(socket: WebSocket, hub: SessionHub, resumeId: string | undefined): void {
  const send = (m: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  const session = hub.attach(resumeId, send, () => socket.close(4000, 'podlab: this session was resumed by another page'));
  if (!session) {
    socket.close(1013, 'podlab: too many sessions; try again later');
    return;
  }
  let inFlight = 0;
  socket.on('message', (data, isBinary) => {
    let value: unknown;
    try {
      value = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      value = undefined;
    }
    const id = typeof (value as { id?: unknown } | undefined)?.id === 'number' ? (value as { id: number }).id : -1;
    if (!isClientMessage(value)) {
      send({ type: 'error', id, code: 'usage', message: 'not a podlab protocol message' });
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      send({ type: 'error', id, code: 'input-limit', message: `more than ${MAX_IN_FLIGHT} requests waiting; slow down` });
      return;
    }
    inFlight++;
    void session.handle(value).finally(() => inFlight--);
  });
  socket.on('close', () => hub.detach(session, send));
  socket.on('error', () => socket.terminate());
}
