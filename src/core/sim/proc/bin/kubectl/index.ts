// kubectl in the simulator: the tool entry; subcommands live in their own table (commands.ts).
import type { ToolInfo } from '../tool.ts';
import { runKubectl } from './main.ts';

export const kubectlTools: ToolInfo[] = [
  { name: 'kubectl', run: runKubectl, on: 'node', summary: 'kubectl controls the Kubernetes cluster manager' },
];
