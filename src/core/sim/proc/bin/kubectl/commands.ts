// The table of kubectl subcommands: one row per command, each defined in cmd/<name>.ts.
import type { KubectlCommand } from './command.ts';
import { apiResourcesCommand } from './cmd/api-resources.ts';
import { applyCommand } from './cmd/apply.ts';
import { clusterInfoCommand } from './cmd/cluster-info.ts';
import { configCommand } from './cmd/config.ts';
import { createCommand } from './cmd/create.ts';
import { deleteCommand } from './cmd/delete.ts';
import { describeCommand } from './cmd/describe.ts';
import { execCommand } from './cmd/exec.ts';
import { exposeCommand } from './cmd/expose.ts';
import { getCommand } from './cmd/get.ts';
import { labelCommand } from './cmd/label.ts';
import { logsCommand } from './cmd/logs.ts';
import { rolloutCommand } from './cmd/rollout.ts';
import { runCommand } from './cmd/run.ts';
import { scaleCommand } from './cmd/scale.ts';
import { versionCommand } from './cmd/version.ts';
import { waitCommand } from './cmd/wait.ts';

/** In the order `kubectl --help` lists them within each group. */
export const COMMANDS: readonly KubectlCommand[] = [
  createCommand,
  exposeCommand,
  runCommand,
  getCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  clusterInfoCommand,
  describeCommand,
  logsCommand,
  execCommand,
  applyCommand,
  waitCommand,
  labelCommand,
  apiResourcesCommand,
  configCommand,
  versionCommand,
];

/** The command for a word (its name or an alias). */
export function findCommand(word: string): KubectlCommand | undefined {
  return COMMANDS.find((c) => c.name === word || c.aliases?.includes(word));
}
