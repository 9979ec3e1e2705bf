// The simulator's shell: public entry points (terminal, non-interactive runs, parsing) for the rest of podlab.
export { createTerminal, type TerminalOptions } from './terminal.ts';
export { parseShell, type ParseResult } from './parser.ts';
export type { SyntaxFailure } from './syntax.ts';
export { ociExecError } from './exec-in.ts';
export { runShellTool } from './shell-tool.ts';
export { hostInfo, type HostInfo } from './host-info.ts';
export { hostEnv, hostCwd } from './host-env.ts';
export { resolvePath } from '../fs/paths.ts';
