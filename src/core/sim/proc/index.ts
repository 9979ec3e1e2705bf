// The process layer's facade (os/, shell/, terminal/, bin/, images/): what the rest of the simulator and podlab use.
// Inside proc/, modules import each other directly; outside it, through here (or sim/index.ts from src/node and web/).
export { createTerminal, type TerminalOptions } from './terminal/terminal.ts';
export { parseShell, type ParseResult } from './shell/parser.ts';
export type { SyntaxFailure } from './shell/syntax.ts';
export { ociExecError } from './os/exec-in.ts';
export { runShellTool } from './shell/shell-tool.ts';
export { hostInfo, type HostInfo } from './os/host-info.ts';
export { hostEnv, hostCwd } from './os/host-env.ts';
export { resolvePath } from './os/fs/paths.ts';
export { runCommand, EXEC_BUDGET_MS, type CommandRun } from './run-command.ts';
export { createFileSystems } from './os/fs.ts';
export { createImageCatalog } from './catalog.ts';
export { toolTable } from './bin/index.ts';
export type { Tool, ToolContext, ToolInfo } from './bin/tool.ts';
