// The nesting depth of the shell grammar while parsing: `{ { {`, `( (`, `$( $(`, `${x:-${y:-`, if/while bodies.
// Parsing is synchronous, so one counter for the parse running now is enough; past the limit a LimitError.
import { nestingTooDeep, USERLAND_LIMITS } from '../limits.ts';

let depth = 0;

/** Parse `fn` one level deeper; throws LimitError past USERLAND_LIMITS.maxNesting. */
export function nested<T>(fn: () => T): T {
  if (depth >= USERLAND_LIMITS.maxNesting) throw nestingTooDeep();
  depth++;
  try {
    return fn();
  } finally {
    depth--;
  }
}
