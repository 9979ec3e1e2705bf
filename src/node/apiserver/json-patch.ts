// RFC 6902 JSON Patch (application/json-patch+json): add, remove, replace, move, copy, test.

type Json = unknown;
type Container = Record<string, Json> | Json[];

function decodePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(v: Json): v is Container {
  return typeof v === 'object' && v !== null;
}

/** The parent container of a pointer and the last token, or an error. */
function parentOf(doc: Json, tokens: string[]): { parent: Container; key: string } | string {
  let cur: Json = doc;
  for (const t of tokens.slice(0, -1)) {
    if (!isContainer(cur)) return `path element "${t}" is not an object or array`;
    cur = Array.isArray(cur) ? cur[Number(t)] : cur[t];
  }
  if (!isContainer(cur)) return 'the parent of the target is not an object or array';
  return { parent: cur, key: tokens[tokens.length - 1] };
}

function get(doc: Json, tokens: string[]): Json {
  let cur: Json = doc;
  for (const t of tokens) {
    if (!isContainer(cur)) return undefined;
    cur = Array.isArray(cur) ? cur[Number(t)] : cur[t];
  }
  return cur;
}

function add(doc: Json, tokens: string[], value: Json): string | undefined {
  const p = parentOf(doc, tokens);
  if (typeof p === 'string') return p;
  if (Array.isArray(p.parent)) {
    const i = p.key === '-' ? p.parent.length : Number(p.key);
    if (!Number.isInteger(i) || i < 0 || i > p.parent.length) return `index ${p.key} is out of range`;
    p.parent.splice(i, 0, value);
  } else p.parent[p.key] = value;
  return undefined;
}

function remove(doc: Json, tokens: string[]): string | undefined {
  const p = parentOf(doc, tokens);
  if (typeof p === 'string') return p;
  if (Array.isArray(p.parent)) {
    const i = Number(p.key);
    if (!Number.isInteger(i) || i < 0 || i >= p.parent.length) return `index ${p.key} is out of range`;
    p.parent.splice(i, 1);
  } else {
    if (!(p.key in p.parent)) return `unable to remove nonexistent key: ${p.key}`;
    delete p.parent[p.key];
  }
  return undefined;
}

interface Operation {
  op?: unknown;
  path?: unknown;
  from?: unknown;
  value?: unknown;
}

function moveOrCopy(doc: Json, tokens: string[], op: Operation, move: boolean): string | undefined {
  const from = typeof op.from === 'string' ? decodePointer(op.from) : undefined;
  if (!from) return `invalid from ${JSON.stringify(op.from)}`;
  const value = get(doc, from);
  if (value === undefined) return `from path ${String(op.from)} does not exist`;
  return (move ? remove(doc, from) : undefined) ?? add(doc, tokens, JSON.parse(JSON.stringify(value)) as Json);
}

/** The operations by name; each edits the document in place and returns an error text or undefined. */
const OPERATIONS: Record<string, (doc: Json, tokens: string[], op: Operation) => string | undefined> = {
  add: (doc, tokens, op) => add(doc, tokens, op.value),
  remove: (doc, tokens) => remove(doc, tokens),
  replace: (doc, tokens, op) => remove(doc, tokens) ?? add(doc, tokens, op.value),
  test: (doc, tokens, op) =>
    JSON.stringify(get(doc, tokens)) === JSON.stringify(op.value) ? undefined : `testing value ${String(op.path)} failed`,
  move: (doc, tokens, op) => moveOrCopy(doc, tokens, op, true),
  copy: (doc, tokens, op) => moveOrCopy(doc, tokens, op, false),
};

/** Apply the operations to a deep copy of `doc`; the result or the first failure. */
export function applyJsonPatch(doc: Json, ops: Json): { ok: true; value: Json } | { ok: false; error: string } {
  if (!Array.isArray(ops)) return { ok: false, error: 'a JSON patch must be an array of operations' };
  let out: Json = JSON.parse(JSON.stringify(doc)) as Json;
  for (const raw of ops) {
    if (!isContainer(raw) || Array.isArray(raw)) return { ok: false, error: 'each operation must be an object' };
    const op = raw as Operation;
    const tokens = typeof op.path === 'string' ? decodePointer(op.path) : undefined;
    if (!tokens) return { ok: false, error: `invalid path ${JSON.stringify(op.path)}` };
    if (tokens.length === 0 && (op.op === 'add' || op.op === 'replace')) {
      out = op.value;
      continue;
    }
    const fn = typeof op.op === 'string' ? OPERATIONS[op.op] : undefined;
    if (!fn) return { ok: false, error: `unknown operation ${JSON.stringify(op.op)}` };
    const err = fn(out, tokens, op);
    if (err) return { ok: false, error: err };
  }
  return { ok: true, value: out };
}
