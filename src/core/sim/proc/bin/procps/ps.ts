// ps: procps-ng 4.0.2's on nodes (`ps`, `ps -e`, `ps -ef`, `ps aux`), BusyBox's applet in BusyBox images
// (PID USER TIME COMMAND), over the host's process table (processes.ts). CPU and memory figures are not modelled:
// they print as a process at rest (0.0, TIME 0:00).
import { nextPid } from '../../os/runtime.ts';
import { toolEnv } from '../net/where.ts';
import { busyboxUsage } from '../net/busybox-usage.ts';
import type { Tool, ToolContext } from '../tool.ts';
import { processTable, type Proc } from './processes.ts';

const PS_USAGE = `error: unknown gnu long option

Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** The processes plus ps itself (and, on a node, the login shell that runs it). */
function withSelf(ctx: ToolContext, procs: Proc[]): Proc[] {
  const pid = nextPid(ctx.world, ctx.host);
  const self: Proc = { pid, ppid: pid - 1, user: 'root', args: ctx.argv.join(' '), comm: 'ps', startMs: ctx.clock.now(), listeners: [] };
  return [...procs, self];
}

function busybox(ctx: ToolContext, procs: Proc[]): number {
  let out = 'PID   USER     TIME  COMMAND\n';
  for (const p of procs) out += `${String(p.pid).padStart(5)} ${p.user.padEnd(8).slice(0, 8)} ${'0:00'.padStart(5)} ${p.args}\n`;
  ctx.stdout(out);
  return 0;
}

export const ps: Tool = (ctx) => {
  const env = toolEnv(ctx, 'ps');
  const args = ctx.argv.slice(1);
  if (env.flavour === 'busybox') {
    const bad = args.find((a) => a !== '-w' && a !== 'aux' && a !== '-ef' && a !== '-A' && a !== '-e');
    if (bad !== undefined) {
      ctx.stderr(`ps: invalid option -- '${bad.replace(/^-/, '').charAt(0)}'\n${busyboxUsage(env.busybox?.banner, 'ps')}`);
      return 1;
    }
    return busybox(ctx, withSelf(ctx, processTable(ctx)));
  }
  const bad = args.find((a) => a.startsWith('--'));
  if (bad !== undefined) {
    ctx.stderr(PS_USAGE);
    return 1;
  }
  const form = args.join(' ');
  const all = withSelf(ctx, processTable(ctx));
  const time = '00:00:00';
  let out: string;
  if (form === '' || form === '-e' || form === '-A') {
    // Plain `ps` lists the processes of the terminal: the shell and ps itself on a node, everything in a container.
    const shown = form === '' && ctx.host.kind === 'node' ? all.slice(-1) : all;
    out = '    PID TTY          TIME CMD\n';
    for (const p of shown) out += `${String(p.pid).padStart(7)} ${p.comm === 'ps' ? 'pts/0   ' : '?       '} ${time} ${p.comm}\n`;
  } else if (form === '-ef' || form === '-eF' || form === 'ef' || form === '-Af') {
    out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
    for (const p of all)
      out += `${p.user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${hhmm(p.startMs)} ${p.comm === 'ps' ? 'pts/0   ' : '?       '} ${time} ${p.args}\n`;
  } else if (form === 'aux' || form === '-aux' || form === 'ax' || form === 'auxww') {
    out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
    for (const p of all) {
      const tty = p.comm === 'ps' ? 'pts/0   ' : '?       ';
      const stat = p.comm === 'ps' ? 'R+  ' : 'Ss  ';
      out += `${p.user.padEnd(8)} ${String(p.pid).padStart(7)}  0.0  0.0      0     0 ${tty} ${stat} ${hhmm(p.startMs)}   0:00 ${p.args}\n`;
    }
  } else {
    ctx.stderr(`podlab: ps ${form}: only ps, ps -e, ps -ef and ps aux are simulated\n`);
    return 1;
  }
  ctx.stdout(out);
  return 0;
};
