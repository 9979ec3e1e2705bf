// The cell attribute table: which info-string attributes each kind of fenced block accepts, and their checks.
import { durationMs } from '../duration.ts';

/** The kinds of fenced blocks that take attributes. */
export type BlockKind = 'run' | 'file' | 'expect';

/** One row of the attribute table. */
export interface AttributeRule {
  name: string;
  kinds: readonly BlockKind[];
  /** 'flag' takes no value; otherwise a check that returns an error message or undefined. */
  value: 'flag' | ((value: string) => string | undefined);
  /** One line for docs/lesson-format.md. */
  doc: string;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function nodeName(v: string): string | undefined {
  return NAME.test(v) ? undefined : `'${v}' is not a node name`;
}

function podRef(v: string): string | undefined {
  const parts = v.split('/');
  const ok = parts.length <= 2 && parts.every((p, i) => (i === parts.length - 1 ? NAME : DNS_LABEL).test(p));
  return ok ? undefined : `'${v}' is not a pod name or namespace/pod`;
}

function relativePath(v: string): string | undefined {
  if (v === '') return 'needs a path';
  if (v.startsWith('/')) return `'${v}' must be relative to the working directory`;
  if (v.split('/').some((p) => p === '..' || p === '')) return `'${v}' may not contain '..' or empty segments`;
  return undefined;
}

/** Every attribute a cell or expect block may carry. Add a row to add an attribute. */
export const CELL_ATTRIBUTES: readonly AttributeRule[] = [
  { name: 'run', kinds: ['run'], value: 'flag', doc: 'Makes the block a run cell: its lines are typed into a terminal.' },
  {
    name: 'file',
    kinds: ['file'],
    value: relativePath,
    doc: 'Makes the block a file cell: its content is written to this path (relative, no `..`).',
  },
  { name: 'on', kinds: ['run'], value: nodeName, doc: "Run on this node's host shell instead of the workstation." },
  { name: 'in', kinds: ['run'], value: podRef, doc: 'Run inside this pod (`pod` or `namespace/pod`), as `kubectl exec -it` would.' },
  {
    name: 'container',
    kinds: ['run'],
    value: (v) => (DNS_LABEL.test(v) ? undefined : `'${v}' is not a container name`),
    doc: 'With `in=`: the container to run in (default: the first).',
  },
  {
    name: 'timeout',
    kinds: ['run'],
    value: (v) => (durationMs(v) === undefined ? `'${v}' is not a duration like 500ms, 10s or 2m` : undefined),
    doc: 'Time budget per line (`500ms`, `10s`, `2m`); default from tutorial.config.ts.',
  },
  {
    name: 'id',
    kinds: ['run', 'file'],
    value: (v) => (ID.test(v) ? undefined : `'${v}' is not an id (letters, digits, '.', '_', '-')`),
    doc: 'A stable id for the cell (default `<section>-<n>`); must be unique in the lesson.',
  },
  {
    name: 'hidden',
    kinds: ['run', 'file', 'expect'],
    value: 'flag',
    doc: 'Kept out of the student copy and the page; still run and checked (grading).',
  },
  {
    name: 'exercise',
    kinds: ['run', 'file'],
    value: 'flag',
    doc: 'The learner writes this cell; the lesson holds the reference solution.',
  },
];

/** The attribute rule called `name`, if any. */
export function attributeRule(name: string): AttributeRule | undefined {
  return CELL_ATTRIBUTES.find((r) => r.name === name);
}
