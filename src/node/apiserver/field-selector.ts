// Field selectors (`metadata.name=x,status.phase!=Failed,involvedObject.uid=U`) over any dotted field of an object.
import type { KObject } from '../../core/sim/index.ts';

interface FieldRequirement {
  path: string[];
  op: '=' | '!=';
  value: string;
}

export type FieldSelector = FieldRequirement[];

/** Parse `a.b=c,d!=e` (also `==`); `\,` and `\=` escape separators in values, as fields.ParseSelector does. */
export function parseFieldSelector(text: string | null): { ok: true; selector: FieldSelector } | { ok: false; error: string } {
  const out: FieldSelector = [];
  if (!text) return { ok: true, selector: out };
  for (const part of splitUnescaped(text, ',')) {
    if (part === '') continue;
    const m = /^([^!=]+)(==|!=|=)(.*)$/s.exec(part);
    if (!m) return { ok: false, error: `invalid selector: '${text}'; can't understand '${part}'` };
    out.push({ path: m[1].trim().split('.'), op: m[2] === '!=' ? '!=' : '=', value: m[3].replace(/\\(.)/g, '$1') });
  }
  return { ok: true, selector: out };
}

function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      cur += text[i] + text[i + 1];
      i++;
    } else if (text[i] === sep) {
      parts.push(cur);
      cur = '';
    } else cur += text[i];
  }
  parts.push(cur);
  return parts;
}

function fieldValue(obj: unknown, path: string[]): string {
  let v: unknown = obj;
  for (const p of path) {
    if (typeof v !== 'object' || v === null) return '';
    v = (v as Record<string, unknown>)[p];
  }
  return v === undefined || v === null ? '' : String(v);
}

/** True when the object satisfies every requirement; a missing field reads as "". */
export function matchesFields(selector: FieldSelector, obj: KObject): boolean {
  return selector.every((r) => (fieldValue(obj, r.path) === r.value) === (r.op === '='));
}
