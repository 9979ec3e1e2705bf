// Starting a container's process: argv from the pod spec and the image config, then the program it names — the
// image's own (nginx, agnhost ...), a shell running its -c script, or one command run like a script line.
import type { Container, Pod } from '../../api/types.ts';
import type { ContainerRun } from '../../contracts.ts';
import type { ImageFacts, ImageFamily } from './family.ts';
import { programName, type ProcessClock, type ProcessEnv, type ProcessRunTool, type ProcessWorld } from './process-env.ts';
import type { ShellKind } from './script/context.ts';
import { parseScript } from './script/parser.ts';
import { emitTo, ScriptRunner } from './script/run.ts';
import { Timeline } from './timeline.ts';

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash', 'zsh']);

/** The argv the runtime executes: `command` replaces ENTRYPOINT (and drops CMD), `args` replaces CMD. */
export function containerArgv(container: Container, facts: ImageFacts): string[] {
  if (container.command && container.command.length > 0) return [...container.command, ...(container.args ?? [])];
  // An empty `args: []` counts as unset, as the CRI runtimes treat it (they test the length, not presence).
  return [...facts.entrypoint, ...(container.args && container.args.length > 0 ? container.args : facts.cmd)];
}

/** Which shell a name means in this image: `sh` is dash on Debian images, BusyBox ash elsewhere. */
function shellKind(name: string, facts: ImageFacts): ShellKind {
  if (name === 'bash' || name === 'zsh') return 'bash';
  if (name === 'dash') return 'dash';
  return facts.toolset.busybox && facts.toolset.busybox.applets.includes('sh') ? 'ash' : facts.info.prompt === 'bash' ? 'dash' : 'ash';
}

/** The main process could not be started: containerd's StartError (exit 128, nothing logged). */
function startError(clock: ProcessClock, startMs: number): ContainerRun {
  const tl = new Timeline();
  tl.exit(128);
  return tl.toRun(clock, startMs);
}

export interface StartInput extends ProcessWorld {
  pod: Pod;
  container: Container;
  facts: ImageFacts;
  family: ImageFamily;
  hostname: string;
  vars: Record<string, string>;
  runTool?: ProcessRunTool;
}

/** Run `argv` as the container's process. */
export function runProgram(input: StartInput, argv: string[], startMs: number): ContainerRun {
  const env: ProcessEnv = { ...input, argv, startMs, exec: (next) => runProgram(input, next, startMs) };
  if (argv.length === 0) return startError(input.clock, startMs);
  const name = programName(argv[0]);
  const own = input.family.programs?.[name];
  if (own) return own(env);
  const has = (n: string) => input.facts.info.commands.includes(n) || input.facts.info.shells.includes(n);
  if (!has(name)) return startError(input.clock, startMs);
  const tl = new Timeline();
  const shell = SHELLS.has(name);
  const kind = shellKind(shell ? name : 'sh', input.facts);
  const ctx = {
    tl,
    env,
    vars: { ...input.vars },
    shell: kind,
    argv0: name,
    background: false,
    out: (t: string) => emitTo(tl, t),
    program: (a: string[]) => {
      const p = input.family.programs?.[programName(a[0])];
      return p ? p({ ...env, argv: a }) : undefined;
    },
  };
  const runner = new ScriptRunner(ctx, new Set(input.facts.info.commands));
  if (shell) {
    const c = argv.indexOf('-c');
    if (c > 0) {
      runner.run(parseScript(argv[c + 1] ?? ''));
    } else if (argv.length > 1 && !argv[1].startsWith('-')) {
      // `sh script.sh`: the evaluator has no script files.
      const f = argv[1];
      const msg = {
        ash: `${name}: can't open '${f}': No such file or directory`,
        dash: `${name}: 0: cannot open ${f}: No such file`,
        bash: `${name}: ${f}: No such file or directory`,
      }[kind];
      tl.log(msg);
      tl.exit(kind === 'bash' ? 127 : 2);
    }
    // An interactive shell with no terminal reads EOF from stdin and exits 0: the classic CrashLoopBackOff.
    if (!tl.done()) tl.exit(runner.lastStatus());
  } else {
    const status = runner.command(argv);
    if (!tl.done()) tl.exit(status);
  }
  return tl.toRun(input.clock, startMs);
}
