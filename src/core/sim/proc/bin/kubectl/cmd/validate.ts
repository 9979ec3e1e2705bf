// --validate: kubectl's field validation modes, mapped to the API's fieldValidation.
import type { FlagSpec, Flags } from '../flags.ts';

export const VALIDATE_FLAG: FlagSpec = {
  name: 'validate',
  type: 'string',
  default: "'strict'",
  noOptDefVal: 'strict',
  help: 'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid.',
};

/** Strict/Warn/Ignore, or undefined for a value kubectl refuses. */
export function fieldValidation(f: Flags): 'Strict' | 'Warn' | 'Ignore' | undefined {
  const v = f.str('validate', 'strict').toLowerCase();
  if (v === 'strict' || v === 'true') return 'Strict';
  if (v === 'warn') return 'Warn';
  if (v === 'ignore' || v === 'false') return 'Ignore';
  return undefined;
}
