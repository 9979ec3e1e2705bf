// Reading kubectl flags from a command's words (the words come from shellWords in src/core/shell-words.ts).

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
