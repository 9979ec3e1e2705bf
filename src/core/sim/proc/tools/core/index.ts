// Table of the general-purpose tools (cat, echo, grep, head, wc, env, hostname, sleep, ls ...).
import type { ToolInfo } from '../../tool.ts';

export const coreTools: ToolInfo[] = [];
