// The table of kubectl subcommands: one row per command, each defined in cmd/<name>.ts.
import type { KubectlCommand } from './command.ts';
import { apiResourcesCommand } from './cmd/api-resources.ts';
import { clusterInfoCommand } from './cmd/cluster-info.ts';
import { configCommand } from './cmd/config.ts';
import { getCommand } from './cmd/get.ts';
import { versionCommand } from './cmd/version.ts';

export const COMMANDS: readonly KubectlCommand[] = [
  getCommand,
  clusterInfoCommand,
  apiResourcesCommand,
  configCommand,
  versionCommand,
];

/** The command for a word (its name or an alias). */
export function findCommand(word: string): KubectlCommand | undefined {
  return COMMANDS.find((c) => c.name === word || c.aliases?.includes(word));
}
