// `output matches /re/flags` in lessons: JavaScript regex syntax, run by RE2 in linear time. The flags i, m and s
// mean what they mean in JavaScript; g, y, u, d and v change nothing about whether a text matches.
import { LinearRegex } from './linear-regex.ts';

/** Compile an expectation's regex; throws RegexSyntaxError for what RE2 cannot run (lookaround, backreferences). */
export function compileExpectRegex(source: string, flags = ''): LinearRegex {
  return LinearRegex.compile(source, 'js', {
    ignoreCase: flags.includes('i'),
    multiline: flags.includes('m'),
    dotAll: flags.includes('s'),
  });
}
