// A userland tool (wget, curl, ping, nslookup ...) run as a container's main process (`kubectl run t --image=busybox
// -- wget -qO- web`): the same program a terminal runs, in the container's host, its output going to the container's
// log and its waits to the process's own timeline. Kept outside images/ so that images/ need not import bin/.
import type { MainTool } from './images/process-env.ts';
import { netTools } from './bin/net/index.ts';
import type { ToolInfo } from './bin/tool.ts';
import { withFacets } from './os/tool-context.ts';

/**
 * The network tools (wget, curl, ping, nslookup, traceroute ...): what learners run as a pod's process. The others
 * (coreutils, procps) expect a terminal's runtime; the shell's builtins and the container process's own commands
 * (images/process/commands.ts) cover echo, sleep, cat ...
 */
let tools: Map<string, ToolInfo> | undefined;

export const runMainTool: MainTool = (req) => {
  tools ??= new Map(netTools.map((t) => [t.name, t]));
  const name = req.argv[0].slice(req.argv[0].lastIndexOf('/') + 1);
  const tool = tools.get(name);
  if (!tool || tool.on === 'node') return undefined;
  const host = {
    kind: 'pod',
    namespace: req.pod.metadata.namespace ?? 'default',
    pod: req.pod.metadata.name,
    container: req.container,
  } as const;
  const ctx = withFacets(
    {
      world: req.world,
      host,
      argv: [name, ...req.argv.slice(1)],
      env: req.env,
      cwd: req.cwd,
      stdin: '', // a container started without -i reads EOF
      tty: false,
      stdout: req.out,
      stderr: req.out,
      sleep: req.sleep,
      execIn: () => 126,
      openShell: () => undefined,
    },
    req.world,
    host,
  );
  return tool.run(ctx);
};
