// Builtins that steer the shell: exit, break, continue, true, false, `:`.
import { ExitSignal, LoopSignal } from '../signals.ts';
import type { Builtin, BuiltinCall } from './types.ts';

export const exit: Builtin = ({ sh, io, argv, error }) => {
  // bash says goodbye when an interactive shell (not a subshell) leaves through `exit`.
  if (sh.interactive && !sh.subshell && sh.flavour.echoesExit) io.stderr.write('exit\n');
  const arg = argv[1];
  if (arg === undefined) throw new ExitSignal(sh.status);
  if (!/^[+-]?\d+$/.test(arg)) {
    error(sh.flavour.name === 'bash' ? `${arg}: numeric argument required` : `Illegal number: ${arg}`, 'exit');
    throw new ExitSignal(2);
  }
  throw new ExitSignal(((Number(arg) % 256) + 256) % 256);
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return ({ argv, error }: BuiltinCall) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n) || n < 1) {
      error(`${argv[1]}: loop count out of range`, kind);
      return 1;
    }
    throw new LoopSignal(kind, n);
  };
}

export const breakBuiltin = loopControl('break');
export const continueBuiltin = loopControl('continue');
export const trueBuiltin: Builtin = () => 0;
export const falseBuiltin: Builtin = () => 1;
