// Builtins that ask what a name is or run text: type, command, alias, unalias, eval.
import type { FunctionDef } from '../ast.ts';
import type { Builtin, BuiltinCall } from './types.ts';

/** Reserved words, as `type` reports them. */
export const KEYWORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'case',
  'esac',
  'for',
  'while',
  'until',
  'do',
  'done',
  '{',
  '}',
  '!',
  'in',
]);

/** Is `name` a builtin? Filled by the builtin table (index.ts) to avoid an import cycle. */
export const isBuiltinName = { test: (_name: string): boolean => false };

/** One line describing a name, or undefined if it is nothing. */
function describe(c: BuiltinCall, name: string, style: 'type' | 'command-v'): string | undefined {
  const alias = c.sh.aliases.get(name);
  const bash = c.sh.flavour.name === 'bash';
  if (alias !== undefined) {
    if (style === 'command-v') return `alias ${name}='${alias}'`;
    return bash ? `${name} is aliased to \`${alias}'` : `${name} is an alias for ${alias}`;
  }
  if (KEYWORDS.has(name) || (bash && (name === '[[' || name === ']]' || name === 'function')))
    return style === 'command-v' ? name : `${name} is a shell keyword`;
  const fn = c.sh.functions.get(name);
  if (fn) return style === 'command-v' ? name : `${name} is a function${bash ? `\n${showFunction(fn)}` : ''}`;
  if (isBuiltinName.test(name)) return style === 'command-v' ? name : `${name} is a shell builtin`;
  const found = c.ops.find(c.sh, name);
  if (found.kind === 'tool' || found.kind === 'unsimulated') return style === 'command-v' ? found.path : `${name} is ${found.path}`;
  if (found.kind === 'script') return style === 'command-v' ? found.path : `${name} is ${found.path}`;
  return undefined;
}

export const type: Builtin = (c) => {
  let status = 0;
  for (const name of c.argv.slice(1)) {
    const line = describe(c, name, 'type');
    if (line !== undefined) c.io.stdout.write(`${line}\n`);
    else if (c.sh.flavour.name === 'bash') {
      c.error(`${name}: not found`, 'type');
      status = 1;
    } else {
      c.io.stdout.write(`${name}: not found\n`);
      status = 127;
    }
  }
  return status;
};

/** `command -v NAME` says what runs; `command NAME ARGS` runs it, skipping aliases. */
export const command: Builtin = (c) => {
  const args = c.argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') {
    let status = 0;
    for (const name of args.slice(1)) {
      const line = describe(c, name, args[0] === '-v' ? 'command-v' : 'type');
      if (line !== undefined) c.io.stdout.write(`${line}\n`);
      else status = 1;
    }
    return status;
  }
  if (args.length === 0) return 0;
  return c.ops.runArgv(c.sh, args, c.io);
};

export const alias: Builtin = (c) => {
  const args = c.argv.slice(1);
  if (args.length === 0) {
    for (const [k, v] of [...c.sh.aliases].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      c.io.stdout.write(`${c.sh.flavour.name === 'bash' ? 'alias ' : ''}${k}='${v}'\n`);
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) c.sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else if (c.sh.aliases.has(a)) c.io.stdout.write(`${c.sh.flavour.name === 'bash' ? 'alias ' : ''}${a}='${c.sh.aliases.get(a)}'\n`);
    else {
      c.error(`${a}: not found`, 'alias');
      status = 1;
    }
  }
  return status;
};

export const unalias: Builtin = (c) => {
  for (const a of c.argv.slice(1)) {
    if (a === '-a') c.sh.aliases.clear();
    else c.sh.aliases.delete(a);
  }
  return 0;
};

export const evalBuiltin: Builtin = (c) => {
  const text = c.argv.slice(1).join(' ');
  return text.trim() === '' ? 0 : c.ops.evalText(c.sh, text, c.io);
};

/**
 * A function as bash's `type` prints it (print_cmd.c): `name () ` then the body, one command a line indented by
 * four spaces. bash re-prints each command from its parse tree; here a command is its source text, so spacing
 * inside a command stays as typed.
 */
function showFunction(fn: FunctionDef): string {
  const body = fn.body;
  if (body.kind !== 'group') return `${fn.name} () \n${fn.text.slice(fn.text.indexOf(')') + 1).trim()}`;
  // Commands are separated by `;` and a newline; one sent to the background is followed by ` & ` on the same line.
  let out = '';
  body.body.items.forEach((item, i) => {
    const last = i === body.body.items.length - 1;
    out += item.command.text.trim();
    if (item.background) out += last ? ' &' : ' & ';
    else if (!last) out += ';\n    ';
  });
  return `${fn.name} () \n{ \n    ${out}\n}`;
}
