// The kubectl program: find the subcommand (global flags may come first), parse flags, run it, print help.
import type { ToolContext } from '../tool.ts';
import type { KubectlCommand } from './command.ts';
import { COMMANDS, findCommand } from './commands.ts';
import { Flags, parseFlags, type FlagSpec } from './flags.ts';
import { GLOBAL_FLAGS, takesValue } from './globals.ts';
import { commandHelp, REAL_COMMANDS, rootHelp, suggestionsFor } from './help.ts';
import { Kube } from './kube.ts';

/** The namespace of the kubeconfig context the simulator's kubectl uses. */
export const DEFAULT_NAMESPACE = 'default';

/** Index of the first positional word (the subcommand), skipping global flags and their values. */
function commandIndex(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (takesValue(a)) i++;
  }
  return -1;
}

/** Index of the first positional argument, skipping flags (and the values of flags that take one). */
function positionalIndex(args: string[], specs: FlagSpec[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.includes('=')) continue;
    const spec = a.startsWith('--')
      ? specs.find((f) => f.name === a.slice(2))
      : a.length === 2
        ? specs.find((f) => f.short === a[1])
        : undefined;
    if (spec && spec.type !== 'bool' && spec.noOptDefVal === undefined) i++;
  }
  return -1;
}

/** Run one kubectl command line (ctx.argv[0] is "kubectl"). */
export function runKubectl(ctx: ToolContext): number {
  const args = ctx.argv.slice(1);
  const idx = commandIndex(args);
  if (idx < 0) {
    const parsed = parseFlags(args, GLOBAL_FLAGS);
    if (!parsed.ok) {
      ctx.stderr(`error: ${parsed.error}\nSee 'kubectl --help' for usage.\n`);
      return 1;
    }
    ctx.stdout(rootHelp(COMMANDS));
    return 0;
  }
  const word = args[idx];
  const rest = [...args.slice(0, idx), ...args.slice(idx + 1)];
  if (word === 'help') {
    const target = rest.find((a) => !a.startsWith('-'));
    const cmd = target ? findCommand(target) : undefined;
    ctx.stdout(cmd ? commandHelp(cmd, `kubectl ${cmd.name}`) : rootHelp(COMMANDS));
    return 0;
  }
  const cmd = findCommand(word);
  if (!cmd && REAL_COMMANDS.includes(word)) {
    ctx.stderr(`error: the podlab simulator does not implement "kubectl ${word}"\n`);
    return 1;
  }
  if (!cmd) {
    ctx.stderr(`error: unknown command "${word}" for "kubectl"${suggestionsFor(word, COMMANDS)}\n`);
    return 1;
  }
  return runCommand(ctx, cmd, rest, `kubectl ${cmd.name}`);
}

/** Parse a (sub)command's flags plus the global ones and run it; shared with nested commands (create deployment). */
export function runCommand(ctx: ToolContext, cmd: KubectlCommand, args: string[], path: string): number {
  if (cmd.subcommands?.length) {
    const i = positionalIndex(args, [...cmd.flags, ...GLOBAL_FLAGS]);
    const sub = i >= 0 ? cmd.subcommands.find((c) => c.name === args[i] || c.aliases?.includes(args[i])) : undefined;
    if (sub) return runCommand(ctx, sub, [...args.slice(0, i), ...args.slice(i + 1)], `${path} ${sub.name}`);
  }
  const parsed = parseFlags(args, [...cmd.flags, ...GLOBAL_FLAGS]);
  if (!parsed.ok) {
    ctx.stderr(`error: ${parsed.error}\nSee '${path} --help' for usage.\n`);
    return 1;
  }
  if (parsed.parsed.help) {
    ctx.stdout(commandHelp(cmd, path));
    return 0;
  }
  const flags = new Flags(parsed.parsed);
  const ns = flags.str('namespace');
  const k = new Kube(ctx, ns || DEFAULT_NAMESPACE, ns !== '', path);
  return cmd.run(k, flags);
}
