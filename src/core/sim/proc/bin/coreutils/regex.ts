// POSIX bracket classes as character ranges, for the shell's glob matcher. The tools' regexes (grep, sed, awk)
// are translated to RE2 by src/core/regex/posix.ts, which keeps the same class names.

/** POSIX bracket classes ([:alpha:] ...) as JavaScript character-class ranges; shell globs use them too. */
export const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};
