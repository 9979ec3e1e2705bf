// The simulator's shell: public entry points (terminal, non-interactive runs, parsing) for the rest of podlab.
export { createTerminal, type TerminalOptions } from './terminal/terminal.ts';
export { parseShell, type ParseResult } from './shell/parser.ts';
export type { SyntaxFailure } from './shell/syntax.ts';
export { ociExecError } from './os/exec-in.ts';
export { runShellTool } from './shell/shell-tool.ts';
export { hostInfo, type HostInfo } from './os/host-info.ts';
export { hostEnv, hostCwd } from './os/host-env.ts';
export { resolvePath } from './os/fs/paths.ts';
