// SocketTransport: the served page's runner, a Session on the podlab server behind a WebSocket that reconnects with backoff.
import type { ClientMessage, ServerMessage } from '../../src/core/page.ts';
import { backoffDelay } from './backoff.ts';
import { isServerMessage, type LinkState, type Transport } from './transport.ts';

/** The WebSocket URL of the server's session endpoint, resuming `sessionId` when given. */
export function sessionSocketUrl(pageUrl: string, root: string, sessionId?: string): string {
  const url = new URL(`${root}ws`, pageUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (sessionId) url.searchParams.set('resume', sessionId);
  return url.href;
}

/** Close codes after which reconnecting would be wrong: another page took this session over. */
const FINAL_CODES = new Set([4000]);

export class SocketTransport implements Transport {
  private socket!: WebSocket;
  private readonly url: () => string;
  /** Messages sent before the first connection opened, flushed on open. */
  private backlog: string[] = [];
  private receiver?: (message: ServerMessage) => void;
  private closeListener?: (reason: string) => void;
  private linkListener?: (state: LinkState) => void;
  /** Failed connection attempts since the last open one (0 while connected). */
  private attempt = 0;
  private lost = false;
  private retry?: ReturnType<typeof setTimeout>;
  private disposed = false;

  /** `url` is asked again for every attempt, so a reconnection resumes the latest session id. */
  constructor(url: string | (() => string)) {
    this.url = typeof url === 'string' ? () => url : url;
    this.connect();
  }

  private connect(): void {
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempt = 0;
      for (const text of this.backlog.splice(0)) socket.send(text);
      if (this.lost) {
        this.lost = false;
        this.linkListener?.({ kind: 'restored' });
      }
    });
    socket.addEventListener('message', (e: MessageEvent<unknown>) => {
      if (typeof e.data !== 'string') return;
      let value: unknown;
      try {
        value = JSON.parse(e.data);
      } catch {
        return;
      }
      if (isServerMessage(value)) this.receiver?.(value);
    });
    socket.addEventListener('close', (e) => this.onSocketClose(e.code, e.reason));
  }

  private onSocketClose(code: number, reason: string): void {
    if (this.disposed) return;
    const why = reason || `the connection to the podlab server closed (code ${code})`;
    if (FINAL_CODES.has(code) || !this.linkListener) {
      this.closeListener?.(why);
      return;
    }
    this.backlog = []; // the client failed those requests when the link was lost
    this.attempt++;
    this.lost = true;
    const retryInMs = backoffDelay(this.attempt, Math.random());
    this.linkListener({ kind: 'lost', reason: why, attempt: this.attempt, retryInMs });
    this.retry = setTimeout(() => this.connect(), retryInMs);
  }

  send(message: ClientMessage): void {
    const text = JSON.stringify(message);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
    else if (!this.lost) this.backlog.push(text);
  }

  onMessage(receiver: (message: ServerMessage) => void): void {
    this.receiver = receiver;
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListener = listener;
  }

  onLink(listener: (state: LinkState) => void): void {
    this.linkListener = listener;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retry);
    this.socket.close(1000, 'page closed');
  }
}
