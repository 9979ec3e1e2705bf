// The limits of the simulated userland: how large a value, a capture or a tool's output may grow and how deep
// scripts may nest. One table, so the shell, the tools and the docs (docs/errors.md, docs/security.md) agree.

/** Size and depth limits of everything a learner's line can build. */
export const USERLAND_LIMITS = {
  /**
   * Largest value in characters: a shell variable, the result of one expansion, a here-document, a pattern
   * replacement, one printf conversion. 16 Mi characters (16 MiB of ASCII): far beyond any lesson, far below
   * V8's string limit (2^29 characters), whose overflow aborts the whole process.
   */
  maxValueChars: 16 * 1024 * 1024,
  /** All variables of one shell together, in characters (64 Mi): four values at the limit. */
  maxShellVarsChars: 64 * 1024 * 1024,
  /** Bytes a pipe or a command substitution keeps of what its writer wrote (the rest is dropped, as a reader that gave up). */
  maxCaptureBytes: 16 * 1024 * 1024,
  /** Deepest nesting of the shell grammar: `{`, `(`, `$(`, `((`, `${`, if/while/case bodies, arithmetic parentheses. */
  maxNesting: 200,
  /** Deepest chain of shells and evaluations in one line: `eval`, `sh -c`, `. file`, `$( )`, subshells. */
  maxCallDepth: 100,
  /** Deepest chain of shell function calls (bash words it as its FUNCNEST limit: `maximum function nesting level exceeded`). */
  maxFunctionDepth: 200,
  /** Most lines (or numbers) a looping tool prints (`seq`); past it the tool stops with an error. */
  maxToolLines: 1_000_000,
} as const;

/** "16 MiB" for messages. */
export function mib(chars: number): string {
  return `${chars / (1024 * 1024)} MiB`;
}

/** The message for a value over the size limit: `value too large (limit 16 MiB)`. */
export const VALUE_TOO_LARGE = `value too large (limit ${mib(USERLAND_LIMITS.maxValueChars)})`;

/** The message when a shell's variables together pass their limit. */
export const VARIABLES_TOO_LARGE = `variables too large in total (limit ${mib(USERLAND_LIMITS.maxShellVarsChars)})`;

/** The message of a looping tool stopped at its line limit: `too many lines (limit 1000000)`. */
export const TOO_MANY_LINES = `too many lines (limit ${USERLAND_LIMITS.maxToolLines})`;

/**
 * A limit of the simulated userland was hit. Thrown where the value would be built; the shell running the line
 * catches it, prints `<shell>: <message>` and ends the line (or the `sh -c`) with status 1, as a shell that
 * ran out of memory would end, but with a message that says why.
 */
export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

/** Throw LimitError when a value of `length` characters is over the size limit. */
export function checkValueSize(length: number): void {
  if (length > USERLAND_LIMITS.maxValueChars) throw new LimitError(VALUE_TOO_LARGE);
}

/** The nesting-depth error: `nesting too deep (limit 200 levels)`. */
export function nestingTooDeep(limit: number = USERLAND_LIMITS.maxNesting): LimitError {
  return new LimitError(`nesting too deep (limit ${limit} levels)`);
}

/**
 * A JavaScript engine error that a hostile line can still provoke in code without its own limit (the engine's
 * stack or string size): turned into a LimitError so it reaches the learner as a message, never a stack trace.
 * Other errors are returned unchanged (they are bugs, and must stay loud).
 */
export function asLimitError(e: unknown): unknown {
  if (e instanceof LimitError) return e;
  if (e instanceof RangeError) {
    if (/call stack/i.test(e.message)) return nestingTooDeep(USERLAND_LIMITS.maxCallDepth);
    if (/string length|array length|invalid size/i.test(e.message)) return new LimitError(VALUE_TOO_LARGE);
  }
  return e;
}

/** Where work that is not a command is charged while a line runs (set by chargingLine); the shell is synchronous. */
let lineCharge: ((units: number) => void) | undefined;

/**
 * Run `fn` (one typed line) with work charged to `charge` (its budget): matcher transitions and characters of
 * large values cost steps like commands do, so a loop that builds 16 MiB strings ends like any long loop
 * instead of running for minutes. Restores the previous charge after.
 */
export function chargingLine<T>(charge: (units: number) => void, fn: () => T): T {
  const saved = lineCharge;
  lineCharge = charge;
  try {
    return fn();
  } finally {
    lineCharge = saved;
  }
}

/** Charge `units` of work (1,000 units = one step) to the running line, if any. */
export function chargeWork(units: number): void {
  lineCharge?.(units);
}

/** Characters of a built value that cost one unit of work (a 16 Mi-character value costs 256 steps). */
export const CHARS_PER_UNIT = 64;
