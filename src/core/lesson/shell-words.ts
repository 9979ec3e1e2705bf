// Shell words: a command line split into commands and words (quotes, `&&`, `||`, `;`, `|`), for lint's name finding.

/**
 * Split a line into commands, each a list of words. Handles single and double quotes and
 * backslashes; `&&`, `||`, `;` and `|` end a command. Not a shell: no expansion, no redirections.
 */
export function shellCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) commands[commands.length - 1].push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const close = line.indexOf(c, i + 1);
      const stop = close < 0 ? line.length : close;
      word = (word ?? '') + line.slice(i + 1, stop);
      i = stop;
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i];
    } else if (c === ' ' || c === '\t') {
      end();
    } else if (c === ';' || c === '|' || c === '&') {
      end();
      if (line[i + 1] === c) i++;
      if (commands[commands.length - 1].length > 0) commands.push([]);
    } else {
      word = (word ?? '') + c;
    }
  }
  end();
  return commands.filter((c) => c.length > 0);
}

/** The value of a `-n x` / `--namespace x` / `--namespace=x` style flag in `words`, if given. */
export function flagValue(words: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const name of names) {
      if (words[i] === name) return words[i + 1];
      if (name.startsWith('--') && words[i].startsWith(`${name}=`)) return words[i].slice(name.length + 1);
    }
  }
  return undefined;
}
