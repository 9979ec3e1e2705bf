// A small getopt for the core tools: combined short flags (-la), values (-n 5, -n5, -d:), long options
// (--lines=5), `--`, and `-5` number shorthands (head, tail).

export interface OptionSpec {
  /** Short flags without a value, e.g. "lav". */
  flags?: string;
  /** Short options that take a value, e.g. "nd". */
  values?: string;
  /** Long option name -> short letter (or the long name itself for long-only options). */
  long?: Record<string, string>;
  /** Long options that take a value. */
  longValues?: string[];
  /** Accept `-N` as `-n N` (head, tail). */
  numberAs?: string;
}

export interface Options {
  flags: Set<string>;
  values: Map<string, string>;
  args: string[];
}

export type OptionError = { error: string };

/** Parse argv[1..]; options stop at `--` or (GNU-style) may appear after operands. */
export function parseOptions(argv: string[], spec: OptionSpec): Options | OptionError {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const args: string[] = [];
  const short = spec.flags ?? '';
  const valued = spec.values ?? '';
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const key = spec.long?.[name];
      if (key === undefined) return { error: `unrecognized option '${a}'` };
      if ((spec.longValues ?? []).includes(name) || valued.includes(key)) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { error: `option '--${name}' requires an argument` };
        values.set(key, v);
      } else flags.add(key);
      continue;
    }
    if (a === '-' || !a.startsWith('-')) {
      args.push(a);
      continue;
    }
    if (spec.numberAs && /^-\d+$/.test(a)) {
      values.set(spec.numberAs, a.slice(1));
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (valued.includes(c)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (v === undefined) return { error: `option requires an argument -- '${c}'` };
        values.set(c, v);
        break;
      }
      if (!short.includes(c)) return { error: `invalid option -- '${c}'` };
      flags.add(c);
    }
  }
  return { flags, values, args };
}
