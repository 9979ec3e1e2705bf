// The shell's syntax tree: what the parser produces and the interpreter walks. Plain data (and pushLit, which builds it).

/** A piece of a word. `quoted` parts are exempt from field splitting and globbing. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | {
      kind: 'param';
      name: string;
      quoted: boolean;
      op?: ParamOp;
      /** `${name[index]}` (bash arrays): `@`, `*` or an arithmetic word. */ index?: Word;
    }
  | { kind: 'cmdsub'; body: Script; quoted: boolean }
  | { kind: 'arith'; expr: Word; quoted: boolean }
  | { kind: 'tilde'; user: string };

/** `${name<op>arg}` forms: defaults (`:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`), length (`#`), pattern removal (`#`, `##`, `%`, `%%`). */
export type ParamOp =
  | { kind: 'default'; op: ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?'; arg: Word }
  | { kind: 'length' }
  | { kind: 'strip'; op: '#' | '##' | '%' | '%%'; arg: Word }
  | { kind: 'replace'; all: boolean; pattern: Word; with: Word }
  /** `${name:offset}`, `${name:offset:length}`: both arithmetic words. */
  | { kind: 'substr'; offset: Word; length?: Word }
  /** `${name^^}`, `${name^}`, `${name,,}`, `${name,}` (bash): case conversion. */
  | { kind: 'case'; op: '^^' | '^' | ',,' | ',' };

export interface Word {
  parts: WordPart[];
  /** The word as written, for messages and job listings. */
  text: string;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  /** The file descriptor redirected (default 1 for output, 0 for input). */
  fd: number;
  op: RedirOp;
  /** The file, the fd number (`2>&1`), or the here-document delimiter. */
  target: Word;
  /** For `<<`: the here-document body (expanded unless the delimiter was quoted). */
  heredoc?: Word;
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
  line: number;
  /** The command as written (for `jobs`, `[1]+ Done  ...`). */
  text: string;
}

export interface IfCommand {
  kind: 'if';
  clauses: { cond: List; body: List }[];
  elseBody?: List;
  redirects: Redirect[];
  line: number;
}

export interface LoopCommand {
  kind: 'loop';
  /** `until` loops run while the condition fails. */
  until: boolean;
  cond: List;
  body: List;
  redirects: Redirect[];
  line: number;
}

export interface ForCommand {
  kind: 'for';
  name: string;
  /** undefined = `for x; do` (the positional parameters). */
  items?: Word[];
  body: List;
  redirects: Redirect[];
  line: number;
}

export interface CaseCommand {
  kind: 'case';
  subject: Word;
  arms: { patterns: Word[]; body: List }[];
  redirects: Redirect[];
  line: number;
}

/** `{ ...; }` runs in the current shell; `( ... )` in a copy of it. */
export interface GroupCommand {
  kind: 'group' | 'subshell';
  body: List;
  redirects: Redirect[];
  line: number;
}

/** `name() compound-command` (and bash's `function name`): defines a function; its body runs when `name` is called. */
export interface FunctionDef {
  kind: 'function';
  name: string;
  /** A compound command with its own redirects (applied at each call). */
  body: Command;
  /** Always empty: redirects after the body belong to the body. */
  redirects: Redirect[];
  line: number;
  /** The definition as written. */
  text: string;
}

/** `[[ expression ]]` (bash): the words between the brackets, each with its position and quoting, parsed when it runs. */
export interface CondCommand {
  kind: 'cond';
  expr: CondExpr;
  redirects: Redirect[];
  line: number;
}

/** The tree of a `[[ ]]` expression. */
export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  | { kind: 'unary'; op: string; arg: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word }
  | { kind: 'word'; word: Word };

export type Command = SimpleCommand | IfCommand | LoopCommand | ForCommand | CaseCommand | GroupCommand | FunctionDef | CondCommand;

export interface Pipeline {
  negated: boolean;
  commands: Command[];
  line: number;
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** The source text, for `[1]+  Done  ...`. */
  text: string;
}

export interface ListItem {
  command: AndOr;
  background: boolean;
  /** A newline ended this item (bash discards the rest of such a line after an arithmetic error). */
  newline?: boolean;
}

export interface List {
  items: ListItem[];
}

/** A whole parsed input (one typed line, a `-c` string, a script file). */
export type Script = List;

/** Append literal text, merging with the previous literal of the same quoting. */
export function pushLit(parts: WordPart[], text: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last && last.kind === 'lit' && last.quoted === quoted) last.text += text;
  else parts.push({ kind: 'lit', text, quoted });
}
