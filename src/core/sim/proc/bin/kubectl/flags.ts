// A small flag parser with cobra/pflag's rules and error texts: -n ns, -nns, -n=ns, --namespace=ns, bools, `--`.
import { parseGoDuration } from '../../../../duration.ts';

export type FlagType = 'bool' | 'string' | 'int' | 'duration' | 'stringArray' | 'stringSlice';

/** One flag a command accepts. */
export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Default as kubectl's help shows it (`--replicas=1`). */
  default?: string;
  /** pflag's NoOptDefVal: the value a bare `--flag` takes (bools: "true"; --dry-run: "unchanged"). */
  noOptDefVal?: string;
  help: string;
  /** Left out of help (deprecated or internal). */
  hidden?: boolean;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedFlags {
  /** Values of flags given on the command line, by long name (stringArray flags accumulate). */
  values: Map<string, FlagValue>;
  /** Positional arguments, in order (including those after `--`). */
  args: string[];
  /** cobra's ArgsLenAtDash: how many positional args came before `--`, or -1 when there was no `--`. */
  argsLenAtDash: number;
  /** `-h` or `--help` was given. */
  help: boolean;
}

export type ParseResult = { ok: true; parsed: ParsedFlags } | { ok: false; error: string };

/** Go's strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

function flagDisplay(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function convert(spec: FlagSpec, raw: string): { ok: true; value: FlagValue } | { ok: false; error: string } {
  const bad = (why: string) => ({ ok: false as const, error: `invalid argument "${raw}" for "${flagDisplay(spec)}" flag: ${why}` });
  switch (spec.type) {
    case 'bool': {
      const b = parseBool(raw);
      return b === undefined ? bad(`strconv.ParseBool: parsing "${raw}": invalid syntax`) : { ok: true, value: b };
    }
    case 'int': {
      if (!/^[+-]?\d+$/.test(raw)) return bad(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
      return { ok: true, value: Number(raw) };
    }
    case 'duration': {
      const d = parseGoDuration(raw);
      return d === undefined ? bad(`time: invalid duration "${raw}"`) : { ok: true, value: d };
    }
    default:
      return { ok: true, value: raw };
  }
}

/**
 * Parse argv (without the command words) against the specs, the way cobra does with interspersed
 * flags: flags may come before, between or after positional args; `--` ends flag parsing.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParseResult {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  let argsLenAtDash = -1;
  let help = false;

  const set = (spec: FlagSpec, raw: string): string | undefined => {
    const c = convert(spec, raw);
    if (!c.ok) return c.error;
    if (spec.type === 'stringArray' || spec.type === 'stringSlice') {
      const prev = values.get(spec.name);
      // pflag's StringSlice splits on commas; StringArray keeps each value whole.
      const add = spec.type === 'stringSlice' ? raw.split(',') : [raw];
      values.set(spec.name, [...(Array.isArray(prev) ? prev : []), ...add]);
    } else values.set(spec.name, c.value);
    return undefined;
  };
  const noOpt = (spec: FlagSpec) => spec.noOptDefVal ?? (spec.type === 'bool' ? 'true' : undefined);

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const body = a.slice(2);
      if (body === '' || body[0] === '-' || body[0] === '=') return { ok: false, error: `bad flag syntax: ${a}` };
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name) ?? byName.get(name.replace(/_/g, '-'));
      if (!spec) {
        if (name === 'help') {
          help = true;
          continue;
        }
        return { ok: false, error: `unknown flag: --${name}` };
      }
      let raw: string;
      if (eq >= 0) raw = body.slice(eq + 1);
      else if (noOpt(spec) !== undefined) raw = noOpt(spec) as string;
      else if (i + 1 < argv.length) raw = argv[++i];
      else return { ok: false, error: `flag needs an argument: ${a}` };
      const err = set(spec, raw);
      if (err) return { ok: false, error: err };
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let shorts = a.slice(1);
      while (shorts.length > 0) {
        const c = shorts[0];
        const spec = byShort.get(c);
        if (!spec) {
          if (c === 'h') {
            help = true;
            shorts = shorts.slice(1);
            continue;
          }
          return { ok: false, error: `unknown shorthand flag: '${c}' in -${a.slice(1)}` };
        }
        let raw: string;
        if (shorts.length > 2 && shorts[1] === '=') {
          raw = shorts.slice(2);
          shorts = '';
        } else if (noOpt(spec) !== undefined) {
          raw = noOpt(spec) as string;
          shorts = shorts.slice(1);
        } else if (shorts.length > 1) {
          raw = shorts.slice(1);
          shorts = '';
        } else if (i + 1 < argv.length) {
          raw = argv[++i];
          shorts = '';
        } else return { ok: false, error: `flag needs an argument: '${c}' in -${a.slice(1)}` };
        const err = set(spec, raw);
        if (err) return { ok: false, error: err };
      }
      continue;
    }
    args.push(a);
  }
  return { ok: true, parsed: { values, args, argsLenAtDash, help } };
}

/** Typed accessors with defaults. */
export class Flags {
  constructor(readonly parsed: ParsedFlags) {}
  has(name: string): boolean {
    return this.parsed.values.has(name);
  }
  str(name: string, dflt = ''): string {
    const v = this.parsed.values.get(name);
    return typeof v === 'string' ? v : dflt;
  }
  bool(name: string, dflt = false): boolean {
    const v = this.parsed.values.get(name);
    return typeof v === 'boolean' ? v : dflt;
  }
  int(name: string, dflt: number): number {
    const v = this.parsed.values.get(name);
    return typeof v === 'number' ? v : dflt;
  }
  /** Durations in ms. */
  duration(name: string, dflt: number): number {
    return this.int(name, dflt);
  }
  list(name: string): string[] {
    const v = this.parsed.values.get(name);
    return Array.isArray(v) ? v : [];
  }
  get args(): string[] {
    return this.parsed.args;
  }
}
