// Evaluating JSONPath templates over JSON data and printing results the way kubectl does (-o jsonpath, custom-columns).
import { goJson } from './go-json.ts';
import { JsonPathError, parsePath, parseTemplate, type Step, type TemplateNode } from './jsonpath-parse.ts';

export { JsonPathError };

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sortedValues(o: Record<string, Json>): Json[] {
  return Object.keys(o)
    .sort()
    .map((k) => o[k]);
}

function recurse(v: Json, name: string | null, out: Json[]): void {
  if (Array.isArray(v)) {
    for (const x of v) {
      if (name === null) out.push(x);
      recurse(x, name, out);
    }
  } else if (isObj(v)) {
    for (const k of Object.keys(v).sort()) {
      if (name === null || k === name) out.push(v[k]);
      recurse(v[k], name, out);
    }
  }
}

function compare(a: Json, op: string, b: Json): boolean {
  switch (op) {
    case '==':
      return a === b || (typeof a === 'number' && typeof b === 'number' && a === b);
    case '!=':
      return a !== b;
    case '<':
      return typeof a === typeof b && (a as number) < (b as number);
    case '>':
      return typeof a === typeof b && (a as number) > (b as number);
    case '<=':
      return typeof a === typeof b && (a as number) <= (b as number);
    case '>=':
      return typeof a === typeof b && (a as number) >= (b as number);
  }
  return false;
}

/** Apply steps to every current value; missing keys yield nothing (kubectl allows missing keys). */
export function evalSteps(roots: Json[], steps: Step[]): Json[] {
  let cur = roots;
  for (const step of steps) {
    const next: Json[] = [];
    for (const v of cur) {
      switch (step.t) {
        case 'field':
          if (isObj(v) && step.name in v) next.push(v[step.name]);
          break;
        case 'wildcard':
          if (Array.isArray(v)) next.push(...v);
          else if (isObj(v)) next.push(...sortedValues(v));
          break;
        case 'recursive':
          recurse(v, step.name, next);
          break;
        case 'index':
          if (Array.isArray(v)) {
            const i = step.i < 0 ? v.length + step.i : step.i;
            if (i < 0 || i >= v.length) throw new JsonPathError(`array index out of bounds: index ${step.i}, length ${v.length}`);
            next.push(v[i]);
          }
          break;
        case 'slice':
          if (Array.isArray(v)) {
            const len = v.length;
            const norm = (x: number) => (x < 0 ? Math.max(0, len + x) : Math.min(len, x));
            const start = norm(step.start ?? 0);
            const end = norm(step.end ?? len);
            const inc = step.step && step.step > 0 ? step.step : 1;
            for (let i = start; i < end; i += inc) next.push(v[i]);
          }
          break;
        case 'union':
          for (const k of step.keys) {
            if (typeof k === 'number' && Array.isArray(v) && k < v.length) next.push(v[k]);
            else if (typeof k === 'string' && isObj(v) && k in v) next.push(v[k]);
          }
          break;
        case 'filter': {
          const items = Array.isArray(v) ? v : isObj(v) ? sortedValues(v) : [];
          for (const item of items) {
            const left = evalSteps([item], step.left);
            if (step.op === undefined) {
              if (left.length > 0) next.push(item);
              continue;
            }
            const right = Array.isArray(step.right) ? evalSteps([item], step.right) : [step.right];
            if (left.length > 0 && right.length > 0 && compare(left[0], step.op, right[0])) next.push(item);
          }
          break;
        }
      }
    }
    cur = next;
  }
  return cur;
}

/** One result as text: JSON for maps and lists, plain for the rest (`null` for null). */
export function resultText(v: Json): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'object') return goJson(v);
  return String(v);
}

function run(nodes: TemplateNode[], root: Json, current: Json): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.text;
    else if (n.t === 'path')
      out += evalSteps([current ?? root], n.steps)
        .map(resultText)
        .join(' ');
    else {
      // each result is one iteration (`.items[*]`); a lone list result is iterated element by element
      const results = evalSteps([current ?? root], n.steps);
      const items = results.length === 1 && Array.isArray(results[0]) ? results[0] : results;
      for (const item of items) out += run(n.body, root, item);
    }
  }
  return out;
}

/** Execute a `-o jsonpath=` template over an object; throws JsonPathError on a bad template or index. */
export function executeJsonPath(template: string, data: Json): string {
  return run(parseTemplate(template), data, data);
}

/** Go's fmt.Sprint of a decoded JSON value (custom-columns cells): `map[k:v]`, `[a b]`. */
export function goSprint(v: Json): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (isObj(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goSprint(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

/** RelaxedJSONPathExpression: `metadata.name` and `{.metadata.name}` both mean `.metadata.name`. */
export function relaxedPath(expr: string): Step[] {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1);
  if (!e.startsWith('.') && !e.startsWith('$') && !e.startsWith('[')) e = '.' + e;
  return parsePath(e);
}
