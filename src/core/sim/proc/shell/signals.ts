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
