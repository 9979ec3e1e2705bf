// SessionClient: request/reply over a Transport (ids matched), kernel events fanned out to listeners.
import type { ClientMessage, KernelEvent, ServerMessage } from '../../src/core/page.ts';
import type { LinkState, Transport } from './transport.ts';

/** A ClientMessage without its id (the client numbers requests). */
export type Request = ClientMessage extends infer M ? (M extends ClientMessage ? Omit<M, 'id'> : never) : never;

/** A reply of one type. */
export type Reply<T extends ServerMessage['type']> = Extract<ServerMessage, { type: T }>;

/** The runner answered a request with `{type:'error'}`. */
export class SessionError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SessionError';
    this.code = code;
  }
}

/** What the client tells about its channel: lost and restored (reconnecting transports), or closed for good. */
export type ClientLink = LinkState | { kind: 'closed'; reason: string };

interface Pending {
  resolve(m: ServerMessage): void;
  reject(e: Error): void;
}

export class SessionClient {
  private readonly transport: Transport;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: KernelEvent) => void>();
  private readonly linkListeners = new Set<(state: ClientLink) => void>();
  private closed?: string;
  /** Set while the channel is down and a reconnection is planned. */
  private lost?: string;

  constructor(transport: Transport) {
    this.transport = transport;
    transport.onMessage((m) => this.receive(m));
    transport.onClose((reason) => {
      this.fail(reason);
      for (const l of this.linkListeners) l({ kind: 'closed', reason });
    });
    transport.onLink?.((state) => this.linkChanged(state));
  }

  /** Send a request and wait for the reply of the expected type; an error reply rejects, so does a lost channel. */
  async request<T extends ServerMessage['type']>(message: Request, expect: T): Promise<Reply<T>> {
    if (this.closed !== undefined) throw new SessionError('closed', this.closed);
    if (this.lost !== undefined) throw new SessionError('disconnected', this.lost);
    const id = this.nextId++;
    const reply = await new Promise<ServerMessage>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.send({ ...message, id } as ClientMessage);
    });
    if (reply.type === 'error') throw new SessionError(reply.code, reply.message);
    if (reply.type !== expect) throw new SessionError('protocol', `expected a ${expect} reply, got ${reply.type}`);
    return reply as Reply<T>;
  }

  /** Listen to kernel events (cell-start, cell-output, cell-done); returns the unsubscribe function. */
  onEvent(listener: (event: KernelEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Follow the channel: `lost` (requests in flight will never be answered: they fail now), `restored`
   * (the runner may have forgotten this page; the listener opens the lesson again), `closed` (for good).
   */
  onLink(listener: (state: ClientLink) => void): () => void {
    this.linkListeners.add(listener);
    return () => this.linkListeners.delete(listener);
  }

  private linkChanged(state: LinkState): void {
    if (state.kind === 'lost') {
      this.lost = state.reason;
      this.rejectPending(new SessionError('disconnected', state.reason));
    } else {
      this.lost = undefined;
    }
    for (const l of this.linkListeners) l(state);
  }

  private receive(m: ServerMessage): void {
    if (m.type === 'event') {
      for (const l of this.listeners) l(m.event);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    p.resolve(m);
  }

  private fail(reason: string): void {
    this.closed = reason;
    this.rejectPending(new SessionError('closed', reason));
  }

  private rejectPending(error: SessionError): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  /** Why the channel closed, if it did. */
  get closedReason(): string | undefined {
    return this.closed;
  }

  dispose(): void {
    this.fail('disposed');
    this.listeners.clear();
    this.linkListeners.clear();
    this.transport.dispose();
  }
}
