// Syntax failures of the shell language as values: what went wrong and where, before any shell words it.

/**
 * Why a parse failed. `eof` and `unterminated` mean the input ended too early: an interactive shell asks for
 * more (PS2 `> `); a `-c` string reports them.
 */
export type SyntaxFailure =
  /** A token where it cannot stand; `token` as bash names it: `;;`, `fi`, `newline`. */
  | { kind: 'unexpected'; token: string; line: number }
  /** The input ended while a construct was open; `expecting` is the word busybox and dash name ("fi", "done"). */
  | { kind: 'eof'; expecting?: string; line: number }
  /** A quote, backquote, `$(` or `${` was never closed; a here-document's delimiter never came. */
  | { kind: 'unterminated'; what: "'" | '"' | '`' | ')' | '}' | 'heredoc'; line: number };

/** Thrown inside the lexer/parser only; parseShell() turns it into a SyntaxFailure value. */
export class ShellSyntaxError extends Error {
  constructor(readonly failure: SyntaxFailure) {
    super(`shell syntax: ${failure.kind}`);
  }
}

/** True when more input could complete the construct (the interactive shell then shows PS2). */
export function isIncomplete(f: SyntaxFailure): boolean {
  return f.kind === 'eof' || f.kind === 'unterminated';
}
