// The table of shell builtins (the same set in bash, ash and dash for what lessons type); add a row to add one.
import { cd, pwd } from './cd-pwd.ts';
import { echo, printf } from './echo.ts';
import { breakBuiltin, continueBuiltin, exit, falseBuiltin, trueBuiltin } from './flow.ts';
import { local, returnBuiltin } from './functions.ts';
import { jobs, wait } from './jobs.ts';
import { alias, command, evalBuiltin, isBuiltinName, type, unalias } from './lookup.ts';
import { source } from './source.ts';
import { test } from './test.ts';
import type { Builtin } from './types.ts';
import { exportBuiltin, read, set, shift, unset } from './vars.ts';

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  [':', trueBuiltin],
  ['true', trueBuiltin],
  ['false', falseBuiltin],
  ['cd', cd],
  ['pwd', pwd],
  ['echo', echo],
  ['printf', printf],
  ['export', exportBuiltin],
  ['unset', unset],
  ['set', set],
  ['shift', shift],
  ['read', read],
  ['exit', exit],
  ['break', breakBuiltin],
  ['continue', continueBuiltin],
  ['return', returnBuiltin],
  ['local', local],
  ['test', test],
  ['[', test],
  ['type', type],
  ['command', command],
  ['alias', alias],
  ['unalias', unalias],
  ['eval', evalBuiltin],
  ['wait', wait],
  ['jobs', jobs],
  ['.', source],
  ['source', source],
]);

isBuiltinName.test = (name) => BUILTINS.has(name);

export { KEYWORDS } from './lookup.ts';
export type { Builtin, BuiltinCall, ShellOps } from './types.ts';
