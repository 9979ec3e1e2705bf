// Small programs: true, false, clear, pwd, basename, dirname, tee, seq, chmod.
import { basename as base, dirname as dir } from '../../os/fs/paths.ts';
import { chargeWork, checkValueSize, TOO_MANY_LINES, USERLAND_LIMITS } from '../../limits.ts';
import type { ToolInfo } from '../tool.ts';
import { abs, fsOf, strerror, usageError, userland } from './kit.ts';

export const trueTool: ToolInfo = { name: 'true', on: 'everywhere', summary: 'do nothing, successfully', run: () => 0 };
export const falseTool: ToolInfo = { name: 'false', on: 'everywhere', summary: 'do nothing, unsuccessfully', run: () => 1 };

/** `clear` writes the terminal's clear-screen sequence; transcripts would only show noise, so it prints nothing. */
export const clear: ToolInfo = { name: 'clear', on: 'everywhere', summary: 'clear the screen', run: () => 0 };

export const pwd: ToolInfo = {
  name: 'pwd',
  on: 'everywhere',
  summary: 'print the working directory',
  run: (ctx) => {
    ctx.stdout(`${ctx.cwd}\n`);
    return 0;
  },
};

export const basename: ToolInfo = {
  name: 'basename',
  on: 'everywhere',
  summary: 'strip directory (and suffix) from a name',
  run: (ctx) => {
    const [name, suffix] = ctx.argv.slice(1);
    if (name === undefined) return usageError(ctx, 'missing operand', 'FILE [SUFFIX]');
    let b = base(name);
    if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
    ctx.stdout(`${b}\n`);
    return 0;
  },
};

export const dirname: ToolInfo = {
  name: 'dirname',
  on: 'everywhere',
  summary: 'strip the last part of a name',
  run: (ctx) => {
    const names = ctx.argv.slice(1);
    if (names.length === 0) return usageError(ctx, 'missing operand', 'FILENAME');
    ctx.stdout(names.map((n) => `${dir(n)}\n`).join(''));
    return 0;
  },
};

export const tee: ToolInfo = {
  name: 'tee',
  on: 'everywhere',
  summary: 'copy stdin to stdout and files',
  run: (ctx) => {
    const append = ctx.argv.includes('-a');
    const files = ctx.argv.slice(1).filter((a) => a !== '-a');
    const text = ctx.stdin;
    const fs = fsOf(ctx);
    let status = 0;
    for (const f of files) {
      const errno = fs.writeFile
        ? fs.writeFile(abs(ctx, f), text, { append })
        : (fs.write(abs(ctx, f), (append ? (fs.read(abs(ctx, f)) ?? '') : '') + text), undefined);
      if (errno) {
        ctx.stderr(`tee: ${f}: ${strerror(errno)}\n`);
        status = 1;
      }
    }
    ctx.stdout(text);
    return status;
  },
};

export const seq: ToolInfo = {
  name: 'seq',
  on: 'everywhere',
  summary: 'print a sequence of numbers',
  run: (ctx) => {
    const gnu = userland(ctx) === 'gnu';
    const usage = '[-w] [-s SEP] [FIRST [INC]] LAST';
    let sep = '\n';
    let width = false;
    const nums: string[] = [];
    for (let i = 1; i < ctx.argv.length; i++) {
      const a = ctx.argv[i];
      if (a === '-s') sep = ctx.argv[++i] ?? '';
      else if (a.startsWith('-s') && a.length > 2) sep = a.slice(2);
      else if (a === '-w') width = true;
      else nums.push(a);
    }
    if (nums.length === 0 || nums.length > 3)
      return usageError(ctx, gnu ? (nums.length === 0 ? 'missing operand' : `extra operand '${nums[3]}'`) : undefined, usage);
    const bad = nums.find((n) => !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(n));
    if (bad !== undefined) return usageError(ctx, gnu ? `invalid floating point argument: '${bad}'` : undefined, usage);
    const [first, inc, last] =
      nums.length === 1 ? [1, 1, Number(nums[0])] : nums.length === 2 ? [Number(nums[0]), 1, Number(nums[1])] : nums.map(Number);
    if (inc === 0) return usageError(ctx, `invalid Zero increment value: '${nums[1]}'`, usage);
    const out: string[] = [];
    let v = first;
    for (; (inc > 0 ? v <= last : v >= last) && out.length < USERLAND_LIMITS.maxToolLines; v += inc) out.push(String(v));
    chargeWork(out.length); // a long seq costs the line steps (1 per 1,000 numbers), as a loop printing them would
    let w = 0;
    for (const s of out) w = Math.max(w, s.length);
    checkValueSize(out.length * (w + sep.length));
    ctx.stdout(out.length > 0 ? out.map((s) => (width ? s.padStart(w, '0') : s)).join(sep) + '\n' : '');
    if (inc > 0 ? v <= last : v >= last) {
      // A real seq would go on for as long as asked; the simulator stops at its line limit and says so.
      ctx.stderr(`seq: ${TOO_MANY_LINES}\n`);
      return 1;
    }
    return 0;
  },
};

/** chmod MODE FILE...: octal modes and symbolic [ugoa][+-=][rwx] (enough for `chmod +x script.sh`). */
export const chmod: ToolInfo = {
  name: 'chmod',
  on: 'everywhere',
  summary: 'change file permissions',
  run: (ctx) => {
    const [mode, ...files] = ctx.argv.slice(1).filter((a) => a !== '-R');
    if (mode === undefined || files.length === 0)
      return usageError(ctx, mode === undefined ? 'missing operand' : `missing operand after '${mode}'`, '[-R] MODE[,MODE]... FILE...');
    const fs = fsOf(ctx);
    let status = 0;
    for (const f of files) {
      const path = abs(ctx, f);
      const st = fs.stat(path);
      if (!st) {
        ctx.stderr(
          userland(ctx) === 'gnu' ? `chmod: cannot access '${f}': ${strerror('ENOENT')}\n` : `chmod: ${f}: ${strerror('ENOENT')}\n`,
        );
        status = 1;
        continue;
      }
      const next = applyMode(st.mode, mode);
      if (next === undefined) {
        ctx.stderr(`chmod: invalid mode: '${mode}'\n`);
        return 1;
      }
      fs.chmod(path, next);
    }
    return status;
  },
};

function applyMode(current: number, spec: string): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) return parseInt(spec, 8);
  let mode = current;
  for (const part of spec.split(',')) {
    const m = /^([ugoa]*)([+-=])([rwx]*)$/.exec(part);
    if (!m) return undefined;
    const who = m[1] === '' || m[1].includes('a') ? 'ugo' : m[1];
    let bits = 0;
    for (const w of who) {
      const shift = { u: 6, g: 3, o: 0 }[w as 'u' | 'g' | 'o'];
      for (const p of m[3]) bits |= { r: 4, w: 2, x: 1 }[p as 'r' | 'w' | 'x'] << shift;
    }
    if (m[2] === '+') mode |= bits;
    else if (m[2] === '-') mode &= ~bits;
    else mode = bits;
  }
  return mode;
}
