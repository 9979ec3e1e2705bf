// Word expansion for container scripts: $VAR, ${VAR}, ${VAR:-x}, $?, $$, $(( )), and the few $( ) a container uses.
import { arith } from './arith.ts';
import type { Word } from './parser.ts';

export interface ExpandEnv {
  vars: Record<string, string>;
  status: number;
  /** What `$(cmd)` prints, for the commands the evaluator knows (hostname, date); '' otherwise. */
  substitute(command: string): string;
}

function expandText(text: string, env: ExpandEnv): string {
  return text.replace(
    /\$\(\((.*?)\)\)|\$\((.*?)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-=]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*|\?|\$|#)/g,
    (
      _m,
      ar: string | undefined,
      sub: string | undefined,
      braced: string | undefined,
      dflt: string | undefined,
      bare: string | undefined,
    ) => {
      if (ar !== undefined) return String(arith(ar, env.vars));
      if (sub !== undefined) return env.substitute(sub.trim()).replace(/\n+$/, '');
      if (braced !== undefined) return env.vars[braced] || (dflt ?? '');
      if (bare === '?') return String(env.status);
      if (bare === '$') return '1';
      if (bare === '#') return '0';
      return env.vars[bare ?? ''] ?? '';
    },
  );
}

/** Expand a word to its fields: an unquoted expansion that is empty disappears; unquoted spaces split fields. */
export function expandWord(word: Word, env: ExpandEnv): string[] {
  let fields: string[] = [''];
  let sawQuote = false;
  for (const part of word) {
    if (part.quote === 'single') {
      fields[fields.length - 1] += part.text;
      sawQuote = true;
    } else if (part.quote === 'double') {
      fields[fields.length - 1] += expandText(part.text, env);
      sawQuote = true;
    } else {
      const pieces = expandText(part.text, env).split(/[ \t\n]+/);
      fields[fields.length - 1] += pieces[0];
      for (const p of pieces.slice(1)) fields.push(p);
    }
  }
  fields = fields.filter((f, i) => f !== '' || (sawQuote && i === 0));
  return fields;
}

/** Expand every word of a command line. */
export function expandWords(words: Word[], env: ExpandEnv): string[] {
  return words.flatMap((w) => expandWord(w, env));
}
