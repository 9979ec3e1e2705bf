// Splitting a command line into commands and words without running a shell: for reading lines that are not run here
// (lesson lint's name finding, the kube backend's `kubectl exec -it` detection, tests). The simulator's shell parses
// with its own lexer and parser (sim/proc/shell/); this is the one other splitter. It lives at the root of core
// because lesson/ sits below the simulator and uses it too.
//
// Quoting follows POSIX sh (Shell Command Language, 2.2 Quoting): '...' keeps every character; "..." keeps every
// character but a backslash before $ ` " \ or a newline; an unquoted backslash keeps the next character. Blanks
// are space and tab. `;`, `&`, `|`, `&&`, `||` and a newline end a command. No expansion: `$X`, `$(...)`, backquotes,
// redirections and parentheses stay literal characters of their word, and `special` tells that the line had some;
// `#` is an ordinary character (no comments).

/** A line split into commands. */
export interface ShellWords {
  /** The commands in order, each its words (empty commands left out). */
  commands: string[][];
  /** True when a command separator or pipe (`;`, `&`, `|`, `&&`, `||`, newline) was found. */
  operators: boolean;
  /** True when an unquoted or double-quoted `$` or backquote, or an unquoted `<`, `>`, `(` or `)` was found. */
  special: boolean;
  /** True when a quote was left open (the word then runs to the end of the line). */
  unterminated: boolean;
}

/** Split a line into commands and words (see the head of this file for the grammar). */
export function shellWords(line: string): ShellWords {
  const commands: string[][] = [[]];
  const out: ShellWords = { commands, operators: false, special: false, unterminated: false };
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) commands[commands.length - 1].push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) out.unterminated = true;
      const stop = close < 0 ? line.length : close;
      word = (word ?? '') + line.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === '\\' && j + 1 < line.length && '$`"\\\n'.includes(line[j + 1])) j++;
        else if (line[j] === '$' || line[j] === '`') out.special = true;
        text += line[j];
      }
      if (j >= line.length) out.unterminated = true;
      word = (word ?? '') + text;
      i = j;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (c === ' ' || c === '\t') {
      end();
    } else if (c === ';' || c === '|' || c === '&' || c === '\n') {
      end();
      out.operators = true;
      if (c !== '\n' && line[i + 1] === c) i++;
      if (commands[commands.length - 1].length > 0) commands.push([]);
    } else {
      if ('$`<>()'.includes(c)) out.special = true;
      word = (word ?? '') + c;
    }
  }
  end();
  out.commands = commands.filter((cmd) => cmd.length > 0);
  return out;
}

/** The words of a simple command (no operators, expansions, redirections or open quotes), else undefined. */
export function simpleCommandWords(line: string): string[] | undefined {
  const r = shellWords(line);
  if (r.operators || r.special || r.unterminated) return undefined;
  return r.commands[0] ?? [];
}
