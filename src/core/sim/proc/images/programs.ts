// Starting a container's process: argv from the pod spec and the image config, then the program it names — the
// image's own (nginx, agnhost ...), a shell running its -c script, or one command run like a script line.
import type { Container, Pod } from '../../api/types.ts';
import type { ContainerRun } from '../../contracts.ts';
import type { ImageFacts, ImageFamily } from './family.ts';
import { programName, type ProcessClock, type ProcessEnv, type ProcessRunTool, type ProcessWorld } from './process-env.ts';
import { asLimitError, LimitError } from '../limits.ts';
import { FLAVOURS, type FlavourName } from '../shell/flavours.ts';
import { parseShell } from '../shell/parser.ts';
import { ShellState } from '../shell/shell-state.ts';
import type { CmdCtx } from './script/context.ts';
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
function shellKind(name: string, facts: ImageFacts): FlavourName {
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
  const c = shell ? argv.indexOf('-c') : -1;
  const sh = new ShellState({
    host: {
      kind: 'pod',
      namespace: input.pod.metadata.namespace ?? 'default',
      pod: input.pod.metadata.name,
      container: input.container.name,
    },
    flavour: FLAVOURS[kind],
    // `sh -c STRING NAME ARGS`: NAME is $0 (and speaks in the shell's messages), ARGS the positional parameters.
    argv0: c > 0 && argv[c + 2] !== undefined ? argv[c + 2] : name,
    interactive: false,
    dashC: c > 0,
    cwd: input.facts.info.workdir,
    env: input.vars,
    positional: c > 0 ? argv.slice(c + 3) : [],
    pid: 1,
    user: 'root',
    home: input.vars.HOME ?? '/root',
  });
  const log = (t: string) => emitTo(tl, t);
  const ctx: CmdCtx = {
    tl,
    env,
    sh,
    background: false,
    out: log,
    err: log,
    program: (a: string[]) => {
      const p = input.family.programs?.[programName(a[0])];
      return p ? p({ ...env, argv: a }) : undefined;
    },
  };
  const runner = new ScriptRunner(ctx, new Set(input.facts.info.commands));
  try {
    if (!shell) runner.argv(argv);
    else if (c > 0) runScript(runner, sh, argv[c + 1] ?? '', log);
    else if (argv.length > 1 && !argv[1].startsWith('-')) {
      // `sh script.sh`: the process's files hold no scripts.
      const f = argv[1];
      const msg = {
        ash: `${name}: can't open '${f}': No such file or directory`,
        dash: `${name}: 0: cannot open ${f}: No such file`,
        bash: `${name}: ${f}: No such file or directory`,
      }[kind];
      tl.log(msg);
      tl.exit(kind === 'bash' ? 127 : 2);
    }
  } catch (e: unknown) {
    // The shell process dies of a userland limit (a value or nesting too large): its message, status 1.
    const limit = asLimitError(e);
    if (!(limit instanceof LimitError)) throw e;
    log(sh.flavour.error(sh.speaker(), limit.message));
    tl.exit(1);
  }
  // An interactive shell with no terminal reads EOF from stdin and exits 0: the classic CrashLoopBackOff.
  if (!tl.done()) tl.exit(runner.lastStatus());
  return tl.toRun(input.clock, startMs);
}

/** Parsed scripts by text: a restarted container (CrashLoopBackOff) or a Deployment's replicas run the same one. */
const PARSED = new Map<string, ReturnType<typeof parseShell>>();
const MAX_PARSED = 256;

/** parseShell, remembered (the syntax tree is plain data that nothing changes once built). */
function parseOnce(text: string, bash: boolean): ReturnType<typeof parseShell> {
  const key = `${bash ? 'b' : 's'}${text}`;
  let parsed = PARSED.get(key);
  if (!parsed) {
    parsed = parseShell(text, { heredocEndsAtEof: true, bash });
    if (PARSED.size >= MAX_PARSED) PARSED.delete(PARSED.keys().next().value as string);
    PARSED.set(key, parsed);
  }
  return parsed;
}

/** `sh -c STRING`: parse it as the shell does (shell/parser.ts); a syntax error is the shell's message and status 2. */
function runScript(runner: ScriptRunner, sh: ShellState, source: string, log: (t: string) => void): void {
  const text = sh.flavour.name === 'bash' ? `${source}\n` : source;
  const parsed = parseOnce(text, sh.flavour.name === 'bash');
  if (!parsed.ok) {
    const line = text.split('\n')[parsed.failure.line - 1] ?? '';
    log(sh.flavour.syntax({ ...sh.speaker(), line: parsed.failure.line }, parsed.failure, line));
    runner.exit(2);
    return;
  }
  runner.script(parsed.script);
}
