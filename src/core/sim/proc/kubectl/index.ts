// kubectl in the simulator: the tool entry; subcommands live in their own table.
import type { ToolInfo } from '../tool.ts';

export const kubectlTools: ToolInfo[] = [];
