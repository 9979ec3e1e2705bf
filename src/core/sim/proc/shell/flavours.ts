// The shells podlab models (bash, BusyBox ash, dash) and how each words its errors. Checked against the real
// shells of Debian 12 (bash 5.2.15, dash 0.5.12, BusyBox v1.35.0 ash): see test/unit/sim/proc/shell/messages.test.ts.
import type { FsErrno } from '../../contracts.ts';
import type { SyntaxFailure } from './syntax.ts';

export type FlavourName = 'bash' | 'ash' | 'dash';

/** Who is speaking: the shell's $0, whether it is interactive, the line being run. */
export interface Speaker {
  argv0: string;
  interactive: boolean;
  /** Line of the command in its input (dash counts typed lines; see Shell.lineNo). */
  line: number;
  /** Set for `sh -c STRING` (bash says `-c: line 1:` in syntax errors, ash says `line 0` for builtins). */
  dashC: boolean;
}

export interface Flavour {
  name: FlavourName;
  /** bash prints `exit` when an interactive shell leaves through the `exit` builtin. */
  echoesExit: boolean;
  /** dash's echo always interprets backslash escapes and has no -e/-E. */
  echoEscapes: 'always' | 'with-e';
  /** The full message (with newline) for a parse failure; `sourceLine` is the offending line's text. */
  syntax(s: Speaker, f: SyntaxFailure, sourceLine: string): string;
  /** One error line from the shell itself or one of its builtins: `bash: cd: /x: No such file or directory`. */
  error(s: Speaker, msg: string, builtin?: string): string;
  /** A command name not found: text after the prefix, and the exit status. */
  notFound(name: string, reason: 'missing' | 'is-dir' | 'no-exec', hasSlash: boolean): { msg: string; status: number };
  /** `cd` failed. */
  cdFailed(dir: string, errno: FsErrno): { msg: string; status: number };
  /** A redirection could not open its file (`create` for > and >>, `open` for <). */
  redirFailed(file: string, mode: 'create' | 'open', errno: FsErrno): { msg: string; status: number };
}

/** strerror(3) texts, as glibc and musl print them. */
export const STRERROR: Record<FsErrno, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EFBIG: 'File too large',
  ENOSPC: 'No space left on device',
  EACCES: 'Permission denied',
};

const bashSyntax = (s: Speaker, f: SyntaxFailure, sourceLine: string): string => {
  const where = s.interactive ? `${s.argv0}: ` : s.dashC ? `${s.argv0}: -c: line ${f.line}: ` : `${s.argv0}: line ${f.line}: `;
  if (f.kind === 'unexpected') {
    const first = `${where}syntax error near unexpected token \`${f.token}'\n`;
    return s.interactive ? first : `${first}${where}\`${sourceLine}'\n`;
  }
  if (f.kind === 'eof' || f.what === 'heredoc') return `${where}syntax error: unexpected end of file\n`;
  return `${where}unexpected EOF while looking for matching \`${f.what}'\n`;
};

const bash: Flavour = {
  name: 'bash',
  echoesExit: true,
  echoEscapes: 'with-e',
  syntax: bashSyntax,
  error: (s, msg, builtin) => `${s.argv0}: ${s.interactive ? '' : `line ${s.line}: `}${builtin ? `${builtin}: ` : ''}${msg}\n`,
  notFound: (name, reason, hasSlash) => {
    if (reason === 'is-dir') return { msg: `${name}: Is a directory`, status: 126 };
    if (reason === 'no-exec') return { msg: `${name}: Permission denied`, status: 126 };
    return { msg: hasSlash ? `${name}: No such file or directory` : `${name}: command not found`, status: 127 };
  },
  cdFailed: (dir, errno) => ({ msg: `${dir}: ${STRERROR[errno]}`, status: 1 }),
  redirFailed: (file, _mode, errno) => ({ msg: `${file}: ${STRERROR[errno]}`, status: 1 }),
};

/** dash and ash word parse failures alike, in different orders. */
function quoteFailure(f: SyntaxFailure): string {
  if (f.kind === 'unexpected') return '';
  if (f.kind === 'eof') return f.expecting ? ` (expecting "${f.expecting}")` : '';
  return '';
}

const ash: Flavour = {
  name: 'ash',
  echoesExit: false,
  echoEscapes: 'with-e',
  syntax: (s, f) => {
    const head = `${s.argv0}: ${s.interactive || s.dashC ? '' : `line ${f.line}: `}syntax error: `;
    if (f.kind === 'unexpected') return `${head}unexpected ${f.token === 'newline' ? 'newline' : `"${f.token}"`}\n`;
    if (f.kind === 'eof') return `${head}unexpected end of file${quoteFailure(f)}\n`;
    if (f.what === '`') return `${head}EOF in backquote substitution\n`;
    if (f.what === ')' || f.what === '}') return `${head}unexpected end of file (expecting "${f.what}")\n`;
    if (f.what === 'heredoc') return `${head}unexpected end of file\n`;
    return `${head}unterminated quoted string\n`;
  },
  // ash adds "line N: " when not interactive: scripts always; `-c` strings only for builtins, and as "line 0".
  error: (s, msg, builtin) => {
    const b = builtin ? `${builtin}: ` : '';
    if (s.interactive) return `${s.argv0}: ${b}${msg}\n`;
    if (s.dashC) return `${s.argv0}: ${builtin ? `${b}line 0: ` : ''}${msg}\n`;
    return `${s.argv0}: ${b}line ${s.line}: ${msg}\n`;
  },
  notFound: (name, reason) => {
    if (reason !== 'missing') return { msg: `${name}: Permission denied`, status: 126 };
    return { msg: `${name}: not found`, status: 127 };
  },
  cdFailed: (dir, errno) => ({ msg: `can't cd to ${dir}: ${STRERROR[errno]}`, status: 2 }),
  redirFailed: (file, mode, errno) => {
    const why = errno === 'ENOENT' ? (mode === 'create' ? 'nonexistent directory' : 'no such file') : STRERROR[errno];
    return { msg: `can't ${mode} ${file}: ${why}`, status: 1 };
  },
};

const dash: Flavour = {
  name: 'dash',
  echoesExit: false,
  echoEscapes: 'always',
  syntax: (s, f) => {
    const head = `${s.argv0}: ${s.line}: Syntax error: `;
    if (f.kind === 'unexpected') return `${head}${f.token === 'newline' ? 'newline' : `"${f.token}"`} unexpected\n`;
    if (f.kind === 'eof') return `${head}end of file unexpected${quoteFailure(f)}\n`;
    if (f.what === '`') return `${head}EOF in backquote substitution\n`;
    if (f.what === ')') return `${head}end of file unexpected (expecting ")")\n`;
    if (f.what === '}') return `${head}Missing '}'\n`;
    if (f.what === 'heredoc') return `${head}end of file unexpected\n`;
    return `${head}Unterminated quoted string\n`;
  },
  error: (s, msg, builtin) => `${s.argv0}: ${s.line}: ${builtin ? `${builtin}: ` : ''}${msg}\n`,
  notFound: (name, reason) => {
    if (reason !== 'missing') return { msg: `${name}: Permission denied`, status: 126 };
    return { msg: `${name}: not found`, status: 127 };
  },
  cdFailed: (dir) => ({ msg: `can't cd to ${dir}`, status: 2 }),
  redirFailed: (file, mode, errno) => {
    const why = errno === 'ENOENT' ? (mode === 'create' ? 'Directory nonexistent' : 'No such file') : STRERROR[errno];
    return { msg: `cannot ${mode} ${file}: ${why}`, status: 2 };
  },
};

/** The table of shell flavours. */
export const FLAVOURS: Record<FlavourName, Flavour> = { bash, ash, dash };
