// Named values (`capture IP = …`): `$IP` and `${IP}` in later cells' lines and checks become the captured text.
import type { Expectation } from '../lesson/model.ts';

/** Captured values by name, in the order they were captured. */
export type Values = ReadonlyMap<string, string>;

const REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Replace `$NAME` / `${NAME}` for captured names only; every other `$word` (a shell variable, `$HOME`) is left
 * for the shell. Textual, like a learner retyping what they read: quotes do not protect a captured name.
 */
export function substituteValues(text: string, values: Values): string {
  if (values.size === 0 || !text.includes('$')) return text;
  return text.replace(REF, (whole, braced: string | undefined, bare: string | undefined) => values.get(braced ?? bare ?? '') ?? whole);
}

/** The names `$NAME` / `${NAME}` a text refers to (captured or not). */
export function valueNames(text: string): string[] {
  return [...text.matchAll(REF)].map((m) => m[1] ?? m[2]);
}

/** An expectation with captured values substituted in what it compares (its text stays as written). */
export function withValues<E extends Expectation>(exp: E, values: Values): E {
  if (values.size === 0) return exp;
  if (exp.kind === 'reach') return { ...exp, from: substituteValues(exp.from, values), to: substituteValues(exp.to, values) };
  // a regex's `$` is an anchor unless a captured name follows it
  if (exp.kind === 'output') return { ...exp, value: substituteValues(exp.value, values) };
  return exp;
}
