// Expectation lines: `busybox -> nginx-pod:80 ok`, `output contains "..."`, `exit 0`, with [modifiers].
import type { Diagnostic, SourcePos } from '../errors.ts';
import type { Expectation, ExpectationCommon, ReachVerdict } from './model.ts';
import { scanExpectation, type ExpectToken } from './expectation-tokens.ts';
import { compileExpectRegex } from '../regex/expect.ts';

/** A parsed expectation, or the diagnostic for a bad line. */
export type ExpectationResult = { ok: true; expectation: Expectation } | { ok: false; diagnostic: Diagnostic };

/** What every expectation form shares, filled in from the line and its modifiers. */
type Common = ExpectationCommon;

class LineError {
  constructor(readonly message: string, readonly offset: number) {}
}

/** The verdicts a reachability expectation may state. */
export const REACH_VERDICTS: readonly ReachVerdict[] = ['ok', 'blocked', 'refused', 'timeout', 'nxdomain', 'no-route'];
const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;
const ENDPOINT = /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\/)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const USAGE = "expected 'SOURCE -> TARGET[:PORT] [udp|icmp] VERDICT', 'output contains|not-contains \"TEXT\"', 'output matches /REGEX/' or 'exit CODE'";

/** One row per expectation form: does this line start like it, and how to read it. */
interface ExpectationForm {
  name: string;
  starts(tokens: ExpectToken[]): boolean;
  read(tokens: ExpectToken[], common: Common): Expectation;
}

/** The expectation forms, tried in order. */
export const EXPECTATION_FORMS: readonly ExpectationForm[] = [
  { name: 'reach', starts: (t) => t[1]?.text === '->', read: readReach },
  { name: 'output', starts: (t) => t[0].text === 'output', read: readOutput },
  { name: 'exit', starts: (t) => t[0].text === 'exit', read: readExit },
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

function readReach(tokens: ExpectToken[], common: Common): Expectation {
  const [src, arrow, dst] = tokens;
  if (src.kind !== 'word' || !ENDPOINT.test(src.text)) throw new LineError(`'${src.text}' is not a pod, namespace/pod or node name`, src.offset);
  const target = word(dst, 'a target', arrow);
  const colon = target.lastIndexOf(':');
  const host = colon < 0 ? target : target.slice(0, colon);
  if (!ENDPOINT.test(host)) throw new LineError(`'${host}' is not a pod, Service, node, DNS name or IP`, dst.offset);
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
  const base = { kind: 'reach' as const, from: src.text, to: host, port, protocol, expect: verdict as ReachVerdict };
  return { ...base, ...common };
}

/** Output matchers: the word after `output`, the token kind it takes, and the model's matcher name. */
const OUTPUT_MATCHERS = [
  { word: 'contains', takes: 'string', matcher: 'contains' },
  { word: 'not-contains', takes: 'string', matcher: 'not-contains' },
  { word: 'matches', takes: 'regex', matcher: 'regex' },
] as const;

function readOutput(tokens: ExpectToken[], common: Common): Expectation {
  const verb = word(tokens[1], 'contains, not-contains or matches', tokens[0]);
  const row = OUTPUT_MATCHERS.find((m) => m.word === verb);
  if (!row) throw new LineError(`unknown output matcher '${verb}' (expected contains, not-contains or matches)`, tokens[1].offset);
  const arg = tokens[2];
  const what = row.takes === 'string' ? 'a "quoted string"' : 'a /regex/';
  if (!arg || arg.kind !== row.takes) throw new LineError(`expected ${what} after '${verb}'`, arg ? arg.offset : tokens[1].offset + verb.length);
  if (tokens[3]) throw new LineError(`unexpected '${tokens[3].text}'`, tokens[3].offset);
  if (row.takes === 'regex') {
    try {
      new RegExp(arg.text, arg.flags); // JavaScript syntax and flags (compiled, never run)
      compileExpectRegex(arg.text, arg.flags); // and runnable in linear time (RE2: no lookaround, no backreferences)
    } catch (e: unknown) {
      throw new LineError(`invalid regex: ${e instanceof Error ? e.message : String(e)}`, arg.offset);
    }
    return { kind: 'output', matcher: 'regex', value: arg.text, flags: arg.flags || undefined, ...common };
  }
  return { kind: 'output', matcher: row.matcher, value: arg.text, ...common };
}

function readExit(tokens: ExpectToken[], common: Common): Expectation {
  const code = word(tokens[1], 'an exit code', tokens[0]);
  if (!/^\d{1,3}$/.test(code) || Number(code) > 255) throw new LineError(`'${code}' is not an exit code (0-255)`, tokens[1].offset);
  if (tokens[2]) throw new LineError(`unexpected '${tokens[2].text}'`, tokens[2].offset);
  return { kind: 'output', matcher: 'exit-code', value: String(Number(code)), ...common };
}
