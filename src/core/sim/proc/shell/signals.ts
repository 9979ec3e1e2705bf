// Control flow that unwinds the interpreter: exit, break/continue. (Budget stops are StopLine in budget.ts.)

/** The shell is leaving (`exit`, a fatal error of a non-interactive shell). */
export class ExitSignal extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

/** `break N` / `continue N`: unwinds N enclosing loops. */
export class LoopSignal extends Error {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {
    super(kind);
  }
}

/** `return [N]`: leaves the running function (or sourced file). */
export class ReturnSignal extends Error {
  constructor(readonly status: number) {
    super(`return ${status}`);
  }
}

/**
 * A fatal error that ends the current command line but not the shell (bash's jump_to_top_level(DISCARD): an
 * arithmetic error, the function nesting limit): the shell goes on with the next line of its input.
 */
export class DiscardLine extends Error {
  constructor(readonly status: number) {
    super(`discard line (${status})`);
  }
}
