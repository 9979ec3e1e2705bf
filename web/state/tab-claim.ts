// TabClaim: one live tab per lesson and language. Tabs of one browser profile share localStorage (progress,
// drafts, terminal history) and, when a served tab is duplicated, even the server session; two tabs running
// the same lesson would overwrite each other (a Reset in one wiping the other). So the first tab is live, a
// later one starts on standby and says so, and "Continue here" makes it live and puts the other on standby.

export type TabRole = 'live' | 'standby';

/** Messages on the lesson's BroadcastChannel. */
type ClaimMessage =
  | { type: 'who'; tab: string } // a tab that is opening asks whether one is live
  | { type: 'live'; tab: string } // the live tab answers
  | { type: 'claim'; tab: string } // a tab takes over: every other one goes on standby
  | { type: 'gone'; tab: string }; // the live tab closed

/** What TabClaim needs of the browser (tests give a fake). */
export interface ClaimChannel {
  postMessage(message: ClaimMessage): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  close(): void;
}

export interface TabClaimOptions {
  /** The lesson and language, e.g. "pod-networking:en". */
  key: string;
  /** Told whenever this tab's role (or the other tab's presence) changes. */
  onChange: (role: TabRole, otherGone: boolean) => void;
  /** How long an opening tab waits for a live one to answer. */
  waitMs?: number;
  channel?: ClaimChannel;
  /** Per-tab storage for the take-over mark that survives the reload (sessionStorage). */
  tabStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

const TAKE_OVER_PREFIX = 'podlab:take-over:';

export class TabClaim {
  role: TabRole | undefined;
  /** On standby: the live tab said it closed. */
  otherGone = false;
  private readonly id = Math.random().toString(36).slice(2);
  private readonly options: TabClaimOptions;
  private readonly channel?: ClaimChannel;
  private readonly onPageHide = () => {
    if (this.role === 'live') this.post({ type: 'gone', tab: this.id });
  };

  constructor(options: TabClaimOptions) {
    this.options = options;
    this.channel = options.channel ?? openChannel(`podlab:tabs:${options.key}`);
    if (this.channel) this.channel.onmessage = (e) => this.onMessage(e.data);
    if (typeof addEventListener === 'function') addEventListener('pagehide', this.onPageHide);
  }

  /**
   * Decide this tab's role: live when it was reloaded to take over, when no other tab answers, or when the
   * browser has no BroadcastChannel; standby when a live tab answers.
   */
  async start(): Promise<TabRole> {
    const storage = this.options.tabStorage ?? sessionStore();
    const key = TAKE_OVER_PREFIX + this.options.key;
    const takingOver = safe(() => storage?.getItem(key)) === '1';
    safe(() => storage?.removeItem(key));
    if (!this.channel || takingOver) return this.become('live', true);
    this.post({ type: 'who', tab: this.id });
    await new Promise((r) => setTimeout(r, this.options.waitMs ?? 150));
    return this.role ?? this.become('live', false);
  }

  /** Mark this tab to take over once reloaded (the caller reloads: the page starts afresh from shared progress). */
  markTakeOver(): void {
    const storage = this.options.tabStorage ?? sessionStore();
    safe(() => storage?.setItem(TAKE_OVER_PREFIX + this.options.key, '1'));
  }

  private become(role: TabRole, announce: boolean): TabRole {
    this.role = role;
    if (role === 'live' && announce) this.post({ type: 'claim', tab: this.id });
    this.options.onChange(role, this.otherGone);
    return role;
  }

  private onMessage(data: unknown): void {
    const m = data as Partial<ClaimMessage> | null;
    if (!m || typeof m.tab !== 'string' || m.tab === this.id) return;
    if (m.type === 'who' && this.role === 'live') this.post({ type: 'live', tab: this.id });
    else if (m.type === 'live' && this.role === undefined) this.become('standby', false);
    else if (m.type === 'claim') {
      this.otherGone = false;
      if (this.role !== 'standby') this.become('standby', false);
      else this.options.onChange('standby', false);
    } else if (m.type === 'gone' && this.role === 'standby') {
      this.otherGone = true;
      this.options.onChange('standby', true);
    }
  }

  private post(m: ClaimMessage): void {
    safe(() => this.channel?.postMessage(m));
  }

  dispose(): void {
    this.onPageHide();
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', this.onPageHide);
    if (this.channel) this.channel.onmessage = null;
    safe(() => this.channel?.close());
  }
}

function openChannel(name: string): ClaimChannel | undefined {
  return typeof BroadcastChannel === 'function' ? (new BroadcastChannel(name) as unknown as ClaimChannel) : undefined;
}

function sessionStore(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined {
  return safe(() => globalThis.sessionStorage);
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
