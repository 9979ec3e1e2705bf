// Clean-up on Ctrl-C and SIGTERM for everything that holds real resources (namespaces, temp directories, kind
// clusters): one handler for all of them, which waits for EVERY registered clean-up before the process exits.
// (One handler per backend, each exiting when its own clean-up was done, left the second session's namespace
// and temp directory behind when `podlab serve` ran two.)

/** The part of `process` this uses (tests pass their own). */
export interface SignalTarget {
  on(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export class SignalCleanup {
  private readonly tasks = new Set<() => Promise<void>>();
  private running?: Promise<void>;
  private readonly onSignal = (signal: NodeJS.Signals) => {
    this.running ??= this.runAll(signal);
  };

  constructor(
    private readonly target: SignalTarget = process,
    private readonly log: (line: string) => void = (line) => void process.stderr.write(`podlab: ${line}\n`),
  ) {}

  /** Register a clean-up to run on Ctrl-C or SIGTERM; the returned function unregisters it (after a normal stop). */
  add(task: () => Promise<void>): () => void {
    if (this.tasks.size === 0) {
      this.target.on('SIGINT', this.onSignal);
      this.target.on('SIGTERM', this.onSignal);
    }
    this.tasks.add(task);
    return () => {
      this.tasks.delete(task);
      if (this.tasks.size === 0 && !this.running) {
        this.target.off('SIGINT', this.onSignal);
        this.target.off('SIGTERM', this.onSignal);
      }
    };
  }

  /** Clean-ups registered now (tests). */
  get size(): number {
    return this.tasks.size;
  }

  private async runAll(signal: NodeJS.Signals): Promise<void> {
    const tasks = [...this.tasks];
    this.log(`${signal}: cleaning up${tasks.length > 1 ? ` ${tasks.length} sessions` : ''}`);
    const results = await Promise.allSettled(tasks.map((t) => t()));
    for (const r of results)
      if (r.status === 'rejected') this.log(`clean-up: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
    this.target.exit(signal === 'SIGINT' ? 130 : 143);
  }
}

/** The process-wide instance every real-cluster backend registers with. */
export const signalCleanup = new SignalCleanup();
