// The core tools' option spec, read by the one getopt (../getopt.ts): combined short flags (-la), values (-n 5, -n5, -d:), long options
// (--lines=5), `--`, and `-5` number shorthands (head, tail).
import { getopt } from '../getopt.ts';

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
  /** Every value of an option given more than once, in order (`sort -k 2 -k 1`); `values` keeps the last. */
  lists: Map<string, string[]>;
  args: string[];
}

export type OptionError = { error: string };

/**
 * Parse argv[1..] with getopt (../getopt.ts): options may appear after operands (GNU), and stop at `--`.
 * Errors are worded as GNU getopt prints them after "PROG: ".
 */
export function parseOptions(argv: string[], spec: OptionSpec): Options | OptionError {
  const valued = spec.values ?? '';
  const long: Record<string, { key: string; value: boolean }> = {};
  for (const [name, key] of Object.entries(spec.long ?? {}))
    long[name] = { key, value: (spec.longValues ?? []).includes(name) || valued.includes(key) };
  const r = getopt(argv.slice(1), { flags: spec.flags ?? '', withValue: valued, long, numberAs: spec.numberAs });
  if (!r.ok) {
    if (r.option.startsWith('--'))
      return { error: r.kind === 'unknown' ? `unrecognized option '${r.arg}'` : `option '${r.option}' requires an argument` };
    const c = r.option.slice(1);
    return { error: r.kind === 'unknown' ? `invalid option -- '${c}'` : `option requires an argument -- '${c}'` };
  }
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  for (const o of r.opts) {
    if (o.value === undefined) flags.add(o.key);
    else {
      values.set(o.key, o.value);
      lists.set(o.key, [...(lists.get(o.key) ?? []), o.value]);
    }
  }
  return { flags, values, lists, args: r.args };
}
