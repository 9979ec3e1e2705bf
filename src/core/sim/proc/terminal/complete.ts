// Tab completion for the browser terminal: command names in command position, file names elsewhere.
import type { World } from '../../contracts.ts';
import { resolvePath } from '../os/fs/paths.ts';
import type { ToolInfo } from '../bin/tool.ts';
import { BUILTINS } from '../shell/builtins/index.ts';
import { installedPrograms } from '../os/commands.ts';
import { hostInfo } from '../os/host-info.ts';
import type { ShellState } from '../shell/shell-state.ts';

/**
 * Candidates for the last word of `partial`, each a whole replacement for that word, sorted: builtins, aliases
 * and installed programs for the first word of a command; otherwise paths (directories end in `/`).
 */
export function completeLine(world: World, tools: Map<string, ToolInfo>, sh: ShellState, partial: string): string[] {
  const m = /(\S*)$/.exec(partial) as RegExpExecArray;
  const word = m[1];
  const before = partial.slice(0, partial.length - word.length);
  const commandPosition = /(^|[;&|(]\s*|\b(then|do|else)\s+)\s*$/.test(before) && !word.includes('/');
  if (commandPosition) {
    const info = hostInfo(world, sh.host);
    const names = new Set([...BUILTINS.keys(), ...sh.aliases.keys(), ...(info ? installedPrograms(info, tools) : [])]);
    return [...names].filter((n) => n.startsWith(word)).sort();
  }
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  const fs = world.fs(sh.host);
  const home = sh.get('HOME') ?? sh.home;
  const dir = resolvePath(sh.cwd, dirPart.startsWith('~') ? home + dirPart.slice(1) : dirPart || '.');
  const names = fs.list(dir) ?? [];
  return names
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => dirPart + n + (fs.isDir(resolvePath(dir, n)) ? '/' : ''))
    .sort();
}
