// Starting an interactive shell on a host (the terminal's own, or a nested one for `kubectl exec -it`),
// and the job notices such a shell prints before its prompt.
import type { HostRef, World } from '../../contracts.ts';
import { FLAVOURS } from '../shell/flavours.ts';
import { homeOf, hostCwd, hostEnv } from '../os/host-env.ts';
import { hostInfo } from '../os/host-info.ts';
import { defaultPs1 } from './prompt.ts';
import { nextPid } from '../os/runtime.ts';
import { flavourFor } from '../shell/shell-program.ts';
import { ShellState } from '../shell/shell-state.ts';

export interface InteractiveInit {
  world: World;
  host: HostRef;
  /** The shell program as it was started ("bash", "sh", "/bin/sh"). */
  program: string;
  user?: string;
  cwd?: string;
  env?: Record<string, string>;
}

/** A new interactive shell with the host's environment, its OS's PS1, in `cwd` or the host's default directory. */
export function startInteractive(init: InteractiveInit): ShellState {
  const info = hostInfo(init.world, init.host);
  const user = init.user ?? 'root';
  const flavour = (info && flavourFor(info, init.program)) ?? FLAVOURS.bash;
  const env = { ...(info ? hostEnv(init.world, info, user) : {}), ...(init.env ?? {}) };
  // A terminal is attached: the runtime sets TERM for a tty exec; bash and ash count their nesting in SHLVL.
  if (init.host.kind === 'pod' && env.TERM === undefined) env.TERM = 'xterm';
  if (flavour.name !== 'dash') env.SHLVL = String((Number(env.SHLVL) || 0) + 1);
  const sh = new ShellState({
    host: init.host,
    flavour,
    argv0: init.program,
    interactive: true,
    cwd: init.cwd ?? (info ? hostCwd(info, user) : '/'),
    env,
    pid: nextPid(init.world, init.host),
    user,
    home: homeOf(user),
    hostUid: info?.pod?.metadata.uid,
  });
  sh.setVar('PS1', defaultPs1(sh, info));
  sh.setVar('PS2', '> ');
  return sh;
}

/** `[1]+  Done                    sleep 5` lines for background jobs finished by `now`; removes them. */
export function jobNotices(sh: ShellState, now: number): string {
  let out = '';
  const last = sh.jobs.length > 0 ? sh.jobs[sh.jobs.length - 1].id : 0;
  for (const j of sh.jobs.filter((j) => j.doneAt <= now)) {
    const mark = j.id === last ? '+' : ' ';
    const state = j.status === 0 ? 'Done' : `Exit ${j.status}`;
    if (sh.flavour.name === 'bash') out += `[${j.id}]${mark}  ${state.padEnd(24)}${j.text}\n`;
    else if (sh.flavour.name === 'ash') out += `[${j.id}]${mark}  ${state.padEnd(27)}${j.text}\n`;
    else out += `[${j.id}] ${mark} ${state.padEnd(27)}${j.text}\n`;
  }
  sh.jobs = sh.jobs.filter((j) => j.doneAt > now);
  return out;
}
