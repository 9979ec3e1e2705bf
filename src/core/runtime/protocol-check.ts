// Checking page → runner messages field by field (types, ranges, sizes) against a table, so a hostile page gets a
// `usage` error that names the field instead of reaching the Session with a value of the wrong type.
import type { ClientMessage } from './protocol.ts';

/** Largest request id (pages count from 1); larger, fractional or non-finite ids are refused. */
export const MAX_MESSAGE_ID = 2 ** 31 - 1;
/** Largest seed: the front matter's range (an unsigned 32-bit integer). */
export const MAX_SEED = 4294967295;
/** Longest typed line, in characters (the socket's 64 KiB frame cap holds it). */
export const MAX_LINE_CHARS = 32 * 1024;
/** Longest learner text of one exercise cell this check lets through, in characters (answers.ts then holds answers to 60,000 with `input-limit`). */
export const MAX_ANSWER_CHARS = 64 * 1024;
/** Most answers one run-all may carry. */
export const MAX_ANSWERS = 200;
/** Longest name (lesson, cell, terminal, section, pod …). */
export const MAX_NAME_CHARS = 256;

/** A field's check: undefined when the value fits, else what it must be. */
type Check = (v: unknown) => string | undefined;

const str =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max ? undefined : `a string of at most ${max} characters`;
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'true or false');
const int =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `an integer from ${min} to ${max}`;
const name = str(MAX_NAME_CHARS);

const answers: Check = (v) => {
  const want = `an object of at most ${MAX_ANSWERS} cell ids to strings of at most ${MAX_ANSWER_CHARS} characters`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return want;
  const entries = Object.entries(v);
  if (entries.length > MAX_ANSWERS) return want;
  return entries.every(([k, text]) => k.length <= MAX_NAME_CHARS && typeof text === 'string' && text.length <= MAX_ANSWER_CHARS)
    ? undefined
    : want;
};

/** The fields of each kind of shell target. */
const WHERE_FIELDS: Record<string, Record<string, [Check, boolean]>> = {
  workstation: {},
  node: { node: [name, true] },
  pod: { pod: [name, true], namespace: [name, false], container: [name, false] },
};

const where: Check = (v) => {
  const want = 'a shell target: {kind:"workstation"}, {kind:"node",node} or {kind:"pod",pod,namespace?,container?}';
  if (typeof v !== 'object' || v === null) return want;
  const t = v as Record<string, unknown>;
  const fields = WHERE_FIELDS;
  const spec = typeof t.kind === 'string' ? fields[t.kind] : undefined;
  if (!spec || !Object.hasOwn(fields, t.kind as string)) return want;
  for (const [k, [check, required]] of Object.entries(spec)) {
    if (t[k] === undefined ? required : check(t[k]) !== undefined) return want;
  }
  return undefined;
};

/** Per message type: its fields, each with its check and whether it is required. */
const SCHEMA: Record<ClientMessage['type'], Record<string, [Check, boolean]>> = {
  open: { lessonId: [name, true], lang: [str(35), false], seed: [int(0, MAX_SEED), false], resume: [bool, false] },
  'run-cell': { cellId: [name, true], content: [str(MAX_ANSWER_CHARS), false] },
  'run-all': { untilSection: [name, false], answers: [answers, false] },
  answer: { cellId: [name, true], content: [str(MAX_ANSWER_CHARS), true] },
  reset: { seed: [int(0, MAX_SEED), false] },
  'terminal-open': { terminalId: [name, true], where: [where, false] },
  'terminal-line': { terminalId: [name, true], line: [str(MAX_LINE_CHARS), true] },
  'terminal-complete': { terminalId: [name, true], partial: [str(MAX_LINE_CHARS), true] },
  'terminal-close': { terminalId: [name, true] },
  view: {},
  matrix: {},
  report: {},
};

/** The outcome: the message, or the reply's id (-1 when the id itself is unusable) and what is wrong. */
export type CheckedMessage = { ok: true; message: ClientMessage } | { ok: false; id: number; error: string };

function show(v: unknown): string {
  const text =
    typeof v === 'string'
      ? JSON.stringify(v)
      : typeof v === 'object' && v !== null
        ? Array.isArray(v)
          ? 'an array'
          : 'an object'
        : String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** An error about a top-level field: missing (not "undefined"), or of the wrong type or value. */
function fieldError(field: string, v: unknown, want: string): string {
  return v === undefined ? `a message needs field "${field}": ${want}` : `field "${field}" must be ${want}, not ${show(v)}`;
}

/** Check untrusted JSON from a page: every field of its type present where required, of the right type and size. */
export function checkClientMessage(value: unknown): CheckedMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, id: -1, error: 'a message must be a JSON object with "type" and "id"' };
  const m = value as Record<string, unknown>;
  const idError = int(0, MAX_MESSAGE_ID)(m.id);
  if (idError) return { ok: false, id: -1, error: fieldError('id', m.id, idError) };
  const id = m.id as number;
  if (typeof m.type !== 'string' || !Object.hasOwn(SCHEMA, m.type)) {
    return { ok: false, id, error: fieldError('type', m.type, `one of ${Object.keys(SCHEMA).join(', ')}`) };
  }
  const spec = SCHEMA[m.type as ClientMessage['type']];
  for (const [field, [check, required]] of Object.entries(spec)) {
    const v = m[field];
    if (v === undefined) {
      if (required) return { ok: false, id, error: `"${m.type}" needs field "${field}"` };
      continue;
    }
    const problem = check(v);
    if (problem) return { ok: false, id, error: `field "${field}" of "${m.type}" must be ${problem}, not ${show(v)}` };
  }
  return { ok: true, message: known(m, spec) };
}

/** A known field's value as passed on: shell targets rebuilt from their own fields, answers copied flat. */
function knownValue(field: string, v: unknown): unknown {
  if (field === 'answers') return Object.fromEntries(Object.entries(v as Record<string, string>));
  if (field !== 'where') return v;
  const t = v as Record<string, unknown>;
  const kind = t.kind as string;
  return Object.fromEntries([['kind', kind], ...Object.keys(WHERE_FIELDS[kind]).flatMap((k) => (t[k] === undefined ? [] : [[k, t[k]]]))]);
}

/**
 * The message with only the fields its type has: whatever else a page sent (a field nested 10,000 levels deep, a
 * `__proto__` key) never goes further (the structured clone to a session's process would overflow the stack).
 */
function known(m: Record<string, unknown>, spec: Record<string, [Check, boolean]>): ClientMessage {
  const out: Record<string, unknown> = { type: m.type, id: m.id };
  for (const field of Object.keys(spec)) if (m[field] !== undefined) out[field] = knownValue(field, m[field]);
  return out as unknown as ClientMessage;
}
