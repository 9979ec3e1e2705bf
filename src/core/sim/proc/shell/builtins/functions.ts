// Builtins of shell functions: `return` and `local`.
import { ExitSignal, ReturnSignal } from '../signals.ts';
import type { Builtin } from './types.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `return [N]`: leave the running function or sourced file with N (default `$?`), taken modulo 256. Outside of
 * both, bash refuses (status 2) and goes on, while BusyBox ash and dash end a `-c` script or a script file with it,
 * as if it were `exit` (ash's returncmd unwinds to the top level).
 */
export const returnBuiltin: Builtin = ({ sh, argv, error }) => {
  const bash = sh.flavour.name === 'bash';
  const inside = sh.funcDepth > 0 || sh.sourceDepth > 0;
  if (bash && !inside) {
    error("can only `return' from a function or sourced script", 'return');
    return 2;
  }
  const arg = argv[1];
  let status = sh.status;
  if (arg !== undefined) {
    if (bash ? !/^[+-]?\d+$/.test(arg) : !/^\d+$/.test(arg)) {
      if (bash) {
        error(`${arg}: numeric argument required`, 'return');
        status = 2;
      } else {
        error(`Illegal number: ${arg}`, 'return');
        throw new ExitSignal(2);
      }
    } else status = ((Number(arg) % 256) + 256) % 256;
  }
  if (!inside) throw new ExitSignal(status);
  throw new ReturnSignal(status);
};

/**
 * `local NAME[=VALUE]...`: the names belong to the running function until it returns; `local NAME` alone leaves
 * the name unset there (bash 5.2 and BusyBox ash 1.35 alike). Outside a function bash refuses with status 1;
 * ash ends the script with status 2. bash's `-x` exports; its other attribute options are accepted and ignored.
 */
export const local: Builtin = ({ sh, argv, error }) => {
  const bash = sh.flavour.name === 'bash';
  if (sh.funcDepth === 0) {
    if (bash) {
      error('can only be used in a function', 'local');
      return 1;
    }
    error('not in a function', 'local');
    throw new ExitSignal(2);
  }
  let status = 0;
  let exported = false;
  for (const a of argv.slice(1)) {
    if (bash && /^[-+][a-zA-Z]+$/.test(a)) {
      if (a.includes('x')) exported = a[0] === '-';
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) {
      if (bash) {
        error(`\`${a}': not a valid identifier`, 'local');
        status = 1;
        continue;
      }
      error(`${name}: bad variable name`);
      throw new ExitSignal(2);
    }
    sh.makeLocal(name, eq < 0 ? undefined : a.slice(eq + 1));
    if (exported) sh.exported.add(name);
  }
  return status;
};
