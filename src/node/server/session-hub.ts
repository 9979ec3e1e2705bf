// The server's sessions: created per socket, kept for a grace period after the socket closes (a reload resumes),
// capped in all and per client address, and disposed with the server.
import { randomUUID } from 'node:crypto';
import type { ClientMessage, ServerMessage } from '../../core/index.ts';

export interface HubLimits {
  /** Sessions alive at once (attached or waiting to be resumed). */
  maxSessions: number;
  /** Sessions one client (remote address) may hold at once: one client cannot take every slot. */
  maxPerClient: number;
  /** How long a session without a socket waits to be resumed before it is disposed. */
  graceMs: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = { maxSessions: 64, maxPerClient: 8, graceMs: 10 * 60_000 };

/** What the hub keeps per learner: an in-process Session or an IsolatedSession (its own process). */
export interface HubSession {
  readonly id: string;
  handle(message: ClientMessage): Promise<void>;
  dispose(): Promise<void>;
}

/** Where a session's messages go now: the attached socket's send. */
type Sink = (message: ServerMessage) => void;

/** Makes a new session whose messages go to `send`. */
export type SessionFactory = (id: string, send: Sink) => HubSession;

/** Why `attach` gave no session (the socket is closed with this reason). */
export type Refusal = 'server-full' | 'client-full';

interface Entry {
  session: HubSession;
  client: string;
  sink?: Sink;
  /** Closes the attached socket when another one takes the session over. */
  evict?: () => void;
  timer?: ReturnType<typeof setTimeout>;
  /** Last attach or message (least recently used detached sessions are evicted first). */
  lastUsed: number;
}

export class SessionHub {
  readonly limits: HubLimits;
  private readonly entries = new Map<string, Entry>();
  private disposed = false;
  /** A counter, not the clock: eviction order must not depend on two events landing in the same millisecond. */
  private tick = 0;

  constructor(
    private readonly factory: SessionFactory,
    limits: Partial<HubLimits> = {},
  ) {
    const merged = { ...DEFAULT_HUB_LIMITS, ...limits };
    this.limits = { ...merged, maxPerClient: Math.min(merged.maxPerClient, merged.maxSessions) };
  }

  /** Sessions alive now. */
  get size(): number {
    return this.entries.size;
  }

  /** Sessions alive now for one client address. */
  sizeOf(client: string): number {
    return [...this.entries.values()].filter((e) => e.client === client).length;
  }

  /**
   * Attach a socket of `client` (its remote address): to the session `resumeId` if it is alive, else to a new one.
   * A reload's new socket may arrive before the old one's close, so a resumed session is taken over (`evict`
   * closes the old socket). A client at its own limit reuses the slot of its least recently used detached session;
   * a full server evicts the least recently used detached session of any client, and refuses when none is detached.
   */
  attach(resumeId: string | undefined, client: string, sink: Sink, evict?: () => void): HubSession | Refusal {
    if (this.disposed) return 'server-full';
    const old = resumeId === undefined ? undefined : this.entries.get(resumeId);
    if (old) {
      clearTimeout(old.timer);
      const previous = old.evict;
      Object.assign(old, { sink, evict, timer: undefined, lastUsed: ++this.tick });
      previous?.();
      return old.session;
    }
    if (this.sizeOf(client) >= this.limits.maxPerClient && !this.evictDetached((e) => e.client === client)) return 'client-full';
    if (this.entries.size >= this.limits.maxSessions && !this.evictDetached(() => true)) return 'server-full';
    const id = randomUUID();
    const entry: Entry = { client, sink, evict, lastUsed: ++this.tick, session: undefined as unknown as HubSession };
    entry.session = this.factory(id, (m) => entry.sink?.(m));
    this.entries.set(id, entry);
    return entry.session;
  }

  /** A message arrived for this session: it was used now. */
  touch(session: HubSession): void {
    const entry = this.entries.get(session.id);
    if (entry) entry.lastUsed = ++this.tick;
  }

  /** The socket whose messages went to `sink` closed: keep the session for `graceMs`, then dispose it. */
  detach(session: HubSession, sink: Sink): void {
    const entry = this.entries.get(session.id);
    if (!entry || entry.sink !== sink) return; // taken over by a newer socket
    entry.sink = undefined;
    entry.evict = undefined;
    entry.timer = setTimeout(() => void this.drop(session.id), this.limits.graceMs);
    entry.timer.unref?.();
  }

  /** Dispose the least recently used detached session among those `which` accepts; false when there is none. */
  private evictDetached(which: (e: Entry) => boolean): boolean {
    const detached = [...this.entries.entries()].filter(([, e]) => !e.sink && which(e)).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    if (detached.length === 0) return false;
    void this.drop(detached[0][0]);
    return true;
  }

  private async drop(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    clearTimeout(entry.timer);
    await entry.session.dispose().catch(() => undefined);
  }

  /** Dispose every session (server shutdown); resolves when each has freed what it holds. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.entries.keys()].map((id) => this.drop(id)));
  }
}
