// Label selectors: parse kubectl's `-l` text, match labels, and print selectors as kubectl does.
import { isLabelKey, isLabelValue } from './names.ts';
import type { LabelSelector } from './types.ts';

type Requirement = NonNullable<LabelSelector['matchExpressions']>[number];

export type SelectorParse = { ok: true; selector: LabelSelector } | { ok: false; error: string };

type Tok = { kind: 'id' | 'op' | 'end'; text: string };

const OPS = ['==', '!=', '=', '!', ',', '(', ')', '<', '>'];

function lex(text: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      toks.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]) && !OPS.some((o) => text.startsWith(o, j))) j++;
    toks.push({ kind: 'id', text: text.slice(i, j) });
    i = j;
  }
  toks.push({ kind: 'end', text: '' });
  return toks;
}

/** Parse kubectl's selector syntax: `app=web,tier!=db`, `env in (a,b)`, `env notin (c)`, `key`, `!key`. */
export function parseSelector(text: string): SelectorParse {
  const toks = lex(text);
  let pos = 0;
  const peek = (): Tok => toks[pos];
  const next = (): Tok => toks[pos++];
  const shown = (t: Tok): string => (t.kind === 'end' ? '' : t.text);
  const exprs: Requirement[] = [];
  const matchLabels: Record<string, string> = {};
  const fail = (msg: string): SelectorParse => ({ ok: false, error: msg });
  if (peek().kind === 'end') return { ok: true, selector: {} };
  for (;;) {
    let t = next();
    let negate = false;
    if (t.kind === 'op' && t.text === '!') {
      negate = true;
      t = next();
      if (t.kind !== 'id') return fail(`found '${shown(t)}', expected: identifier after '!'`);
    }
    if (t.kind !== 'id') return fail(`found '${shown(t)}', expected: !, identifier, or 'end of string'`);
    const key = t.text;
    const keyErrs = isLabelKey(key);
    if (keyErrs.length) return fail(`unable to parse requirement: <nil>: Invalid value: "${key}": ${keyErrs[0]}`);
    const op = peek();
    if (negate || op.kind === 'end' || (op.kind === 'op' && op.text === ',')) {
      exprs.push({ key, operator: negate ? 'DoesNotExist' : 'Exists' });
    } else if (op.kind === 'id' && (op.text === 'in' || op.text === 'notin')) {
      next();
      const open = next();
      if (open.text !== '(') return fail(`found '${shown(open)}', expected: '('`);
      const values: string[] = [];
      for (;;) {
        const v = peek();
        if (v.kind === 'id') {
          values.push(next().text);
        } else if (v.text === ',' || v.text === ')') values.push('');
        else return fail(`found '${shown(v)}', expected: ',', ')' or identifier`);
        const sep = next();
        if (sep.text === ')') break;
        if (sep.text !== ',') return fail(`found '${shown(sep)}', expected: ',' or ')'`);
      }
      const bad = values.find((v) => isLabelValue(v).length);
      if (bad !== undefined) return fail(`unable to parse requirement: <nil>: Invalid value: "${bad}": ${isLabelValue(bad)[0]}`);
      exprs.push({ key, operator: op.text === 'in' ? 'In' : 'NotIn', values: [...new Set(values)].sort() });
    } else if (op.kind === 'op' && (op.text === '=' || op.text === '==' || op.text === '!=')) {
      next();
      const v = peek();
      let value = '';
      if (v.kind === 'id') value = next().text;
      else if (!(v.kind === 'end' || v.text === ',')) return fail(`found '${shown(v)}', expected: identifier`);
      const errs = isLabelValue(value);
      if (errs.length) return fail(`unable to parse requirement: <nil>: Invalid value: "${value}": ${errs[0]}`);
      if (op.text === '!=') exprs.push({ key, operator: 'NotIn', values: [value] });
      else if (key in matchLabels && matchLabels[key] !== value) exprs.push({ key, operator: 'In', values: [value] });
      else matchLabels[key] = value;
    } else if (op.kind === 'op' && (op.text === '<' || op.text === '>')) {
      return fail(`operator '${op.text}' is not supported in a label selector`);
    } else {
      return fail(`found '${shown(op)}', expected: '=', '!=', '==', 'in', notin`);
    }
    const sep = next();
    if (sep.kind === 'end') break;
    if (sep.text !== ',') return fail(`found '${shown(sep)}', expected: ',' or 'end of string'`);
  }
  const selector: LabelSelector = {};
  if (Object.keys(matchLabels).length) selector.matchLabels = matchLabels;
  if (exprs.length) selector.matchExpressions = exprs;
  return { ok: true, selector };
}

/** Does a selector match these labels? An empty selector matches everything; undefined matches nothing. */
export function matchesSelector(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const ok =
      r.operator === 'In'
        ? has && (r.values ?? []).includes(l[r.key])
        : r.operator === 'NotIn'
          ? !has || !(r.values ?? []).includes(l[r.key])
          : r.operator === 'Exists'
            ? has
            : !has;
    if (!ok) return false;
  }
  return true;
}

/** A Service-style selector (a plain map) as a LabelSelector. */
export function selectorFromMap(m: Record<string, string> | undefined): LabelSelector | undefined {
  return m && Object.keys(m).length ? { matchLabels: { ...m } } : undefined;
}

/** A selector as kubectl prints it (LabelSelectorAsSelector(...).String()): sorted by key, `app=web,env in (a,b),!x`. '' if empty. */
export function formatSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const parts: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push({ key: k, text: `${k}=${v}` });
  for (const r of sel.matchExpressions ?? []) {
    const vals = [...(r.values ?? [])].sort().join(',');
    const text =
      r.operator === 'In'
        ? `${r.key} in (${vals})`
        : r.operator === 'NotIn'
          ? `${r.key} notin (${vals})`
          : r.operator === 'Exists'
            ? r.key
            : `!${r.key}`;
    parts.push({ key: r.key, text });
  }
  return parts
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((p) => p.text)
    .join(',');
}

/** labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when empty (kubectl's SELECTOR / LABELS cells). */
export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${(m as Record<string, string>)[k]}`).join(',') : '<none>';
}
