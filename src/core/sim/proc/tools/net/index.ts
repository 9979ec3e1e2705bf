// Table of the network tools (curl, wget, ping, nslookup, nc, ip).
import type { ToolInfo } from '../../tool.ts';

export const netTools: ToolInfo[] = [];
