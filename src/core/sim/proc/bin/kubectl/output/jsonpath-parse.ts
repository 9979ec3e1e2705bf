// Parsing kubectl's JSONPath templates (client-go util/jsonpath): text, {paths}, {range ...}{end}, "literals".

export type Step =
  | { t: 'field'; name: string }
  | { t: 'wildcard' }
  | { t: 'recursive'; name: string | null }
  | { t: 'index'; i: number }
  | { t: 'slice'; start?: number; end?: number; step?: number }
  | { t: 'union'; keys: (string | number)[] }
  | { t: 'filter'; left: Step[]; op?: string; right?: Step[] | string | number | boolean };

export type TemplateNode = { t: 'text'; text: string } | { t: 'path'; steps: Step[] } | { t: 'range'; steps: Step[]; body: TemplateNode[] };

export class JsonPathError extends Error {}

/** Split a template into text and actions (nested braces are not allowed, as upstream). */
export function parseTemplate(template: string): TemplateNode[] {
  const top: TemplateNode[] = [];
  const stack: { body: TemplateNode[] }[] = [{ body: top }];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].body.push({ t: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].body.push({ t: 'text', text: template.slice(i, open) });
    const close = findClose(template, open + 1);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    const cur = stack[stack.length - 1].body;
    if (action === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (action.startsWith('range ')) {
      const node: TemplateNode = { t: 'range', steps: parsePath(action.slice(6).trim()), body: [] };
      cur.push(node);
      stack.push(node);
    } else if (action.startsWith('"') || action.startsWith("'")) {
      cur.push({ t: 'text', text: unquote(action) });
    } else {
      cur.push({ t: 'path', steps: parsePath(action) });
    }
  }
  return top;
}

function findClose(s: string, from: number): number {
  let quote = '';
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return i;
  }
  return -1;
}

/** strconv.Unquote-ish: "\t", "\n" and friends. */
export function unquote(lit: string): string {
  const body = lit.slice(1, lit.endsWith(lit[0]) && lit.length > 1 ? -1 : undefined);
  return body.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" })[c] ?? c);
}

// A field name; `\.` escapes a dot in it (`{.data.tls\.crt}`): client-go's parseField drops the backslashes.
const NAME = /^(?:[A-Za-z0-9_\-/~]|\\.)+/;
const fieldName = (text: string): string => text.replace(/\\(.)/g, '$1');

/** Parse `.a.b[0][*]..c[?(@.x=="y")]` (leading `$`/`@` optional). */
export function parsePath(expr: string): Step[] {
  let s = expr.trim();
  if (s.startsWith('$') || s.startsWith('@')) s = s.slice(1);
  const steps: Step[] = [];
  while (s.length > 0) {
    if (s.startsWith('..')) {
      s = s.slice(2);
      const m = NAME.exec(s);
      if (m) {
        steps.push({ t: 'recursive', name: fieldName(m[0]) });
        s = s.slice(m[0].length);
      } else steps.push({ t: 'recursive', name: null });
    } else if (s.startsWith('.')) {
      s = s.slice(1);
      if (s.startsWith('*')) {
        steps.push({ t: 'wildcard' });
        s = s.slice(1);
        continue;
      }
      const m = NAME.exec(s);
      if (!m) {
        if (s === '' || s.startsWith('[')) continue; // `{.}` and `.[0]`
        throw new JsonPathError(`unrecognized character in action: ${s[0]}`);
      }
      steps.push({ t: 'field', name: fieldName(m[0]) });
      s = s.slice(m[0].length);
    } else if (s.startsWith('[')) {
      const end = matchBracket(s);
      steps.push(parseBracket(s.slice(1, end).trim()));
      s = s.slice(end + 1);
    } else {
      const m = NAME.exec(s);
      if (!m) throw new JsonPathError(`unrecognized character in action: ${s[0]}`);
      steps.push({ t: 'field', name: fieldName(m[0]) });
      s = s.slice(m[0].length);
    }
  }
  return steps;
}

function matchBracket(s: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new JsonPathError('unterminated array');
}

function parseBracket(inner: string): Step {
  if (inner === '*') return { t: 'wildcard' };
  if (inner.startsWith('?(') && inner.endsWith(')')) return parseFilter(inner.slice(2, -1).trim());
  if (/^-?\d*(:-?\d*){1,2}$/.test(inner)) {
    const [a, b, c] = inner.split(':');
    const num = (x: string | undefined) => (x === undefined || x === '' ? undefined : Number(x));
    return { t: 'slice', start: num(a), end: num(b), step: num(c) };
  }
  const parts = inner.split(',').map((p) => p.trim());
  const keys = parts.map((p) => (/^-?\d+$/.test(p) ? Number(p) : unquote(p)));
  if (keys.length === 1 && typeof keys[0] === 'number') return { t: 'index', i: keys[0] };
  if (keys.length === 1) return { t: 'field', name: keys[0] as string };
  return { t: 'union', keys };
}

function parseFilter(text: string): Step {
  const m = /^(.+?)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(text);
  if (!m) return { t: 'filter', left: parsePath(text) };
  const rightText = m[3].trim();
  let right: Step[] | string | number | boolean;
  if (/^["']/.test(rightText)) right = unquote(rightText);
  else if (/^-?\d+(\.\d+)?$/.test(rightText)) right = Number(rightText);
  else if (rightText === 'true' || rightText === 'false') right = rightText === 'true';
  else right = parsePath(rightText);
  return { t: 'filter', left: parsePath(m[1].trim()), op: m[2], right };
}
