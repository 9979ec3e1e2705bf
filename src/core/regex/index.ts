// Linear-time regular expressions for everything a learner or an author writes (see linear-regex.ts).
export { LinearRegex, RegexSyntaxError, type Dialect, type RegexMatch, type RegexOptions } from './linear-regex.ts';
export { compileExpectRegex } from './expect.ts';
export { BACKREFERENCE_UNSUPPORTED, literalToRe2, posixToRe2 } from './posix.ts';
