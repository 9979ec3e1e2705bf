// Table of the process and kernel tools (sysctl, ps): procps-ng on nodes and Debian-like images, BusyBox applets elsewhere.
import type { ToolInfo } from '../tool.ts';
import { ps } from './ps.ts';
import { sysctl } from './sysctl.ts';

export const procpsTools: ToolInfo[] = [
  { name: 'sysctl', run: sysctl, on: 'everywhere', summary: 'read kernel parameters (from /proc/sys; read-only)' },
  { name: 'ps', run: ps, on: 'everywhere', summary: 'report a snapshot of the current processes (from the model)' },
];
