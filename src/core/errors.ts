// PodlabError: the one error type of podlab, with stable kebab-case codes (documented in docs/errors.md).

/** Stable error codes. Add a row here and to docs/errors.md; never rename one. */
export const ERROR_CODES = {
  'lesson-parse': 'The lesson Markdown or its front matter could not be parsed.',
  'lesson-invalid': 'The lesson parsed but breaks a rule of the lesson format.',
  'cell-attribute': 'A cell info string has an unknown or malformed attribute.',
  'expectation-parse': 'An expectation line could not be understood.',
  'manifest-invalid': 'A Kubernetes manifest is not valid YAML or not a valid object.',
  'cell-timeout': 'A cell ran past its time budget and was stopped.',
  'output-limit': 'A cell printed more than its output limit.',
  'input-limit': 'An input (file, manifest, submission) is larger than allowed.',
  'session-stopped': 'A session used too much time or memory on one request and was stopped; reset it to go on.',
  'backend-unavailable': 'The chosen backend cannot start on this machine.',
  'backend-error': 'The backend failed while running a command.',
  usage: 'A command was called with wrong arguments or flags.',
  internal: 'A bug in podlab.',
  'lint-unknown-name': 'An expectation or cell names a pod, node or Service that nothing in the lesson creates.',
  'lint-unknown-node': 'A cell, pin or fault names a node that is not in cluster.nodes.',
  'lint-workstation-node': 'cluster.workstation.node is not one of cluster.nodes.',
  'lint-unused-file': 'A file cell whose path no run cell mentions.',
  'lint-missing-expect': 'A run cell probes the network (curl, ping, wget, nc, nslookup) but has no expect block.',
  'lint-pin-unknown-pod': 'A pin names a pod that nothing in the lesson creates.',
  'lint-rerun-unsafe':
    'An output check for `… created` after `kubectl apply`: it fails when the cell is run again; use `applied KIND/NAME`.',
  'lint-value-order': 'A run cell uses `$NAME` before the cell that captures NAME has run.',
  'lint-policy-selects-nothing': 'A NetworkPolicy selects no pod the lesson creates in its namespace.',
  'lint-unterminated-fence': 'A code fence is never closed, so it swallows the rest of the file.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where in a source file something is; lines and columns are 1-based. */
export interface SourcePos {
  file: string;
  line: number;
  column?: number;
}

export function formatPos(pos: SourcePos): string {
  return pos.column === undefined ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.column}`;
}

/** Thrown for failures of podlab itself; failed checks and refused connections are results, not errors. */
export class PodlabError extends Error {
  readonly code: ErrorCode;
  readonly pos?: SourcePos;

  constructor(code: ErrorCode, message: string, options: { pos?: SourcePos; cause?: unknown } = {}) {
    super(options.pos ? `${formatPos(options.pos)}: ${message}` : message, { cause: options.cause });
    this.name = 'PodlabError';
    this.code = code;
    this.pos = options.pos;
  }
}

/** A problem found while parsing or linting; a list of these is a value, not an exception. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: ErrorCode | string;
  message: string;
  pos: SourcePos;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatPos(d.pos)}: ${d.severity}: ${d.message} [${d.code}]`;
}

/** Narrow an unknown thrown value to a message. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
