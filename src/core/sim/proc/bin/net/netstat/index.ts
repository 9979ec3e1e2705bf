// netstat: BusyBox's applet or net-tools 2.10's (netshoot), listing the model's listening sockets with the real
// programs' fixed-width lines. Only TCP and UDP listeners are modelled: no connections, no UNIX sockets rows.
import { busyboxUsage } from '../busybox-usage.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { toolEnv } from '../where.ts';
import { listeningSockets, serviceName, type Socket } from '../sockets.ts';

const NET_TOOLS_USAGE = `usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }
`;

function address(s: Socket, numeric: boolean, peer: boolean): string {
  const host = s.bind === '0.0.0.0' ? '0.0.0.0' : '::';
  const port = peer ? '*' : serviceName(s.protocol, s.port, numeric);
  return `${host}:${port}`;
}

function title(all: boolean, listening: boolean): string {
  return `Active Internet connections (${all ? 'servers and established' : listening ? 'only servers' : 'w/o servers'})\n`;
}

export const netstat: Tool = (ctx: ToolContext) => {
  const env = toolEnv(ctx, 'netstat');
  const bb = env.flavour === 'busybox';
  // BusyBox builds differ: Debian's has no -p; the busybox image's and Alpine's have it (FEATURE_NETSTAT_PRG).
  const allowed = bb ? `raltuwxenW${env.busybox?.banner.includes('Debian') ? '' : 'p'}` : 'ralntuwxepWvcNoC46';
  const flags = new Set<string>();
  for (const a of ctx.argv.slice(1)) {
    const letters = a.startsWith('--') ? undefined : a.startsWith('-') ? a.slice(1) : undefined;
    const bad = letters === undefined ? a : [...letters].find((c) => !allowed.includes(c));
    if (bad !== undefined) {
      if (bb) {
        ctx.stderr(`netstat: invalid option -- '${bad}'\n${busyboxUsage(env.busybox?.banner, 'netstat')}`);
        return 1;
      }
      ctx.stderr(`netstat: invalid option -- '${bad}'\n${NET_TOOLS_USAGE}`);
      return 3;
    }
    for (const c of letters ?? '') flags.add(c);
  }
  if (['r', 'i', 'e', 'x', 'w', 's', 'M'].some((f) => flags.has(f))) {
    ctx.stderr('podlab: netstat: only TCP and UDP sockets (-t -u -l -a -n -p) are simulated\n');
    return 1;
  }
  const all = flags.has('a');
  const listening = flags.has('l') || all;
  const tcp = flags.has('t') || !flags.has('u');
  const udp = flags.has('u') || !flags.has('t');
  const prg = flags.has('p');
  const numeric = flags.has('n');
  const sockets = listening ? listeningSockets(ctx).filter((s) => (s.protocol === 'TCP' ? tcp : udp)) : [];
  ctx.stdout(netstatTable(sockets, { busybox: bb, all, listening, prg, numeric }));
  return 0;
};

/** netstat's lines for these sockets: BusyBox's or net-tools' format. */
export function netstatTable(
  sockets: Socket[],
  o: { busybox: boolean; all: boolean; listening: boolean; prg: boolean; numeric: boolean },
): string {
  let out = title(o.all, o.listening);
  if (o.busybox)
    out += `Proto Recv-Q Send-Q Local Address           Foreign Address         State       ${o.prg ? 'PID/Program name' : ''}\n`;
  else out += `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${o.prg ? ' PID/Program name    ' : ''}\n`;
  for (const s of sockets) {
    const state = s.protocol === 'TCP' ? 'LISTEN' : '';
    const local = address(s, o.numeric, false);
    const remote = address(s, o.numeric, true);
    const owner = s.owner ? `${s.owner.pid}/${s.owner.comm}` : '-';
    if (o.busybox) {
      const proto = s.protocol.toLowerCase();
      out += `${proto.padEnd(5)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(12)}${o.prg ? owner.slice(0, 20) : ''}\n`;
    } else {
      const proto = `${s.protocol.toLowerCase()}${s.bind === '0.0.0.0' ? '' : '6'}`;
      out += `${proto.padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${state.padEnd(11)}${o.prg ? ` ${owner.padEnd(20)}` : ''}\n`;
    }
  }
  return out;
}
