// Object rules for the schema validator: a named table of fields, required or optional, unknown keys reported.
import { isMap, isScalar } from 'yaml';
import type { ReadContext, Rule } from './schema.ts';

/** One row of an object's field table. */
export interface Field<T, R extends boolean> {
  rule: Rule<T>;
  required: R;
  /** One line for docs/lesson-format.md (with the default, when there is one). */
  doc: string;
}

/** A field that must be present. */
export function req<T>(rule: Rule<T>, doc: string): Field<T, true> {
  return { rule, required: true, doc };
}

/** A field that may be absent. */
export function opt<T>(rule: Rule<T>, doc: string): Field<T, false> {
  return { rule, required: false, doc };
}

/** A field table: key name to field rule. */
export type Fields = Record<string, Field<unknown, boolean>>;
type ValueOf<F> = F extends Field<infer T, boolean> ? T : never;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value an object rule yields: required fields present, optional ones maybe absent. */
export type ObjectOf<F extends Fields> = Simplify<
  { [K in keyof F as F[K]['required'] extends true ? K : never]: ValueOf<F[K]> } & {
    [K in keyof F as F[K]['required'] extends true ? never : K]?: ValueOf<F[K]>;
  }
>;

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** A mapping with exactly these fields. Fails (undefined) when it is not a mapping or a required field is missing or bad. */
export function obj<F extends Fields>(fields: F): Rule<ObjectOf<F>> {
  const names = Object.keys(fields);
  return {
    expects: 'a mapping',
    read(node, ctx: ReadContext, path) {
      const label = path || 'front matter';
      if (!isMap(node)) {
        ctx.report(node, `${label}: expected a mapping with ${names.join(', ')}`);
        return undefined;
      }
      const out: Record<string, unknown> = {};
      let ok = true;
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
        const field = key === undefined ? undefined : fields[key];
        if (key === undefined || !field) {
          ctx.report(pair.key, `${label}: unknown key '${key ?? String(pair.key)}' (known: ${names.join(', ')})`);
          continue;
        }
        seen.add(key);
        const v = field.rule.read(pair.value, ctx, join(path, key));
        if (v !== undefined) out[key] = v;
        else if (field.required) ok = false;
      }
      for (const name of names) {
        if (fields[name].required && !seen.has(name)) {
          ctx.report(node, `${label}: missing required key '${name}'`);
          ok = false;
        }
      }
      return ok ? (out as ObjectOf<F>) : undefined;
    },
  };
}

/** A mapping whose `tag` field picks which field table applies (each table lists the tag field too). */
export function tagged<V extends Record<string, Fields>>(tag: string, variants: V): Rule<{ [K in keyof V]: ObjectOf<V[K]> }[keyof V]> {
  const kinds = Object.keys(variants);
  return {
    expects: `a mapping with ${tag}: ${kinds.join(' | ')}`,
    read(node, ctx, path) {
      const value = isMap(node) ? node.get(tag, true) : undefined;
      const kind = isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
      if (kind === undefined || !kinds.includes(kind)) {
        ctx.report(value ?? node, `${path}.${tag}: expected one of ${kinds.join(', ')}`);
        return undefined;
      }
      return obj(variants[kind]).read(node, ctx, path) as { [K in keyof V]: ObjectOf<V[K]> }[keyof V] | undefined;
    },
  };
}
