// echo and printf as builtins (the same words as /bin/echo and /usr/bin/printf, see bin/coreutils).
import { formatPrintf, unescape } from '../printf-format.ts';
import type { Builtin } from './types.ts';

/**
 * What `echo ARGS` prints. GNU/BusyBox/bash: leading -n/-e/-E options, escapes only with -e.
 * dash: only -n, and escapes always.
 */
export function renderEcho(args: string[], escapes: 'always' | 'with-e'): string {
  let newline = true;
  let interpret = escapes === 'always';
  let i = 0;
  const optionWord = escapes === 'always' ? /^-n+$/ : /^-[neE]+$/;
  for (; i < args.length && optionWord.test(args[i]); i++) {
    for (const f of args[i].slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') interpret = true;
      else if (f === 'E') interpret = false;
    }
  }
  const text = args.slice(i).join(' ');
  if (!interpret) return newline ? `${text}\n` : text;
  const u = unescape(text, true);
  return u.stop || !newline ? u.text : `${u.text}\n`;
}

export const echo: Builtin = ({ sh, io, argv }) => {
  io.stdout.write(renderEcho(argv.slice(1), sh.flavour.echoEscapes));
  return 0;
};

export const printf: Builtin = ({ io, argv, error }) => {
  if (argv.length < 2) {
    error('usage: printf [-v var] format [arguments]', 'printf');
    return 2;
  }
  const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
  const r = formatPrintf(args[0] ?? '', args.slice(1));
  io.stdout.write(r.out);
  for (const e of r.errors) error(e, 'printf');
  return r.errors.length > 0 ? 1 : 0;
};
