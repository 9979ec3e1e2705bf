// The table of every program a simulated shell can run, merged from the areas' own tables.
import { kubectlTools } from './kubectl/index.ts';
import type { ToolInfo } from './tool.ts';
import { coreTools } from './coreutils/index.ts';
import { netTools } from './net/index.ts';
import { procpsTools } from './procps/index.ts';

/** All tools by name. A later table's entry wins over an earlier one of the same name. */
export function toolTable(): Map<string, ToolInfo> {
  const table = new Map<string, ToolInfo>();
  for (const t of [...coreTools, ...netTools, ...procpsTools, ...kubectlTools]) table.set(t.name, t);
  return table;
}
