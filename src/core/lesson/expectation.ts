// Expectation lines: `busybox -> nginx-pod:80 ok`, `output contains "..."`, `exit 0`, with [modifiers].
import type { Diagnostic, SourcePos } from '../errors.ts';
import type { Capture, Expectation, ExpectationCommon, Quantifier, ReachVerdict } from './model.ts';
import { scanExpectation, type ExpectToken } from './expectation-tokens.ts';
import { compileExpectRegex } from '../regex/expect.ts';
import { parseLabelRef, parseObjectRef } from './object-refs.ts';

/** A parsed expectation, or the diagnostic for a bad line. */
export type ExpectationResult = { ok: true; expectation: Expectation } | { ok: false; diagnostic: Diagnostic };

/** What every expectation form shares, filled in from the line and its modifiers. */
type Common = ExpectationCommon;

class LineError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** The verdicts a reachability expectation may state. */
export const REACH_VERDICTS: readonly ReachVerdict[] = ['ok', 'blocked', 'refused', 'timeout', 'nxdomain', 'no-route'];
const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;
const ENDPOINT = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
/** A captured value used as a reach target: `$IP`. */
const VALUE_REF = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const QUANTIFIERS: readonly Quantifier[] = ['any', 'all'];
const USAGE =
  "expected '[any|all] SOURCE -> TARGET[:PORT] [udp|icmp] VERDICT', 'output [of N] contains|not-contains \"TEXT\"', " +
  "'output [of N] matches /REGEX/', 'exit [of N] CODE', 'applied KIND/NAME' or 'object KIND/NAME exists|absent|ready [N]'";

/** One row per expectation form: does this line start like it, and how to read it. */
interface ExpectationForm {
  name: string;
  starts(tokens: ExpectToken[]): boolean;
  read(tokens: ExpectToken[], common: Common): Expectation;
}

/** The expectation forms, tried in order. */
export const EXPECTATION_FORMS: readonly ExpectationForm[] = [
  {
    name: 'reach',
    starts: (t) => t[1]?.text === '->' || (QUANTIFIERS.includes(t[0].text as Quantifier) && t[2]?.text === '->'),
    read: readReach,
  },
  { name: 'output', starts: (t) => t[0].text === 'output', read: readOutput },
  { name: 'exit', starts: (t) => t[0].text === 'exit', read: readExit },
  { name: 'applied', starts: (t) => t[0].text === 'applied', read: readApplied },
  { name: 'object', starts: (t) => t[0].text === 'object', read: readObject },
];

/**
 * Parse one expectation line. `at` is the file position of the line's first character; errors
 * point at the offending token. `blockHidden` comes from an `expect hidden` info string.
 */
export function parseExpectation(line: string, at: SourcePos, blockHidden = false): ExpectationResult {
  const col = at.column ?? 1;
  const fail = (message: string, offset: number): ExpectationResult => ({
    ok: false,
    diagnostic: { severity: 'error', code: 'expectation-parse', message, pos: { ...at, column: col + offset } },
  });
  const lead = line.length - line.trimStart().length;
  const scanned = scanExpectation(line);
  if ('error' in scanned) return fail(scanned.error, scanned.offset);
  const all = scanned.tokens;
  const firstModifier = all.findIndex((t) => t.kind === 'modifiers');
  const tokens = firstModifier < 0 ? all : all.slice(0, firstModifier);
  const common: Common = { text: line.trim(), pos: { ...at, column: col + lead }, hidden: blockHidden };
  try {
    for (const t of firstModifier < 0 ? [] : all.slice(firstModifier)) readModifiers(t, common);
    if (tokens.length === 0) throw new LineError(USAGE, lead);
    const arrow = tokens.find((t) => t.kind === 'word' && t.text !== '->' && t.text.includes('->'));
    if (arrow) throw new LineError("put spaces around '->'", arrow.offset);
    const form = EXPECTATION_FORMS.find((f) => f.starts(tokens));
    if (!form) throw new LineError(USAGE, tokens[0].offset);
    return { ok: true, expectation: form.read(tokens, common) };
  } catch (e: unknown) {
    if (e instanceof LineError) return fail(e.message, e.offset);
    throw e;
  }
}

function readModifiers(t: ExpectToken, common: Common): void {
  if (t.kind !== 'modifiers') throw new LineError('only [modifiers] may follow a modifier', t.offset);
  let offset = t.offset + 1;
  for (const part of t.text.split(/(\s+)/)) {
    const here = offset;
    offset += part.length;
    if (part.trim() === '') continue;
    const [name, value] = part.split('=', 2) as [string, string | undefined];
    if (name === 'hidden' && value === undefined) common.hidden = true;
    else if (name === 'simulator' && value === undefined) common.simulatorOnly = true;
    else if (name === 'points' && value !== undefined && /^[1-9]\d{0,5}$/.test(value)) common.points = Number(value);
    else if (name === 'id' && value !== undefined && ID.test(value)) common.id = value;
    else throw new LineError(`unknown or malformed modifier '${part}' (known: hidden, simulator, points=N, id=NAME)`, here);
  }
}

function word(t: ExpectToken | undefined, what: string, after: ExpectToken): string {
  if (!t) throw new LineError(`expected ${what} after '${after.text}'`, after.offset + after.text.length);
  if (t.kind !== 'word') throw new LineError(`expected ${what}`, t.offset);
  return t.text;
}

/** Is `word` a reach side: a pod, ns/pod or node name, a selector (`deploy/api`, `app=api`), or (targets) `$VALUE`? */
function checkSide(t: ExpectToken, word: string, what: string, asTarget: boolean): void {
  if (asTarget && VALUE_REF.test(word)) return;
  if (parseObjectRef(word)) return;
  const labels = parseLabelRef(word);
  if (labels && 'error' in labels) throw new LineError(`${labels.error} in the selector '${word}'`, t.offset);
  if (labels) return;
  if (!ENDPOINT.test(word)) throw new LineError(`'${word}' is not ${what}`, t.offset);
}

function readReach(all: ExpectToken[], common: Common): Expectation {
  const quantified = all[1]?.text !== '->';
  const quantifier = quantified ? (all[0].text as Quantifier) : undefined;
  const tokens = quantified ? all.slice(1) : all;
  const [src, arrow, dst] = tokens;
  if (src.kind !== 'word') throw new LineError(`'${src.text}' is not a pod, namespace/pod, node name or selector`, src.offset);
  checkSide(src, src.text, 'a pod, namespace/pod, node name or selector', false);
  const target = word(dst, 'a target', arrow);
  // A label selector may contain no port colon; a ':' after the selector is the port as usual.
  const colon = target.lastIndexOf(':');
  const host = colon < 0 ? target : target.slice(0, colon);
  checkSide(dst, host, 'a pod, Service, node, DNS name, IP or selector', true);
  let port: number | undefined;
  if (colon >= 0) {
    const p = target.slice(colon + 1);
    port = /^\d{1,5}$/.test(p) ? Number(p) : NaN;
    if (!(port >= 1 && port <= 65535)) throw new LineError(`'${p}' is not a port (1-65535)`, dst.offset + colon + 1);
  }
  let i = 3;
  let protocol: 'tcp' | 'udp' | 'icmp' = 'tcp';
  const maybeProto = tokens[i];
  if (maybeProto && (PROTOCOLS as readonly string[]).includes(maybeProto.text)) {
    protocol = maybeProto.text as 'tcp' | 'udp' | 'icmp';
    i++;
  }
  if (protocol === 'icmp' && port !== undefined) throw new LineError('icmp takes no port', dst.offset + colon);
  if (protocol !== 'icmp' && port === undefined) {
    throw new LineError(`'${target}' needs a port for ${protocol} (e.g. ${target}:80), or write icmp`, dst.offset);
  }
  const verdictToken = tokens[i];
  const verdict = word(verdictToken, `a verdict (${REACH_VERDICTS.join('|')})`, tokens[i - 1]);
  if (!(REACH_VERDICTS as readonly string[]).includes(verdict)) {
    throw new LineError(`unknown verdict '${verdict}' (expected ${REACH_VERDICTS.join('|')})`, verdictToken.offset);
  }
  if (tokens[i + 1]) throw new LineError(`unexpected '${tokens[i + 1].text}'`, tokens[i + 1].offset);
  const base = {
    kind: 'reach' as const,
    from: src.text,
    to: host,
    port,
    protocol,
    expect: verdict as ReachVerdict,
    ...(quantifier ? { quantifier } : {}),
  };
  return { ...base, ...common };
}

/** `of N` after `output`, `exit` or `applied`: the 1-based command of the cell the check is bound to. */
function readBinding(tokens: ExpectToken[], at: number): { line?: number; next: number } {
  if (tokens[at]?.kind !== 'word' || tokens[at].text !== 'of') return { next: at };
  const n = word(tokens[at + 1], "a command number (1 = the cell's first command)", tokens[at]);
  if (!/^[1-9]\d{0,3}$/.test(n)) throw new LineError(`'${n}' is not a command number (1, 2, …)`, tokens[at + 1].offset);
  return { line: Number(n), next: at + 2 };
}

/** Output matchers: the word after `output`, the token kind it takes, and the model's matcher name. */
const OUTPUT_MATCHERS = [
  { word: 'contains', takes: 'string', matcher: 'contains' },
  { word: 'not-contains', takes: 'string', matcher: 'not-contains' },
  { word: 'matches', takes: 'regex', matcher: 'regex' },
] as const;

function readOutput(all: ExpectToken[], common: Common): Expectation {
  const { line, next } = readBinding(all, 1);
  const bound = line === undefined ? {} : { line };
  const tokens = [all[0], ...all.slice(next)];
  const verb = word(tokens[1], 'contains, not-contains or matches', all[next - 1]);
  const row = OUTPUT_MATCHERS.find((m) => m.word === verb);
  if (!row) throw new LineError(`unknown output matcher '${verb}' (expected contains, not-contains or matches)`, tokens[1].offset);
  const arg = tokens[2];
  const what = row.takes === 'string' ? 'a "quoted string"' : 'a /regex/';
  if (!arg || arg.kind !== row.takes)
    throw new LineError(`expected ${what} after '${verb}'`, arg ? arg.offset : tokens[1].offset + verb.length);
  if (tokens[3]) throw new LineError(`unexpected '${tokens[3].text}'`, tokens[3].offset);
  if (row.takes === 'regex') {
    checkRegex(arg);
    return { kind: 'output', matcher: 'regex', value: arg.text, flags: arg.flags || undefined, ...bound, ...common };
  }
  return { kind: 'output', matcher: row.matcher, value: arg.text, ...bound, ...common };
}

function checkRegex(arg: ExpectToken): void {
  try {
    new RegExp(arg.text, arg.flags); // JavaScript syntax and flags (compiled, never run)
    compileExpectRegex(arg.text, arg.flags); // and runnable in linear time (RE2: no lookaround, no backreferences)
  } catch (e: unknown) {
    throw new LineError(`invalid regex: ${e instanceof Error ? e.message : String(e)}`, arg.offset);
  }
}

function readExit(all: ExpectToken[], common: Common): Expectation {
  const { line, next } = readBinding(all, 1);
  const tokens = [all[0], ...all.slice(next)];
  const code = word(tokens[1], 'an exit code', all[next - 1]);
  if (!/^\d{1,3}$/.test(code) || Number(code) > 255) throw new LineError(`'${code}' is not an exit code (0-255)`, tokens[1].offset);
  if (tokens[2]) throw new LineError(`unexpected '${tokens[2].text}'`, tokens[2].offset);
  return { kind: 'output', matcher: 'exit-code', value: String(Number(code)), ...(line === undefined ? {} : { line }), ...common };
}

/** `applied KIND/NAME`: kubectl apply's line for that object says created, configured or unchanged. */
function readApplied(all: ExpectToken[], common: Common): Expectation {
  const { line, next } = readBinding(all, 1);
  const ref = word(all[next], 'KIND/NAME (e.g. service/web, deploy/web)', all[next - 1]);
  const m = /^([a-z][a-z0-9]*)(\.[a-z0-9.-]+)?\/([a-z0-9]([a-z0-9.-]*[a-z0-9])?)$/.exec(ref);
  if (!m) throw new LineError(`'${ref}' is not KIND/NAME (e.g. service/web, deploy/web)`, all[next].offset);
  if (all[next + 1]) throw new LineError(`unexpected '${all[next + 1].text}'`, all[next + 1].offset);
  return { kind: 'output', matcher: 'applied', value: ref, ...(line === undefined ? {} : { line }), ...common };
}

/** `object KIND/NAME exists|absent|ready [N]`: asked of the cluster when the cell has run. */
function readObject(tokens: ExpectToken[], common: Common): Expectation {
  const refWord = word(tokens[1], 'KIND/NAME (pod, svc, deploy, rs or node)', tokens[0]);
  const ref = parseObjectRef(refWord);
  if (!ref) throw new LineError(`'${refWord}' is not [NAMESPACE/]KIND/NAME with KIND pod, svc, deploy, rs or node`, tokens[1].offset);
  const state = word(tokens[2], 'exists, absent or ready', tokens[1]);
  if (state !== 'exists' && state !== 'absent' && state !== 'ready')
    throw new LineError(`unknown object state '${state}' (expected exists, absent or ready)`, tokens[2].offset);
  let count: number | undefined;
  let i = 3;
  if (state === 'ready' && tokens[3]) {
    if (ref.resource === 'pod' || ref.resource === 'node')
      throw new LineError(`a ${ref.resource} is ready or not: write 'ready' without a count`, tokens[3].offset);
    if (!/^\d{1,5}$/.test(tokens[3].text)) throw new LineError(`'${tokens[3].text}' is not a count`, tokens[3].offset);
    count = Number(tokens[3].text);
    i = 4;
  }
  if (tokens[i]) throw new LineError(`unexpected '${tokens[i].text}'`, tokens[i].offset);
  const { resource, name, namespace } = ref;
  return {
    kind: 'object',
    resource,
    name,
    ...(namespace ? { namespace } : {}),
    state,
    ...(count === undefined ? {} : { count }),
    ...common,
  };
}

/** A parsed capture line, or the diagnostic for a bad one. */
export type CaptureResult = { ok: true; capture: Capture } | { ok: false; diagnostic: Diagnostic };

const CAPTURE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CAPTURE_USAGE = "expected 'capture NAME = KIND/NAME .FIELD' or 'capture NAME = output [of N] /REGEX/'";

/** Is this expect-block line a capture (`capture NAME = …`)? */
export function isCaptureLine(line: string): boolean {
  return /^\s*capture\s/.test(line);
}

/**
 * Parse `capture NAME = pod/busybox .status.podIP` or `capture NAME = output [of N] /REGEX/` (the first group,
 * else the whole match). `at` is the position of the line's first character.
 */
export function parseCapture(line: string, at: SourcePos): CaptureResult {
  const col = at.column ?? 1;
  const lead = line.length - line.trimStart().length;
  const fail = (message: string, offset: number): CaptureResult => ({
    ok: false,
    diagnostic: { severity: 'error', code: 'expectation-parse', message, pos: { ...at, column: col + offset } },
  });
  const scanned = scanExpectation(line);
  if ('error' in scanned) return fail(scanned.error, scanned.offset);
  const t = scanned.tokens;
  try {
    const name = word(t[1], 'a NAME', t[0]);
    if (!CAPTURE_NAME.test(name)) throw new LineError(`'${name}' is not a value name (letters, digits, _)`, t[1].offset);
    if (t[2]?.text !== '=') throw new LineError(CAPTURE_USAGE, t[2]?.offset ?? line.length);
    const source = word(t[3], 'KIND/NAME or output', t[2]);
    const base = { name, text: line.trim(), pos: { ...at, column: col + lead } };
    if (source === 'output') {
      const { line: bound, next } = readBinding(t, 4);
      const re = t[next];
      if (!re || re.kind !== 'regex') throw new LineError("expected a /regex/ after 'output'", re?.offset ?? line.length);
      checkRegex(re);
      if (t[next + 1]) throw new LineError(`unexpected '${t[next + 1].text}'`, t[next + 1].offset);
      return {
        ok: true,
        capture: {
          ...base,
          from: {
            kind: 'output',
            regex: re.text,
            ...(re.flags ? { flags: re.flags } : {}),
            ...(bound === undefined ? {} : { line: bound }),
          },
        },
      };
    }
    const labels = parseLabelRef(source);
    if (!parseObjectRef(source) && !(labels && !('error' in labels)))
      throw new LineError(`'${source}' is not KIND/NAME, a label selector or output`, t[3].offset);
    const field = word(t[4], 'a .field (e.g. .status.podIP)', t[3]);
    if (!field.startsWith('.')) throw new LineError(`'${field}' is not a .field (e.g. .status.podIP)`, t[4].offset);
    if (t[5]) throw new LineError(`unexpected '${t[5].text}'`, t[5].offset);
    return { ok: true, capture: { ...base, from: { kind: 'object', ref: source, field } } };
  } catch (e: unknown) {
    if (e instanceof LineError) return fail(e.message, e.offset);
    throw e;
  }
}
