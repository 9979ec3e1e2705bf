// SessionHub: the server's live sessions — one per page, kept a while after its socket closes so a reload can resume it.
import { randomUUID } from 'node:crypto';
import { type ServerMessage, Session, type SessionDeps } from '../../core/index.ts';

export interface HubLimits {
  /** Sessions alive at once (attached or waiting to be resumed). */
  maxSessions: number;
  /** How long a session without a socket waits to be resumed before it is disposed. */
  graceMs: number;
}

export const DEFAULT_HUB_LIMITS: HubLimits = { maxSessions: 64, graceMs: 10 * 60_000 };

/** Where a session's messages go now: the attached socket's send. */
type Sink = (message: ServerMessage) => void;

interface Entry {
  session: Session;
  sink?: Sink;
  /** Closes the attached socket when another one takes the session over. */
  evict?: () => void;
  timer?: ReturnType<typeof setTimeout>;
  detachedAt: number;
}

export class SessionHub {
  private readonly deps: SessionDeps;
  readonly limits: HubLimits;
  private readonly entries = new Map<string, Entry>();
  private disposed = false;

  constructor(deps: SessionDeps, limits: Partial<HubLimits> = {}) {
    this.deps = deps;
    this.limits = { ...DEFAULT_HUB_LIMITS, ...limits };
  }

  /** Sessions alive now. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Attach a socket: to the session `resumeId` if it is alive, else to a new one. A reload's new socket
   * may arrive before the old one's close, so a resumed session is taken over (`evict` closes the old socket).
   * Undefined when the hub is full (every session has a socket).
   */
  attach(resumeId: string | undefined, sink: Sink, evict?: () => void): Session | undefined {
    if (this.disposed) return undefined;
    const old = resumeId === undefined ? undefined : this.entries.get(resumeId);
    if (old) {
      clearTimeout(old.timer);
      const previous = old.evict;
      Object.assign(old, { sink, evict });
      previous?.();
      return old.session;
    }
    if (this.entries.size >= this.limits.maxSessions && !this.evictOldestDetached()) return undefined;
    const id = randomUUID();
    const entry: Entry = { detachedAt: 0, sink, evict, session: undefined as unknown as Session };
    entry.session = new Session(id, this.deps, (m) => entry.sink?.(m));
    this.entries.set(id, entry);
    return entry.session;
  }

  /** The socket whose messages went to `sink` closed: keep the session for `graceMs`, then dispose it. */
  detach(session: Session, sink: Sink): void {
    const entry = this.entries.get(session.id);
    if (!entry || entry.sink !== sink) return; // taken over by a newer socket
    entry.sink = undefined;
    entry.evict = undefined;
    entry.detachedAt = Date.now();
    entry.timer = setTimeout(() => void this.drop(session.id), this.limits.graceMs);
    entry.timer.unref?.();
  }

  private evictOldestDetached(): boolean {
    const detached = [...this.entries.entries()].filter(([, e]) => !e.sink).sort((a, b) => a[1].detachedAt - b[1].detachedAt);
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

  /** Dispose every session (server shutdown). */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.entries.keys()].map((id) => this.drop(id)));
  }
}
