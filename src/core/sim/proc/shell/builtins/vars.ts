// Builtins for variables and parameters: export, unset, set, shift, read.
import type { Builtin } from './types.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `export [-p] [NAME[=VALUE]...]`; without names, lists exported variables as the shell would re-read them. */
export const exportBuiltin: Builtin = ({ sh, io, argv, error }) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    const names = [...sh.exported].sort();
    for (const n of names) {
      const v = sh.get(n);
      if (sh.flavour.name === 'bash')
        io.stdout.write(v === undefined ? `declare -x ${n}\n` : `declare -x ${n}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
      else if (v !== undefined) io.stdout.write(`export ${n}='${v.replace(/'/g, `'"'"'`)}'\n`);
    }
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) {
      error(sh.flavour.name === 'bash' ? `\`${a}': not a valid identifier` : `bad variable name`, 'export');
      status = 1;
      continue;
    }
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1), true);
    else if (sh.get(name) !== undefined) sh.exported.add(name);
    else if (sh.flavour.name === 'bash') sh.exported.add(name);
  }
  return status;
};

/**
 * `unset [-v|-f] NAME...`: -v variables, -f functions. Without either, bash unsets the variable, or the function
 * of that name when there is no such variable; BusyBox ash unsets only the variable.
 */
export const unset: Builtin = ({ sh, argv }) => {
  let mode: 'v' | 'f' | undefined;
  for (const a of argv.slice(1)) {
    if (a === '-v' || a === '-f') {
      mode = a === '-v' ? 'v' : 'f';
      continue;
    }
    if (mode === 'f') sh.functions.delete(a);
    else if (mode === undefined && sh.flavour.name === 'bash' && sh.get(a) === undefined && sh.functions.has(a)) sh.functions.delete(a);
    else sh.unset(a);
  }
  return 0;
};

function setOption(options: Set<string>, name: string, on: boolean): void {
  if (on) options.add(name);
  else options.delete(name);
}

/** `set -- ARGS` replaces the positional parameters; options set `sh.options` (errexit and pipefail act; the others are accepted and not modelled). */
export const set: Builtin = ({ sh, io, argv }) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    const names = [...sh.vars.keys()].sort();
    for (const n of names) io.stdout.write(`${n}='${(sh.get(n) ?? '').replace(/'/g, `'\\''`)}'\n`);
    return 0;
  }
  const SHORT: Record<string, string> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber' };
  for (let i = 0; i < args.length && /^[-+]/.test(args[i]) && args[i] !== '--'; i++) {
    const on = args[i][0] === '-';
    const letters = args[i].slice(1);
    for (const l of letters) {
      if (l === 'o') {
        const name = args[++i];
        if (name !== undefined) setOption(sh.options, name, on);
      } else if (SHORT[l]) setOption(sh.options, SHORT[l], on);
    }
  }
  const dd = args.indexOf('--');
  if (dd >= 0) sh.positional = args.slice(dd + 1);
  else {
    const firstNonOption = args.findIndex((a, i) => !/^[-+]/.test(a) && args[i - 1] !== '-o' && args[i - 1] !== '+o');
    if (firstNonOption >= 0) sh.positional = args.slice(firstNonOption);
  }
  return 0;
};

export const shift: Builtin = ({ sh, argv, error }) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0 || n > sh.positional.length) {
    if (sh.flavour.name !== 'bash') error(`can't shift that many`, 'shift');
    return 1;
  }
  sh.positional = sh.positional.slice(n);
  return 0;
};

/** `read [-r] [-p PROMPT] [NAME...]`: one line of stdin split into the names (the last gets the rest). */
export const read: Builtin = ({ sh, io, argv }) => {
  let raw = false;
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === '-r') raw = true;
    else if (argv[i] === '-p') io.stderr.write(argv[++i] ?? '');
    else names.push(argv[i]);
  }
  if (names.length === 0) names.push('REPLY');
  const line = io.stdin.readLine();
  if (line === undefined) {
    for (const n of names) sh.setVar(n, '');
    return 1;
  }
  let text = line.text;
  if (!raw) text = text.replace(/\\(.)/g, '$1');
  const ifs = sh.get('IFS') ?? ' \t\n';
  if (names.length === 1 && names[0] === 'REPLY') sh.setVar('REPLY', text);
  else {
    const fields = splitForRead(text, ifs, names.length);
    names.forEach((n, i) => sh.setVar(n, fields[i] ?? ''));
  }
  return line.complete ? 0 : 1;
};

function splitForRead(text: string, ifs: string, count: number): string[] {
  const ws = [...ifs].filter((c) => /\s/.test(c)).join('');
  const trimmed = ws ? text.replace(new RegExp(`^[${escapeClass(ws)}]+|[${escapeClass(ws)}]+$`, 'g'), '') : text;
  const out: string[] = [];
  let rest = trimmed;
  while (out.length < count - 1 && rest !== '') {
    const m = new RegExp(`[${escapeClass(ifs)}]+`).exec(rest);
    if (!m) break;
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  out.push(rest);
  return out;
}

function escapeClass(s: string): string {
  return s
    .replace(/[\\\]^-]/g, '\\$&')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n');
}
