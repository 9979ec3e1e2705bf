// CellRunController: ties a component to one CellRun — it re-renders on every change and lets go when disconnected.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CellRun } from './cell-run.ts';

export class CellRunController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private run?: CellRun;
  private unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** Follow `run` (or nothing); the previous one is let go. */
  follow(run: CellRun | undefined): void {
    if (run === this.run) return;
    this.unsubscribe?.();
    this.run = run;
    this.unsubscribe = run?.subscribe(() => this.host.requestUpdate());
    this.host.requestUpdate();
  }

  get value(): CellRun | undefined {
    return this.run;
  }

  hostConnected(): void {
    if (this.run && !this.unsubscribe) this.unsubscribe = this.run.subscribe(() => this.host.requestUpdate());
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
