// SocketTransport: the served page's runner, a Session on the podlab server behind a WebSocket.
import type { ClientMessage, ServerMessage } from '../../src/core/runtime/protocol.ts';
import { isServerMessage, type Transport } from './transport.ts';

/** The WebSocket URL of the server's session endpoint, resuming `sessionId` when given. */
export function sessionSocketUrl(pageUrl: string, root: string, sessionId?: string): string {
  const url = new URL(`${root}ws`, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (sessionId) url.searchParams.set('resume', sessionId);
  return url.href;
}

export class SocketTransport implements Transport {
  private readonly socket: WebSocket;
  /** Messages sent before the socket opened, flushed on open. */
  private readonly backlog: string[] = [];
  private closeListener?: (reason: string) => void;
  private disposed = false;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.addEventListener('open', () => {
      for (const text of this.backlog.splice(0)) this.socket.send(text);
    });
    this.socket.addEventListener('close', (e) => {
      if (!this.disposed) this.closeListener?.(e.reason || `the connection to the podlab server closed (code ${e.code})`);
    });
  }

  send(message: ClientMessage): void {
    const text = JSON.stringify(message);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.backlog.push(text);
  }

  onMessage(receiver: (message: ServerMessage) => void): void {
    this.socket.addEventListener('message', (e: MessageEvent<unknown>) => {
      if (typeof e.data !== 'string') return;
      let value: unknown;
      try {
        value = JSON.parse(e.data);
      } catch {
        return;
      }
      if (isServerMessage(value)) receiver(value);
    });
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListener = listener;
  }

  dispose(): void {
    this.disposed = true;
    this.socket.close(1000, 'page closed');
  }
}
