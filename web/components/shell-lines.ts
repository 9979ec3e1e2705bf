// The commands of a plain shell block in a lesson, for its "Run in terminal" button.
import { splitRunLines } from '../../src/core/page.ts';

/**
 * The commands of a plain code block a learner may try: `sh`/`bash`/`shell`/`zsh` blocks split as a run cell's
 * (comments and blank lines dropped, `\` continuations joined: `splitRunLines`); `console` blocks only their
 * `$ `/`# ` prompt lines, prompt removed (the rest is output). Other languages (YAML, output) give none.
 */
export function shellLines(lang: string, text: string): string[] {
  if (lang === 'console') {
    const prompts = text
      .split('\n')
      .filter((l) => /^[$#] \S/.test(l))
      .map((l) => `$ ${l.slice(2)}`);
    return splitRunLines(prompts.join('\n'), 'console').lines.map((l) => l.text);
  }
  return ['sh', 'bash', 'shell', 'zsh'].includes(lang) ? splitRunLines(text, lang).lines.map((l) => l.text) : [];
}
