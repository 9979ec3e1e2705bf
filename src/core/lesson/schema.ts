// A tiny schema validator over `yaml` nodes: typed rules that read a node or report where it is wrong.
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { SourcePos } from '../errors.ts';

/** Where rules report problems and how they locate a node in the lesson file. */
export interface ReadContext {
  report(node: unknown, message: string): void;
  posOf(node: unknown): SourcePos;
  /** Where a string's text starts: for a block scalar (`|`), its first content line. */
  contentPosOf(node: unknown): SourcePos;
}

/** A rule reads a YAML node into a value of type T, or reports and returns undefined. */
export interface Rule<T> {
  /** What the rule accepts, for docs and messages ("a string", "one of calico, flannel"). */
  readonly expects: string;
  read(node: unknown, ctx: ReadContext, path: string): T | undefined;
}

function describe(node: unknown): string {
  if (isScalar(node)) return node.value === null ? 'nothing' : `${typeof node.value} ${JSON.stringify(node.value)}`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias (aliases are not supported here)';
  return 'nothing';
}

function wrong(node: unknown, ctx: ReadContext, path: string, expects: string): undefined {
  ctx.report(node, `${path}: expected ${expects}, got ${describe(node)}`);
  return undefined;
}

/** A string scalar; `check` returns an error message for a bad value. */
export function str(check?: (s: string) => string | undefined, expects = 'a string'): Rule<string> {
  return {
    expects,
    read(node, ctx, path) {
      if (!isScalar(node) || typeof node.value !== 'string') return wrong(node, ctx, path, expects);
      const problem = check?.(node.value);
      if (problem) {
        ctx.report(node, `${path}: ${problem}`);
        return undefined;
      }
      return node.value;
    },
  };
}

/** One of a fixed set of strings. */
export function oneOf<T extends string>(values: readonly T[]): Rule<T> {
  const expects = `one of ${values.join(', ')}`;
  return str((s) => ((values as readonly string[]).includes(s) ? undefined : `expected ${expects}, got "${s}"`), expects) as Rule<T>;
}

/** An integer in [min, max]. */
export function int(min: number, max: number): Rule<number> {
  const expects = `an integer from ${min} to ${max}`;
  return {
    expects,
    read(node, ctx, path) {
      const v = isScalar(node) ? node.value : undefined;
      return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : wrong(node, ctx, path, expects);
    },
  };
}

/** true or false. */
export function bool(): Rule<boolean> {
  return {
    expects: 'true or false',
    read: (node, ctx, path) => (isScalar(node) && typeof node.value === 'boolean' ? node.value : wrong(node, ctx, path, 'true or false')),
  };
}

/** A list; items that fail are dropped (already reported). */
export function list<T>(item: Rule<T>, min = 0): Rule<T[]> {
  const expects = min > 0 ? `a list of at least ${min} ${item.expects}` : `a list of ${item.expects}`;
  return {
    expects,
    read(node, ctx, path) {
      if (!isSeq(node)) return wrong(node, ctx, path, expects);
      if (node.items.length < min) {
        ctx.report(node, `${path}: expected at least ${min} item${min === 1 ? '' : 's'}`);
        return undefined;
      }
      const out: T[] = [];
      node.items.forEach((n, i) => {
        const v = item.read(n, ctx, `${path}[${i}]`);
        if (v !== undefined) out.push(v);
      });
      return out;
    },
  };
}

/** A mapping from string keys to values of one rule (labels). */
export function record<T>(value: Rule<T>): Rule<Record<string, T>> {
  const expects = `a mapping of ${value.expects}`;
  return {
    expects,
    read(node, ctx, path) {
      if (!isMap(node)) return wrong(node, ctx, path, expects);
      const out: Record<string, T> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) ctx.report(pair.key, `${path}: keys must be plain strings`);
        const v = value.read(pair.value, ctx, `${path}.${key ?? '?'}`);
        if (key !== undefined && v !== undefined) out[key] = v;
      }
      return out;
    },
  };
}

/** A rule that also returns the node's position (the start of the value in the file). */
export function located<T extends object>(rule: Rule<T>): Rule<T & { pos: SourcePos }> {
  return {
    expects: rule.expects,
    read(node, ctx, path) {
      const v = rule.read(node, ctx, path);
      return v === undefined ? undefined : { ...v, pos: ctx.posOf(node) };
    },
  };
}
