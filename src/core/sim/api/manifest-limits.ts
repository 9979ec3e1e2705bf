// Limits on manifest input, and the cheap scans that enforce them before and after parsing.

/** Largest manifest text accepted, in UTF-8 bytes (kubectl itself reads any size; a browser tab should not). */
export const MANIFEST_MAX_BYTES = 4 * 1024 * 1024;
/** Most aliases one YAML document may expand (go-yaml refuses "excessive aliasing" too). */
export const MANIFEST_MAX_ALIASES = 100;
/** Most objects one manifest text may hold, after `kind: List` expansion. */
export const MANIFEST_MAX_OBJECTS = 5000;
/** Deepest nesting of mappings and sequences accepted. Real objects stay under 20. */
export const MANIFEST_MAX_DEPTH = 100;

/** UTF-8 length of a string, stopping early once past `limit`. */
export function utf8Length(text: string, limit = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * An upper-bound-ish estimate of nesting depth, without parsing: flow brackets outside quotes plus the stack of
 * block indentation levels (and `- - -` chains). It guards the parser against pathological input; the exact
 * depth is checked again on the parsed value.
 */
export function roughDepth(text: string): number {
  let flow = 0;
  let max = 0;
  const indents: number[] = [];
  let quote = '';
  let atLineStart = true;
  let col = 0;
  let inComment = false;
  let prev = '\n';
  // A line of only dashes and blanks ("- - - -") nests as deep as it has dashes, with nothing after them.
  const dashesBefore = (end: number) => {
    let dashes = 0;
    for (let j = end - col; j < end; j++) if (text[j] === '-') dashes++;
    return dashes;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      if (atLineStart && flow === 0) max = Math.max(max, indents.length + dashesBefore(i));
      atLineStart = true;
      col = 0;
      inComment = false;
      prev = ch;
      continue;
    }
    if (inComment) continue;
    if (quote) {
      if (ch === quote && (quote === "'" || text[i - 1] !== '\\')) quote = '';
      prev = ch;
      continue;
    }
    if (atLineStart) {
      if (ch === ' ' || ch === '-') {
        col++;
        continue;
      }
      atLineStart = false;
      if (flow === 0 && ch !== '#') {
        while (indents.length && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        // A run of "- - -" counts one level per dash.
        max = Math.max(max, indents.length + dashesBefore(i));
      }
    }
    if (ch === '#' && (prev === ' ' || prev === '\n' || prev === '\t')) inComment = true;
    else if ((ch === '"' || ch === "'") && ' \t[{,:\n'.includes(prev)) quote = ch;
    else if (ch === '[' || ch === '{') max = Math.max(max, indents.length + ++flow);
    else if ((ch === ']' || ch === '}') && flow > 0) flow--;
    prev = ch;
  }
  if (atLineStart && flow === 0) max = Math.max(max, indents.length + dashesBefore(text.length));
  return max;
}

/** Exact depth of a parsed JSON value (iterative; no recursion on hostile input). */
export function valueDepth(value: unknown, stopAt = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > stopAt) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

/** Documents with content (not only blanks and comments): a cheap lower bound on the objects a text holds. */
export function countContentDocuments(text: string): number {
  let docs = 0;
  let hasContent = false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (/^---(\s|$)/.test(line) || line.startsWith('...')) {
      if (hasContent) docs++;
      hasContent = /^---\s+\S/.test(line) && !/^---\s+#/.test(line);
    } else if (!hasContent && /\S/.test(line) && !/^\s*#/.test(line)) hasContent = true;
    start = end + 1;
  }
  return hasContent ? docs + 1 : docs;
}
