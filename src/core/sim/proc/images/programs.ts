// Starting a container's process: argv from the pod spec and the image config, then the program it names — the
// image's own (nginx, agnhost ...), a shell running its -c script, or one command run like a script line.
import type { Container, Pod } from '../../api/types.ts';
import type { ContainerRun, World } from '../../contracts.ts';
import type { ImageFacts, ImageFamily } from './family.ts';
import { programName, type ProcessClock, type ProcessEnv, type ProcessRunTool, type ProcessWorld } from './process-env.ts';
import { asLimitError, chargingLine, LimitError } from '../limits.ts';
import { StopLine } from '../os/budget.ts';
import { Input, type Io } from '../os/io.ts';
import type { Runtime } from '../os/runtime.ts';
import { FLAVOURS, type FlavourName } from '../shell/flavours.ts';
import { Interpreter } from '../shell/interpreter.ts';
import type { Script } from '../shell/ast.ts';
import { parseShell } from '../shell/parser.ts';
import { ShellState } from '../shell/shell-state.ts';
import { ExitSignal, LoopSignal } from '../shell/signals.ts';
import { ContainerProcess, ProcessBudget } from './process/container-process.ts';
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
  /** The world a script's shell runs in (the interpreter's runtime); image programs see only their ProcessEnv. */
  shellWorld: World;
}

/** Run `argv` as the container's process. */
export function runProgram(input: StartInput, argv: string[], startMs: number): ContainerRun {
  const { shellWorld, ...facets } = input;
  const env: ProcessEnv = { ...facets, argv, startMs, exec: (next) => runProgram(input, next, startMs) };
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
  const proc = new ContainerProcess(
    env,
    new Set(input.facts.info.commands),
    (a) => {
      const p = input.family.programs?.[programName(a[0])];
      return p ? p({ ...env, argv: a }) : undefined;
    },
    tl,
  );
  const rt: Runtime = {
    world: shellWorld,
    tools: new Map(),
    budget: new ProcessBudget(shellWorld, proc),
    shellRequests: [],
    launchShell: () => undefined,
    sleep: (ms) => rt.budget.sleep(ms),
  };
  const it = new Interpreter(rt, proc);
  const io: Io = { stdin: new Input(''), stdout: proc.log, stderr: proc.log, tty: false };
  try {
    // The shell's work (large values, pattern matching) is the process's, not that of the line that started it.
    const charge = (units: number) => rt.budget.spend(units);
    if (!shell) tl.exit(chargingLine(charge, () => it.runArgv(sh, argv, io)));
    else if (c > 0) {
      const script = parseScript(sh, argv[c + 1] ?? '');
      if (typeof script === 'string') {
        proc.log.write(script);
        tl.exit(2);
      } else tl.exit(chargingLine(charge, () => rt.budget.nested(() => it.run(sh, script, io))));
    } else if (argv.length > 1 && !argv[1].startsWith('-')) {
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
    if (e instanceof ExitSignal) tl.exit(e.status);
    else if (e instanceof LoopSignal) tl.exit(sh.status);
    else if (!(e instanceof StopLine)) {
      // The shell process dies of a userland limit (a value or nesting too large): its message, status 1.
      const limit = asLimitError(e);
      if (!(limit instanceof LimitError)) throw e;
      proc.log.write(sh.flavour.error(sh.speaker(), limit.message));
      tl.exit(1);
    }
  }
  // An interactive shell with no terminal reads EOF from stdin and exits 0: the classic CrashLoopBackOff.
  if (!tl.done()) tl.exit(0);
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

/** `sh -c STRING`, parsed as the shell does (shell/parser.ts); a syntax error is the shell's message (status 2). */
function parseScript(sh: ShellState, source: string): Script | string {
  const text = sh.flavour.name === 'bash' ? `${source}\n` : source;
  const parsed = parseOnce(text, sh.flavour.name === 'bash');
  if (parsed.ok) return parsed.script;
  const line = text.split('\n')[parsed.failure.line - 1] ?? '';
  return sh.flavour.syntax({ ...sh.speaker(), line: parsed.failure.line }, parsed.failure, line);
}
