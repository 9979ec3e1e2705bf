// awk: pattern scanning (the subset lessons use: fields, -F, -v, patterns and ranges, BEGIN/END, print/printf,
// arrays, if/while/for, the common builtins). Messages as mawk (Debian's awk) or BusyBox awk word them.
import type { ToolInfo } from '../../tool.ts';
import { abs, fsOf, readOperand, strerror, userland } from '../kit.ts';
import { RegexSyntaxError } from '../../../../../regex/index.ts';
import { AwkSyntaxError } from './lex.ts';
import { parseAwk, type Item } from './parse.ts';
import { AwkRun } from './run.ts';

export const awk: ToolInfo = {
  name: 'awk',
  on: 'everywhere',
  summary: 'pattern scanning and processing',
  run: (ctx) => {
    const gnu = userland(ctx) === 'gnu';
    const assigns: Record<string, string> = {};
    const operands: string[] = [];
    let program: string | undefined;
    for (let i = 1; i < ctx.argv.length; i++) {
      const a = ctx.argv[i];
      if (a === '-F') assigns.FS = ctx.argv[++i] ?? ' ';
      else if (a.startsWith('-F')) assigns.FS = a.slice(2);
      else if (a === '-v') {
        const kv = ctx.argv[++i] ?? '';
        assigns[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
      } else if (program === undefined) program = a;
      else operands.push(a);
    }
    if (program === undefined) {
      ctx.stderr(
        gnu
          ? "usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n"
          : 'awk: usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n',
      );
      return 2;
    }
    if (assigns.FS === 't') assigns.FS = '\t';
    let items: Item[];
    try {
      items = parseAwk(program);
    } catch (e: unknown) {
      if (!(e instanceof AwkSyntaxError) && !(e instanceof RegexSyntaxError)) throw e;
      ctx.stderr(gnu ? `awk: line 1: ${e.message}\n` : 'awk: cmd. line:1: Unexpected token\n');
      return gnu ? 2 : 1;
    }
    const inputs: { name: string; text: string }[] = [];
    for (const f of operands.length > 0 ? operands : ['-']) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(f)) {
        assigns[f.slice(0, f.indexOf('='))] = f.slice(f.indexOf('=') + 1);
        continue;
      }
      const r = readOperand(ctx, f);
      if ('errno' in r) {
        ctx.stderr(gnu ? `awk: cannot open ${f} (${strerror(r.errno)})\n` : `awk: ${f}: ${strerror(r.errno)}\n`);
        return gnu ? 2 : 1;
      }
      inputs.push({ name: f === '-' ? '' : f, text: r.text });
    }
    const fs = fsOf(ctx);
    const runner = new AwkRun(
      items,
      {
        out: (t) => ctx.stdout(t),
        file: (name, text, append) => {
          const path = abs(ctx, name);
          fs.write(path, (append ? (fs.read(path) ?? '') : '') + text);
        },
      },
      assigns,
    );
    try {
      return runner.run(inputs);
    } catch (e: unknown) {
      // A regular expression built at run time (`$0 ~ var`, split, sub) that cannot be compiled.
      if (!(e instanceof RegexSyntaxError)) throw e;
      ctx.stderr(gnu ? `awk: run time error: regular expression: ${e.message}\n` : `awk: bad regex: ${e.message}\n`);
      return gnu ? 2 : 1;
    }
  },
};
