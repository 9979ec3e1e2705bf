// Kube: what one kubectl invocation works with (the tool context, the API, the namespace) and its output helpers.
import type { Api, ApiStatus } from '../../../api/api.ts';
import type { ToolContext } from '../tool.ts';
import { plainError, serverError } from './errors.ts';

/** The per-invocation state every subcommand gets. */
export class Kube {
  readonly api: Api;
  /** `kubectl get`, `kubectl create deployment`: for usage errors and help. */
  commandPath: string;

  /**
   * @param namespace the effective namespace (`-n`, else the kubeconfig context's: `default`)
   * @param explicitNamespace whether `-n/--namespace` was given
   */
  constructor(
    readonly ctx: ToolContext,
    readonly namespace: string,
    readonly explicitNamespace: boolean,
    commandPath: string,
  ) {
    this.api = ctx.kube.api;
    this.commandPath = commandPath;
  }

  /** Simulated now, in ms. */
  now(): number {
    return this.ctx.clock.now();
  }

  out(text: string): void {
    if (text) this.ctx.stdout(text);
  }

  err(text: string): void {
    if (text) this.ctx.stderr(text);
  }

  /** Print `error: msg` on stderr; returns 1 (cmdutil.CheckErr). */
  fail(message: string, code = 1): number {
    this.err(plainError(message) + '\n');
    return code;
  }

  /** Print `Error from server (Reason): message` on stderr; returns 1. */
  failStatus(status: ApiStatus): number {
    this.err(serverError(status) + '\n');
    return 1;
  }

  /** cmdutil.UsageErrorf: `error: msg` + `See 'kubectl get -h' for help and examples`. */
  usageError(message: string): number {
    return this.fail(`${message}\nSee '${this.commandPath} -h' for help and examples`);
  }

  /**
   * Let simulated time pass; false when the cell's time budget ran out (the caller must stop at once).
   * Controllers run inside the terminal's sleep, so state may change across this call.
   */
  sleep(ms: number): boolean {
    return this.ctx.sleep(ms);
  }

  /**
   * Sleep until the next scheduled event of the simulation (at most `maxMs`), so waiting loops observe a change
   * at the simulated instant it happens, as a watch would.
   */
  sleepUntilNextEvent(maxMs: number): boolean {
    const next = this.ctx.clock.nextAt();
    const step = next === undefined ? maxMs : Math.min(maxMs, Math.max(1, next - this.now()));
    return this.sleep(step);
  }
}
