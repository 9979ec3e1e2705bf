// Command-line options as C getopt/getopt_long read them: clusters (-sS), attached values (-ofile, -qO-),
// long options with = or a separate value, and `--`.

export interface OptionSpec {
  /** Short letters that take a value: "oOmwHXd". */
  withValue: string;
  /** Short letters that take none. */
  flags: string;
  /** Long names → the short letter they alias (or the long name itself) and whether they take a value. */
  long: Record<string, { key: string; value: boolean }>;
  /** Stop at the first positional (POSIX) instead of permuting (GNU). */
  posixly?: boolean;
  /** Read `-N` as this option with value N (`head -5` is `head -n 5`). */
  numberAs?: string;
}

export type ParsedOptions =
  | { ok: true; opts: { key: string; value?: string }[]; args: string[] }
  | { ok: false; kind: 'unknown' | 'missing'; option: string; /** The argument as given ("--bad=1"). */ arg: string };

export function getopt(argv: string[], spec: OptionSpec): ParsedOptions {
  const opts: { key: string; value?: string }[] = [];
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const def = spec.long[name];
      if (!def) return { ok: false, kind: 'unknown', option: a.slice(0, eq < 0 ? undefined : eq), arg: a };
      if (!def.value) opts.push({ key: def.key });
      else if (eq >= 0) opts.push({ key: def.key, value: a.slice(eq + 1) });
      else if (i + 1 < argv.length) opts.push({ key: def.key, value: argv[++i] });
      else return { ok: false, kind: 'missing', option: a, arg: a };
      continue;
    }
    if (spec.numberAs && /^-\d+$/.test(a)) {
      opts.push({ key: spec.numberAs, value: a.slice(1) });
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (spec.flags.includes(c)) opts.push({ key: c });
        else if (spec.withValue.includes(c)) {
          const rest = a.slice(j + 1);
          if (rest) opts.push({ key: c, value: rest });
          else if (i + 1 < argv.length) opts.push({ key: c, value: argv[++i] });
          else return { ok: false, kind: 'missing', option: `-${c}`, arg: a };
          break;
        } else return { ok: false, kind: 'unknown', option: `-${c}`, arg: a };
      }
      continue;
    }
    args.push(a);
    if (spec.posixly) {
      args.push(...argv.slice(i + 1));
      break;
    }
  }
  return { ok: true, opts, args };
}
