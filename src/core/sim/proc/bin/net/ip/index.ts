// ip: iproute2 (nodes, netshoot) or BusyBox's applet; addr, link, route (and route get) of the host's namespace.
import type { Interface } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv, type ToolEnv } from '../where.ts';
import { addressLines, addrShow, brief, displayName, isV6, linkLine, linkShow, lookupRoute, routeLine, type Family } from './iproute2.ts';

const OBJECTS: Record<string, 'addr' | 'link' | 'route'> = {
  a: 'addr',
  ad: 'addr',
  addr: 'addr',
  address: 'addr',
  l: 'link',
  li: 'link',
  link: 'link',
  r: 'route',
  ro: 'route',
  route: 'route',
};

/** BusyBox's `ip addr`: no state/group, peers named from local indexes only, no netns suffixes. */
function busyboxAddr(ifaces: Interface[], family: Family, withAddrs: boolean): string {
  let out = '';
  for (const i of ifaces) {
    const addrs = i.addresses.filter((a) => family === 'all' || (family === 'inet6') === isV6(a));
    const peer = i.peer
      ? `@${ifaces.find((x) => x.index === i.peer?.index)?.name ?? `if${i.peer.index}`}`
      : i.type === 'ipip'
        ? '@NONE'
        : '';
    out += `${i.index}: ${i.name}${peer}: <${i.flags.join(',')}> mtu ${i.mtu} qdisc ${i.qdisc ?? (i.type === 'ether' ? 'fq_codel' : 'noqueue')} ${i.master ? `master ${i.master} ` : ''}qlen 1000\n`;
    if (family === 'all' || !withAddrs) out += `    ${linkLine(i)}\n`;
    if (withAddrs) for (const a of addrs) out += addressLines(i, a);
  }
  return out;
}

function busyboxRoute(ctx: ToolContext, env: ToolEnv): string {
  return ctx.world.net
    .routes(env.netns)
    .map(
      (r) =>
        `${r.blackhole ? 'blackhole ' : ''}${r.dst} ${r.via ? `via ${r.via} ` : ''}${r.blackhole ? '' : `dev ${r.dev} `}${r.scope ? `scope ${r.scope} ` : ''}${r.src ? ` src ${r.src} ` : ''}\n`,
    )
    .join('');
}

export const ip: Tool = (ctx) => {
  const env = toolEnv(ctx, 'ip');
  const bb = env.flavour === 'busybox';
  let family: Family = 'all';
  let briefMode = false;
  const args = ctx.argv.slice(1);
  while (args[0]?.startsWith('-')) {
    const o = args.shift() as string;
    if (o === '-4') family = 'inet';
    else if (o === '-6') family = 'inet6';
    else if (!bb && (o === '-br' || o === '-brief')) briefMode = true;
    else {
      if (bb) ctx.stderr(busyboxUsage(env.busybox?.banner, 'ip'));
      else ctx.stderr(`Option "${o}" is unknown, try "ip -help".\n`);
      return bb ? 1 : 255;
    }
  }
  const objectWord = args.shift();
  const object = objectWord ? OBJECTS[objectWord] : undefined;
  if (!object) {
    if (objectWord && !bb) ctx.stderr(`Object "${objectWord}" is unknown, try "ip help".\n`);
    else if (bb) ctx.stderr(busyboxUsage(env.busybox?.banner, 'ip'));
    else
      ctx.stderr(
        'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | link | route | neigh | netns | ... }\n',
      );
    return bb ? 1 : objectWord ? 1 : 255;
  }
  if (['show', 'list', 'ls', 's', 'sh', 'lst'].includes(args[0] ?? '')) args.shift();
  if (object === 'route') {
    if (args[0] === 'get' && args[1] && isIpv4(args[1])) {
      const routes = ctx.world.net.routes(env.netns);
      const r = lookupRoute(routes, args[1]);
      if (!r || r.blackhole) {
        ctx.stderr(r ? 'RTNETLINK answers: Invalid argument\n' : 'RTNETLINK answers: Network is unreachable\n');
        return 2;
      }
      const iface = ctx.world.net.interfaces(env.netns).find((i) => i.name === r.dev);
      const src = r.src ?? iface?.addresses.find((a) => !isV6(a))?.split('/')[0];
      ctx.stdout(`${args[1]} ${r.via ? `via ${r.via} ` : ''}dev ${r.dev} ${src ? `src ${src} ` : ''}uid 0 \n    cache \n`);
      return 0;
    }
    ctx.stdout(
      bb
        ? busyboxRoute(ctx, env)
        : ctx.world.net
            .routes(env.netns)
            .map((r) => `${routeLine(r)}\n`)
            .join(''),
    );
    return 0;
  }
  let ifaces = ctx.world.net.interfaces(env.netns);
  const dev = args[0] === 'dev' ? args[1] : args[0];
  if (dev) {
    ifaces = ifaces.filter((i) => i.name === dev || displayName(i, ifaces) === dev);
    if (ifaces.length === 0) {
      ctx.stderr(bb ? `ip: can't find device '${dev}'\n` : `Device "${dev}" does not exist.\n`);
      return 1;
    }
  }
  if (bb) ctx.stdout(busyboxAddr(ifaces, family, object === 'addr'));
  else if (briefMode) ctx.stdout(brief(ifaces, object === 'addr' ? 'addr' : 'link'));
  else ctx.stdout(object === 'addr' ? addrShow(ifaces, family) : linkShow(ifaces));
  return 0;
};
