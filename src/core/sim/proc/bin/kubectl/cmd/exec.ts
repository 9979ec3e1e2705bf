// `kubectl exec POD [-c C] [-i] [-t] -- CMD...`: run in the container (ctx.execIn) or open a nested shell (-it).
import type { HostRef } from '../../../../contracts.ts';
import type { KObject } from '../../../../api/types.ts';
import type { KubectlCommand } from '../command.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { defaultContainer, findPod } from '../pod-target.ts';
import { serverError } from '../errors.ts';

const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh', 'dash']);

/** `bash`, `/bin/sh -il`: a shell started for interactive use (only flags after it). */
export function interactiveShell(argv: string[]): string | undefined {
  const prog = argv[0]?.split('/').pop() ?? '';
  if (!SHELLS.has(prog)) return undefined;
  return argv.slice(1).every((a) => /^-[il]+$/.test(a)) ? prog : undefined;
}

/** A 64-hex-digit exec id, as containerd names exec processes (from the world's seeded generator). */
function execId(k: Kube): string {
  const rng = k.ctx.rng.fork(`kubectl-exec-${k.now()}`);
  let s = '';
  for (let i = 0; i < 64; i++) s += '0123456789abcdef'[rng.int(16)];
  return s;
}

/** Why the runtime cannot exec in this container right now, as kubectl would print it; undefined if it can. */
export function execProblem(k: Kube, pod: KObject, container: string): string | undefined {
  const name = pod.metadata.name;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    return `error: cannot exec into a container in a completed pod; current phase is ${phase}`;
  const spec = ((pod.spec?.containers ?? []) as { name: string }[]).find((c) => c.name === container);
  const init = ((pod.spec?.initContainers ?? []) as { name: string }[]).find((c) => c.name === container);
  if (!spec && !init)
    return serverError({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message: `container ${container} is not valid for pod ${name}`,
    });
  if (!pod.spec?.nodeName)
    return serverError({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message: `pod ${name} does not have a host assigned`,
    });
  const statuses = [...((pod.status?.containerStatuses ?? []) as []), ...((pod.status?.initContainerStatuses ?? []) as [])] as {
    name: string;
    state?: { running?: unknown };
  }[];
  const st = statuses.find((s) => s.name === container);
  if (!st?.state?.running) return `error: unable to upgrade connection: container not found ("${container}")`;
  return undefined;
}

/** The OCI error for a program the image does not have; undefined when it has it (or the image is unknown). */
export function missingProgram(k: Kube, pod: KObject, container: string, program: string): string | undefined {
  const image = ((pod.spec?.containers ?? []) as { name: string; image: string }[]).find((c) => c.name === container)?.image;
  const info = image ? k.ctx.images.lookup(image) : undefined;
  if (!info) return undefined;
  const base = program.split('/').pop() ?? program;
  if (info.commands.includes(base) || info.shells.includes(base)) return undefined;
  return (
    `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${execId(k)}": ` +
    `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown`
  );
}

function run(k: Kube, f: Flags): number {
  const args = f.args;
  const dash = f.parsed.argsLenAtDash;
  let resource = '';
  let command: string[] = [];
  if (args.length > 0 && dash !== 0) resource = args[0];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1 || (args.length > 0 && f.list('filename').length)) {
    return k.usageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  }
  if (!resource && f.list('filename').length === 0) return k.fail('pod, type/name or --filename must be specified');
  if (command.length === 0) return k.fail('you must specify at least one command for the container');
  const found = findPod(k, resource);
  if (!found.ok) return found.status ? k.failStatus(found.status) : k.fail(found.error ?? 'pod not found');
  const pod = found.pod;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed')
    return k.fail(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const quiet = f.bool('quiet');
  const container = f.str('container') || defaultContainer(k, pod, quiet);
  if (!container) return k.fail(`pod ${pod.metadata.name} does not have any containers`);
  const host: HostRef = { kind: 'pod', namespace: pod.metadata.namespace ?? k.namespace, pod: pod.metadata.name, container };
  const stdin = f.bool('stdin');
  let tty = f.bool('tty') && stdin;
  if (tty && !k.ctx.tty) {
    if (!quiet) k.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  const problem = execProblem(k, pod, container);
  if (problem) {
    k.err(problem + '\n');
    return 1;
  }
  const missing = missingProgram(k, pod, container, command[0]);
  if (missing) {
    k.err(missing + '\n');
    return 1;
  }
  const shell = interactiveShell(command);
  if (tty && shell) {
    k.ctx.openShell({
      host,
      program: shell,
      // the nested shell's exit status becomes kubectl's, with the runtime's message when it is not 0
      onExit: (io, status = 0) => {
        if (status !== 0) io.stderr(`command terminated with exit code ${status}\n`);
        return status;
      },
    });
    return 0;
  }
  const code = k.ctx.execIn(host, command, stdin ? k.ctx.stdin : '');
  // The line was stopped (the cell's budget, the learner's Ctrl-C): the interrupt kills kubectl too, before the
  // runtime's exit status of the remote process could come back, so kubectl prints nothing of its own.
  if (code !== 0 && !k.ctx.sleep(0)) return code;
  if (code !== 0) {
    k.err(`command terminated with exit code ${code}\n`);
    return code;
  }
  return 0;
}

export const execCommand: KubectlCommand = {
  name: 'exec',
  group: 'Troubleshooting and Debugging Commands:',
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  examples: [
    "# Get output from running the 'date' command from pod mypod, using the first container by default",
    'kubectl exec mypod -- date',
    '',
    "# Get output from running the 'date' command in ruby-container from pod mypod",
    'kubectl exec mypod -c ruby-container -- date',
    '',
    "# Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod",
    "# and sends stdout/stderr from 'bash' back to the client",
    'kubectl exec mypod -c ruby-container -i -t -- bash -il',
  ],
  flags: [
    {
      name: 'container',
      short: 'c',
      type: 'string',
      default: "''",
      help: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    },
    { name: 'stdin', short: 'i', type: 'bool', default: 'false', help: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', default: 'false', help: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', default: 'false', help: 'Only print output from the remote session' },
    { name: 'filename', short: 'f', type: 'stringSlice', default: '[]', help: 'to use to exec into the resource' },
    {
      name: 'pod-running-timeout',
      type: 'duration',
      default: '1m0s',
      help: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    },
  ],
  run,
};
