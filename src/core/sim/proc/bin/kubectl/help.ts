// Help texts in kubectl's layout (templates.go): description, Examples, Options, Usage; and cobra's suggestions.
import { COMMAND_GROUPS, type KubectlCommand } from './command.ts';
import type { FlagSpec } from './flags.ts';

/** Every command real kubectl v1.32 has, for "Did you mean this?" (cobra suggests among all of them). */
export const REAL_COMMANDS = [
  'annotate',
  'api-resources',
  'api-versions',
  'apply',
  'attach',
  'auth',
  'autoscale',
  'certificate',
  'cluster-info',
  'completion',
  'config',
  'cordon',
  'cp',
  'create',
  'debug',
  'delete',
  'describe',
  'diff',
  'drain',
  'edit',
  'events',
  'exec',
  'explain',
  'expose',
  'get',
  'help',
  'kustomize',
  'label',
  'logs',
  'options',
  'patch',
  'plugin',
  'port-forward',
  'proxy',
  'replace',
  'rollout',
  'run',
  'scale',
  'set',
  'taint',
  'top',
  'uncordon',
  'version',
  'wait',
];

/** Extra words cobra maps to a command (SuggestFor in kubectl). */
const SUGGEST_FOR: Record<string, string[]> = { get: ['list', 'ps'], delete: ['rm'] };

/** Levenshtein distance, case-insensitive (cobra's ld(..., true)). */
function distance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let i = 1; i <= s.length; i++)
    for (let j = 1; j <= t.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
  return d[s.length][t.length];
}

/** cobra's findSuggestions text ("" when none). */
export function suggestionsFor(word: string, _commands: readonly KubectlCommand[]): string {
  const names = [...REAL_COMMANDS].sort();
  const out: string[] = [];
  for (const n of names) {
    if (distance(word, n) <= 2 || n.toLowerCase().startsWith(word.toLowerCase())) out.push(n);
    for (const alias of SUGGEST_FOR[n] ?? []) if (alias.toLowerCase() === word.toLowerCase()) out.push(n);
  }
  if (out.length === 0) return '';
  return `\n\nDid you mean this?\n${out.map((n) => `\t${n}`).join('\n')}`;
}

function flagLine(f: FlagSpec): string {
  const name = f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
  return `    ${name}=${f.default ?? (f.type === 'bool' ? 'false' : "''")}:\n\t${f.help}\n`;
}

/** `kubectl <cmd> --help`. */
export function commandHelp(cmd: KubectlCommand, path: string): string {
  let s = `${cmd.long ?? cmd.short + '.'}\n\n`;
  if (cmd.examples?.length) s += `Examples:\n${cmd.examples.map((l) => (l ? `  ${l}` : '')).join('\n')}\n\n`;
  const visible = cmd.flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (visible.length) s += `Options:\n${visible.map(flagLine).join('\n')}\n`;
  const parent = path.split(' ').slice(0, -1).join(' ');
  s += `Usage:\n  ${parent} ${cmd.usage}\n\n`;
  s += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}

/** `kubectl` / `kubectl --help`: commands by group. */
export function rootHelp(commands: readonly KubectlCommand[]): string {
  let s =
    'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n';
  for (const g of COMMAND_GROUPS) {
    const cs = commands.filter((c) => c.group === g);
    if (!cs.length) continue;
    s += `${g}\n${cs.map((c) => `  ${c.name.padEnd(15)} ${c.short}`).join('\n')}\n\n`;
  }
  s += 'Usage:\n  kubectl [flags] [options]\n\n';
  s += 'Use "kubectl <command> --help" for more information about a given command.\n';
  s += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return s;
}
