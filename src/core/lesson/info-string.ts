// Info-string tokenizer: a fence's "lang key=value key=\"quoted value\" flag" split into a language and attributes.

/** One attribute of an info string; `value` is undefined for a bare flag (`run`, `hidden`). */
export interface InfoAttr {
  name: string;
  value?: string;
  /** 0-based offset of the attribute's first character in the info string. */
  offset: number;
}

/** A problem in an info string, at a 0-based offset into it. */
export interface InfoError {
  message: string;
  offset: number;
}

/** A tokenized info string. */
export interface InfoString {
  /** The language word ('' when the info string is empty or starts with an attribute). */
  lang: string;
  attrs: InfoAttr[];
  errors: InfoError[];
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const SPACE = /\s/;

/**
 * Split a fence info string. The first word is the language unless it contains `=`; then come
 * `key=value`, `key="quoted value"` (or single quotes; `\"` and `\\` escape inside double quotes)
 * and bare flags, separated by whitespace.
 */
export function parseInfoString(info: string): InfoString {
  const out: InfoString = { lang: '', attrs: [], errors: [] };
  let i = 0;
  let first = true;
  while (i < info.length) {
    if (SPACE.test(info[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < info.length && !SPACE.test(info[i]) && info[i] !== '=') i++;
    const name = info.slice(start, i);
    if (info[i] !== '=') {
      if (first) out.lang = name;
      else if (NAME.test(name)) out.attrs.push({ name, offset: start });
      else out.errors.push({ message: `malformed attribute '${name}'`, offset: start });
      first = false;
      continue;
    }
    first = false;
    i++; // past '='
    const value = readValue(info, i);
    if (!NAME.test(name)) out.errors.push({ message: `malformed attribute name '${name}'`, offset: start });
    else if (value.error) out.errors.push({ message: value.error, offset: value.errorAt ?? start });
    else out.attrs.push({ name, value: value.text, offset: start });
    i = value.end;
  }
  return out;
}

interface ReadValue {
  text: string;
  end: number;
  error?: string;
  errorAt?: number;
}

/** Read an attribute value starting at `i`: quoted, or up to the next whitespace. */
function readValue(info: string, i: number): ReadValue {
  const quote = info[i];
  if (quote !== '"' && quote !== "'") {
    let end = i;
    while (end < info.length && !SPACE.test(info[end])) end++;
    return { text: info.slice(i, end), end };
  }
  let text = '';
  let j = i + 1;
  while (j < info.length && info[j] !== quote) {
    if (quote === '"' && info[j] === '\\' && (info[j + 1] === '"' || info[j + 1] === '\\')) j++;
    text += info[j];
    j++;
  }
  if (j >= info.length) return { text, end: j, error: `unterminated ${quote} quote`, errorAt: i };
  j++; // past the closing quote
  if (j < info.length && !SPACE.test(info[j])) {
    let end = j;
    while (end < info.length && !SPACE.test(info[end])) end++;
    return { text, end, error: 'expected whitespace after a quoted value', errorAt: j };
  }
  return { text, end: j };
}
