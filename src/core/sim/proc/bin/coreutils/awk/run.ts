// Running an awk program over input: records and fields, variables and arrays, print/printf, builtin functions.
import { formatPrintf } from '../../../shell/printf-format.ts';
import { LinearRegex } from '../../../../../regex/index.ts';
import type { Expr, Item, Stmt } from './parse.ts';

type Value = string | number;

class Next extends Error {}
class Exit extends Error {
  constructor(readonly status: number) {
    super('exit');
  }
}

export interface AwkIo {
  out(text: string): void;
  /** Write to a file (`print > "f"`): append after the first write. */
  file(name: string, text: string, append: boolean): void;
}

const NUMERIC = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)\s*$/;

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  const m = /^\s*[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+)/.exec(v);
  return m ? Number(m[0]) : 0;
}

export function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return formatPrintf('%.6g', [String(v)]).out;
}

export class AwkRun {
  private vars = new Map<string, Value>();
  private arrays = new Map<string, Map<string, Value>>();
  private fields: string[] = [''];
  private ranges = new Map<Item, boolean>();
  private written = new Set<string>();
  private regexCache = new Map<string, LinearRegex>();

  constructor(
    private readonly items: Item[],
    private readonly io: AwkIo,
    assigns: Record<string, string>,
  ) {
    this.vars.set('FS', ' ');
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('NR', 0);
    this.vars.set('NF', 0);
    this.vars.set('SUBSEP', '\x1c');
    for (const [k, v] of Object.entries(assigns)) this.vars.set(k, v);
  }

  /** Run BEGIN, every record of every input, END; returns the exit status. */
  run(inputs: { name: string; text: string }[]): number {
    try {
      for (const it of this.items) if (it.kind === 'begin') this.exec(it.action ?? []);
      const hasMain = this.items.some((it) => it.kind !== 'begin');
      if (hasMain) {
        for (const input of inputs) {
          this.vars.set('FILENAME', input.name);
          const records = input.text.split('\n');
          if (records[records.length - 1] === '') records.pop();
          for (const rec of records) {
            this.vars.set('NR', toNum(this.vars.get('NR') ?? 0) + 1);
            this.setRecord(rec);
            try {
              for (const it of this.items) if (it.kind === 'main' && this.selects(it)) this.exec(it.action ?? [{ k: 'print', args: [] }]);
            } catch (e: unknown) {
              if (!(e instanceof Next)) throw e;
            }
          }
        }
      }
      for (const it of this.items) if (it.kind === 'end') this.exec(it.action ?? []);
      return 0;
    } catch (e: unknown) {
      if (e instanceof Exit) {
        return e.status;
      }
      throw e;
    }
  }

  private selects(it: Item): boolean {
    if (!it.pattern) return true;
    if (!it.until) return this.truthy(this.eval(it.pattern));
    if (this.ranges.get(it)) {
      if (this.truthy(this.eval(it.until))) this.ranges.set(it, false);
      return true;
    }
    if (!this.truthy(this.eval(it.pattern))) return false;
    this.ranges.set(it, !this.truthy(this.eval(it.until)));
    return true;
  }

  private setRecord(rec: string): void {
    this.fields = [rec, ...this.split(rec, toStr(this.vars.get('FS') ?? ' '))];
    this.vars.set('NF', this.fields.length - 1);
  }

  private split(text: string, fs: string): string[] {
    if (fs === ' ') return text.split(/[ \t\n]+/).filter((f) => f !== '');
    if (text === '') return [];
    if (fs.length === 1 && fs !== '\\') return text.split(fs);
    return this.regex(fs).split(text);
  }

  private rebuild(): void {
    this.fields[0] = this.fields.slice(1).join(toStr(this.vars.get('OFS') ?? ' '));
  }

  private exec(stmts: Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    switch (s.k) {
      case 'print': {
        const text =
          (s.args.length === 0 ? [this.fields[0]] : s.args.map((a) => this.outStr(this.eval(a)))).join(toStr(this.vars.get('OFS') ?? ' ')) +
          toStr(this.vars.get('ORS') ?? '\n');
        this.emit(text, s.dest);
        return;
      }
      case 'printf': {
        const [fmt, ...rest] = s.args.map((a) => this.eval(a));
        this.emit(
          formatPrintf(
            toStr(fmt ?? ''),
            rest.map((v) => this.outStr(v)),
          ).out,
          s.dest,
        );
        return;
      }
      case 'if':
        if (this.truthy(this.eval(s.c))) this.stmt(s.a);
        else if (s.b) this.stmt(s.b);
        return;
      case 'while':
        for (let n = 0; this.truthy(this.eval(s.c)) && n < 1_000_000; n++) this.stmt(s.body);
        return;
      case 'for':
        if (s.init) this.eval(s.init);
        for (let n = 0; (!s.c || this.truthy(this.eval(s.c))) && n < 1_000_000; n++) {
          this.stmt(s.body);
          if (s.step) this.eval(s.step);
        }
        return;
      case 'forin':
        for (const key of [...this.array(s.arr).keys()]) {
          this.vars.set(s.name, key);
          this.stmt(s.body);
        }
        return;
      case 'block':
        this.exec(s.body);
        return;
      case 'next':
        throw new Next();
      case 'exit':
        throw new Exit(s.e ? toNum(this.eval(s.e)) : 0);
      case 'delete':
        if (s.key) this.array(s.name).delete(this.key(s.key));
        else this.array(s.name).clear();
        return;
      case 'expr':
        this.eval(s.e);
        return;
    }
  }

  private emit(text: string, dest?: { append: boolean; file: Expr }): void {
    if (!dest) return this.io.out(text);
    const name = toStr(this.eval(dest.file));
    this.io.file(name, text, dest.append || this.written.has(name));
    this.written.add(name);
  }

  /** print converts numbers with OFMT (%.6g), integers as integers. */
  private outStr(v: Value): string {
    return toStr(v);
  }

  private truthy(v: Value): boolean {
    if (typeof v === 'number') return v !== 0;
    return v !== '';
  }

  private array(name: string): Map<string, Value> {
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  private key(parts: Expr[]): string {
    return parts.map((p) => toStr(this.eval(p))).join(toStr(this.vars.get('SUBSEP') ?? '\x1c'));
  }

  /** An ERE, compiled once, matched in linear time with POSIX leftmost-longest (src/core/regex). */
  private regex(source: string): LinearRegex {
    let re = this.regexCache.get(source);
    if (!re) {
      re = LinearRegex.compile(source, 'ere', { longest: true });
      this.regexCache.set(source, re);
    }
    return re;
  }

  private get(target: Expr): Value {
    return this.eval(target);
  }

  private set(target: Expr, v: Value): void {
    if (target.k === 'var') {
      this.vars.set(target.name, v);
      if (target.name === 'NF') {
        const nf = toNum(v);
        this.fields = this.fields.slice(0, nf + 1);
        while (this.fields.length < nf + 1) this.fields.push('');
        this.rebuild();
      }
    } else if (target.k === 'idx') this.array(target.name).set(this.key(target.key), v);
    else if (target.k === 'field') {
      const n = toNum(this.eval(target.e));
      if (n === 0) return this.setRecord(toStr(v));
      while (this.fields.length <= n) this.fields.push('');
      this.fields[n] = toStr(v);
      this.vars.set('NF', this.fields.length - 1);
      this.rebuild();
    }
  }

  private compare(a: Value, b: Value): number {
    const numeric = (v: Value): boolean => typeof v === 'number' || NUMERIC.test(v);
    if (numeric(a) && numeric(b)) return toNum(a) - toNum(b);
    const sa = toStr(a);
    const sb = toStr(b);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  }

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regex(e.v).test(this.fields[0]) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
        return this.vars.get(e.name) ?? '';
      case 'field': {
        const n = toNum(this.eval(e.e));
        return this.fields[n] ?? '';
      }
      case 'idx': {
        const arr = this.array(e.name);
        const k = this.key(e.key);
        if (!arr.has(k)) arr.set(k, '');
        return arr.get(k) as Value;
      }
      case 'in':
        return this.array(e.arr).has(this.key(e.key)) ? 1 : 0;
      case 'cond':
        return this.truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'match': {
        const src = e.re.k === 're' ? e.re.v : toStr(this.eval(e.re));
        const hit = this.regex(src).test(toStr(this.eval(e.e)));
        return hit !== e.neg ? 1 : 0;
      }
      case 'un': {
        const v = this.eval(e.e);
        return e.op === '!' ? (this.truthy(v) ? 0 : 1) : e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'assign': {
        const v = this.eval(e.e);
        const next = e.op === '=' ? v : arith(e.op.slice(0, -1), toNum(this.get(e.target)), toNum(v));
        this.set(e.target, next);
        return next;
      }
      case 'incdec': {
        const old = toNum(this.get(e.target));
        const next = old + (e.op === '++' ? 1 : -1);
        this.set(e.target, next);
        return e.pre ? next : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'bin':
        return this.binary(e.op, e.a, e.b);
    }
  }

  private binary(op: string, a: Expr, b: Expr): Value {
    if (op === '&&') return this.truthy(this.eval(a)) && this.truthy(this.eval(b)) ? 1 : 0;
    if (op === '||') return this.truthy(this.eval(a)) || this.truthy(this.eval(b)) ? 1 : 0;
    const va = this.eval(a);
    const vb = this.eval(b);
    if (op === 'concat') return toStr(va) + toStr(vb);
    if (op === ',') return toStr(va) + toStr(this.vars.get('SUBSEP') ?? '') + toStr(vb);
    const rel: Record<string, (c: number) => boolean> = {
      '<': (c) => c < 0,
      '<=': (c) => c <= 0,
      '>': (c) => c > 0,
      '>=': (c) => c >= 0,
      '==': (c) => c === 0,
      '!=': (c) => c !== 0,
    };
    if (op in rel) return rel[op](this.compare(va, vb)) ? 1 : 0;
    return arith(op, toNum(va), toNum(vb));
  }

  private call(name: string, args: Expr[]): Value {
    const s = (i: number): string => (args[i] ? toStr(this.eval(args[i])) : this.fields[0]);
    const n = (i: number): number => toNum(this.eval(args[i]));
    switch (name) {
      case 'length':
        return s(0).length;
      case 'substr': {
        const str = s(0);
        const start = Math.round(n(1));
        const len = args[2] ? Math.round(n(2)) : Infinity;
        const from = Math.max(start, 1);
        const to = start + len;
        return to <= from ? '' : str.slice(from - 1, to - 1);
      }
      case 'index':
        return s(0).indexOf(s(1)) + 1;
      case 'tolower':
        return s(0).toLowerCase();
      case 'toupper':
        return s(0).toUpperCase();
      case 'int':
        return Math.trunc(n(0));
      case 'sqrt':
        return Math.sqrt(n(0));
      case 'sprintf': {
        const [fmt, ...rest] = args.map((a) => this.eval(a));
        return formatPrintf(toStr(fmt ?? ''), rest.map(toStr)).out;
      }
      case 'split': {
        const target = args[1];
        if (target?.k !== 'var') return 0;
        const parts = this.split(s(0), args[2] ? s(2) : toStr(this.vars.get('FS') ?? ' '));
        const arr = this.array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), p));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const src = args[0]?.k === 're' ? args[0].v : s(0);
        const target = args[2] ?? ({ k: 'field', e: { k: 'num', v: 0 } } as Expr);
        const repl = s(1);
        let count = 0;
        const out = this.regex(src).replace(
          toStr(this.eval(target)),
          (n) => name === 'gsub' || n === 1,
          (m) => {
            count++;
            return repl.replace(/\\&|&/g, (t) => (t === '&' ? m.text : '&'));
          },
        );
        if (count > 0) this.set(target, out);
        return count;
      }
      default:
        return '';
    }
  }
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '%':
      return a % b;
    case '^':
      return a ** b;
    default:
      return 0;
  }
}
