// A container runtime's exec: start argv[0] on a host directly (no shell), as `kubectl exec POD -- CMD` does.
import type { HostRef } from '../../contracts.ts';
import type { ExecOptions } from '../bin/tool.ts';
import { asLimitError, LimitError } from '../limits.ts';
import { StopLine } from './budget.ts';
import { findCommand } from './commands.ts';
import { homeOf, hostCwd, hostEnv } from './host-env.ts';
import { hostInfo } from './host-info.ts';
import { Input, type Io } from './io.ts';
import type { Runtime } from './runtime.ts';
import { makeToolContext } from './tool-context.ts';

/** The message runc gives when exec cannot start the program (docker/dockershim print it as is; status 126). */
export function ociExecError(program: string, why = 'executable file not found in $PATH'): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": ${why}: unknown\n`;
}

/**
 * Run argv on `host` with the host's default environment and working directory (or the options'), stdin from
 * `stdin`, output to `io`. A spent budget ends the program with 137 (SIGKILL); the caller sees the budget stopped.
 */
export function execIn(rt: Runtime, host: HostRef, argv: string[], io: Io, stdin: string, options: ExecOptions = {}): number {
  const info = hostInfo(rt.world, host);
  const program = argv[0] ?? '';
  if (!info) {
    io.stderr.write(ociExecError(program, 'no such container'));
    return 126;
  }
  const env = { ...(options.env ?? hostEnv(rt.world, info)), ...(options.tty && !options.env ? { TERM: 'xterm' } : {}) };
  const cwd = options.cwd ?? hostCwd(info);
  const cio: Io = { stdin: new Input(stdin), stdout: io.stdout, stderr: io.stderr, tty: options.tty ?? false };
  const found = findCommand(info, rt.tools, rt.world.fs(host), cwd, program);
  try {
    if (found.kind === 'tool') {
      const ctx = makeToolContext({ rt, host, argv, env, cwd, io: cio, execIn: (h, a, i, s, o) => execIn(rt, h, a, i, s, o) });
      const status = found.tool.run(ctx);
      rt.budget.check();
      return status;
    }
    if (found.kind === 'script') {
      const source = rt.world.fs(host).read(found.path) ?? '';
      const status = rt.launchShell(rt, {
        host,
        info,
        program: 'sh',
        argv0: program,
        source,
        positional: argv.slice(1),
        env,
        cwd,
        io: cio,
        user: 'root',
        home: homeOf('root'),
      });
      return status ?? 126;
    }
  } catch (e: unknown) {
    if (e instanceof StopLine) return 137;
    const limit = asLimitError(e);
    if (!(limit instanceof LimitError)) throw e;
    io.stderr.write(`${program}: ${limit.message}\n`);
    return 1;
  }
  if (found.kind === 'unsimulated') {
    io.stderr.write(`podlab: ${program}: this program is in the image but not simulated\n`);
    return 126;
  }
  const why =
    found.reason === 'missing'
      ? program.includes('/')
        ? 'no such file or directory'
        : 'executable file not found in $PATH'
      : 'permission denied';
  io.stderr.write(
    ociExecError(program, program.includes('/') && found.reason === 'missing' ? `stat ${program}: no such file or directory` : why),
  );
  return 126;
}
