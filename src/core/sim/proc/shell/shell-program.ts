// Non-interactive shells: `sh -c STRING`, `bash script.sh`, `./script.sh`, `echo cmds | sh`; and which shell
// (bash, dash, ash) a program name means on a host.
import type { HostRef } from '../../contracts.ts';
import { basename } from '../os/fs/paths.ts';
import type { Flavour } from './flavours.ts';
import { FLAVOURS } from './flavours.ts';
import type { HostInfo } from '../os/host-info.ts';
import { Interpreter } from './interpreter.ts';
import type { Io } from '../os/io.ts';
import { asLimitError, LimitError } from '../limits.ts';
import { parseShell } from './parser.ts';
import { nextPid, type Runtime, type ShellLauncher } from '../os/runtime.ts';
import { ShellState } from './shell-state.ts';
import { ExitSignal, LoopSignal } from './signals.ts';

/**
 * The shell a program name starts on a host: `bash` is bash; `sh` is bash on CentOS nodes, dash on Debian
 * images, BusyBox ash on busybox/alpine images. undefined for a name that is no shell.
 */
export function flavourFor(info: HostInfo, program: string): Flavour | undefined {
  const name = basename(program);
  if (name === 'bash') return FLAVOURS.bash;
  if (name === 'dash') return FLAVOURS.dash;
  if (name === 'ash') return FLAVOURS.ash;
  if (name !== 'sh') return undefined;
  if (info.os.userland === 'busybox') return FLAVOURS.ash;
  return info.os.id === 'debian' || info.os.id === 'ubuntu' ? FLAVOURS.dash : FLAVOURS.bash;
}

export interface ShellProgram {
  rt: Runtime;
  host: HostRef;
  flavour: Flavour;
  /** $0: the program as typed for `-c` ("sh"), the script path for scripts. */
  argv0: string;
  source: string;
  /** True for `-c STRING` (bash then reads the string as if it ended with a newline). */
  dashC: boolean;
  positional: string[];
  env: Record<string, string>;
  cwd: string;
  io: Io;
  user: string;
  home: string;
}

/** Run source text in a new non-interactive shell; returns its exit status. A spent budget still throws StopLine. */
export function runShellSource(p: ShellProgram): number {
  const sh = new ShellState({
    host: p.host,
    flavour: p.flavour,
    argv0: p.argv0,
    interactive: false,
    dashC: p.dashC,
    cwd: p.cwd,
    env: p.env,
    positional: p.positional,
    pid: nextPid(p.rt.world, p.host),
    user: p.user,
    home: p.home,
  });
  const text = p.dashC && p.flavour.name === 'bash' ? `${p.source}\n` : p.source;
  let parsed: ReturnType<typeof parseShell>;
  try {
    parsed = parseShell(text, { heredocEndsAtEof: true, bash: p.flavour.name === 'bash' });
  } catch (e: unknown) {
    const limit = asLimitError(e);
    if (!(limit instanceof LimitError)) throw e;
    p.io.stderr.write(p.flavour.error(sh.speaker(), limit.message));
    return 2;
  }
  if (!parsed.ok) {
    const line = text.split('\n')[parsed.failure.line - 1] ?? '';
    p.io.stderr.write(p.flavour.syntax({ ...sh.speaker(), line: parsed.failure.line }, parsed.failure, line));
    return 2;
  }
  try {
    return p.rt.budget.nested(() => new Interpreter(p.rt).run(sh, parsed.script, p.io));
  } catch (e: unknown) {
    if (e instanceof ExitSignal) return e.status;
    if (e instanceof LoopSignal) return sh.status;
    const limit = asLimitError(e);
    // The shell process dies of the limit: its message, status 1; the shell that started it goes on.
    if (limit instanceof LimitError) {
      p.io.stderr.write(p.flavour.error(sh.speaker(), limit.message));
      return 1;
    }
    throw e;
  }
}

/** The ShellLauncher the OS is given (os/runtime.ts): `program` names the shell as flavourFor reads it. */
export const launchShell: ShellLauncher = (rt, s) => {
  const flavour = flavourFor(s.info, s.program);
  if (!flavour) return undefined;
  return runShellSource({
    rt,
    host: s.host,
    flavour,
    argv0: s.argv0,
    source: s.source,
    dashC: false,
    positional: s.positional,
    env: s.env,
    cwd: s.cwd,
    io: s.io,
    user: s.user,
    home: s.home,
  });
};
