// tracepath (iputils 20221126) over the simulated network: UDP probes with DF set and TTL 1, 2, ... walk the model
// (net.trace). The first probe is the size of -l or 65535 bytes, so the sending host's own MTU refuses it at once
// ("1?: [LOCALHOST] pmtu 1480" from a Calico pod or over tunl0); a router that cannot forward it answers
// fragmentation needed ("pmtu N" on its line). Formats checked against the real program in scratch namespaces:
//   " 1?: [LOCALHOST]                      pmtu 1480"      (%2d?: %-32s)
//   " 1:  10.1.0.2                                              0.098ms "   (%2d:  %-52s %3d.%03dms)
//   "     Resume: pmtu 1480 hops 2 back 2 "
// After the LOCALHOST line the first hop answers twice (two probes were in flight), as the real program shows.
// Without -n a hop is named by its PTR record: nodes and pods have none in the model, so the real "???" is printed.
import type { TraceAnswer } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { getopt } from '../../getopt.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv } from '../where.ts';

const OVERHEAD = 28;

function rttText(ms: number): string {
  const us = Math.max(1, Math.round(ms * 1000));
  return `${String(Math.floor(us / 1000)).padStart(3)}.${String(us % 1000).padStart(3, '0')}ms `;
}

export const tracepath: Tool = (ctx: ToolContext) => {
  const env = toolEnv(ctx, 'tracepath');
  const usage =
    '\nUsage\n  tracepath [options] <destination>\n\nOptions:\n  -4             use IPv4\n  -6             use IPv6\n  -b             print both name and ip\n  -l <length>    use packet <length>\n  -m <hops>      use maximum <hops>\n  -n             no dns name resolution\n  -p <port>      use destination <port>\n  -V             print version and exit\n  <destination>  dns name or ip address\n\nFor more details see tracepath(8).\n';
  const p = getopt(ctx.argv.slice(1), { flags: '46bnV', withValue: 'lmp', long: {} });
  if (!p.ok || p.args.length !== 1) {
    ctx.stderr(usage);
    return 255;
  }
  let numeric = false;
  let both = false;
  let mtu = 65535;
  let max = 30;
  let port = 44444;
  for (const { key, value = '' } of p.opts) {
    if (key === 'n') numeric = true;
    if (key === 'b') both = true;
    if (key === 'V') {
      ctx.stdout('tracepath from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n');
      return 0;
    }
    if (key === 'l') mtu = Number(value);
    if (key === 'm') max = Number(value);
    if (key === 'p') port = Number(value);
  }
  if (!Number.isInteger(mtu) || mtu <= OVERHEAD) {
    ctx.stderr(`tracepath: pktlen must be within: ${OVERHEAD} < value <= 2147483647\n`);
    return 1;
  }
  const target = p.args[0];
  let ip = target;
  if (!isIpv4(target)) {
    const ans = ctx.world.net.resolve(env.netns, target, { libc: env.libc });
    if (!ans.ok) {
      ctx.stderr(
        `tracepath: ${target}: ${ans.rcode === 'NXDOMAIN' ? 'Name or service not known' : 'Temporary failure in name resolution'}\n`,
      );
      return 1;
    }
    ip = ans.addresses[0];
  }
  const host = (addr: string) => {
    const text = numeric ? addr : both ? `??? (${addr})` : '???';
    return text.padEnd(52);
  };
  const trace = (ttl: number, slot: number): TraceAnswer =>
    ctx.world.net.trace
      ? ctx.world.net.trace(env.netns, ip, { proto: 'UDP', ttl, port: port + slot, dfSize: mtu })
      : { kind: 'none', rttMs: 0, hops: [] };
  let slot = 0;
  let hopsTo: number | undefined;
  let back: number | undefined;
  let local = false;
  let finished = false;
  for (let ttl = 1; ttl <= max && !finished; ttl++) {
    let answered = false;
    for (let tries = 0; tries < 3 && !answered;) {
      const a = trace(ttl, slot);
      slot = (slot + 1) & 63;
      if (a.kind === 'too-big') {
        if (a.from === undefined) {
          ctx.stdout(`${String(ttl).padStart(2)}?: ${'[LOCALHOST]'.padEnd(32)} pmtu ${a.mtu}\n`);
          local = true;
        } else {
          if (!ctx.sleep(a.rttMs)) return 0;
          ctx.stdout(`${String(ttl).padStart(2)}:  ${host(a.from)} ${rttText(a.rttMs)}pmtu ${a.mtu}\n`);
        }
        mtu = a.mtu;
        continue;
      }
      if (a.kind === 'none') {
        // data_wait(): one second per unanswered probe.
        if (!ctx.sleep(1000)) return 0;
        tries++;
        continue;
      }
      if (!ctx.sleep(a.rttMs)) return 0;
      answered = true;
      const rethops = 'replyTtl' in a ? 65 - a.replyTtl : ttl;
      const lead = `${String(ttl).padStart(2)}:  ${host(a.from)} `;
      if (a.kind === 'exceeded') {
        const asymm = rethops !== ttl ? `asymm ${String(rethops).padStart(2)} ` : '';
        ctx.stdout(`${lead}${rttText(a.rttMs)}${asymm}\n`);
        if (ttl === 1 && local) {
          const again = trace(ttl, slot);
          slot = (slot + 1) & 63;
          if (again.kind === 'exceeded') ctx.stdout(`${lead}${rttText(again.rttMs)}${asymm}\n`);
        }
      } else if (a.kind === 'reached') {
        ctx.stdout(`${lead}${rttText(a.rttMs)}reached\n`);
        hopsTo = ttl;
        back = rethops;
        finished = true;
      } else {
        ctx.stdout(`${lead}${rttText(a.rttMs)}!${a.code}\n`);
        finished = true;
      }
    }
    if (!answered) ctx.stdout(`${String(ttl).padStart(2)}:  no reply\n`);
  }
  if (!finished) ctx.stdout(`     Too many hops: pmtu ${mtu}\n`);
  ctx.stdout(`     Resume: pmtu ${mtu} ${hopsTo !== undefined ? `hops ${hopsTo} ` : ''}${back !== undefined ? `back ${back} ` : ''}\n`);
  return 0;
};
