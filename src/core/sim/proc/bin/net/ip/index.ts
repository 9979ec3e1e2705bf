// ip: iproute2 (nodes, netshoot) or BusyBox's applet: addr, link, route (and route get), neigh, rule of the host's
// namespace, with -4/-6, -br, -o, -d and -s. Objects and options match by prefix in iproute2's order (ip/ip.c).
import type { Interface, Route } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { isIpv4 } from '../url.ts';
import { toolEnv, type ToolEnv } from '../where.ts';
import { addressLines, addrShow, brief, displayName, isV6, linkLine, linkShow, lookupRoute, routeLine, type Family } from './iproute2.ts';
import { busyboxNeighLines, detailLines, neighLines, oneline, onelineAddr, ruleLines, statsLines } from './views.ts';

type IpObject = 'addr' | 'link' | 'route' | 'rule' | 'neigh';

/** iproute2's objects in ip/ip.c order: the first whose name the word is a prefix of wins ("n" is neighbor). */
const IPROUTE2_OBJECTS: [string, IpObject | 'unsimulated'][] = [
  ['address', 'addr'],
  ['addrlabel', 'unsimulated'],
  ['maddress', 'unsimulated'],
  ['route', 'route'],
  ['rule', 'rule'],
  ['neighbor', 'neigh'],
  ['neighbour', 'neigh'],
  ['ntable', 'unsimulated'],
  ['link', 'link'],
  ['l2tp', 'unsimulated'],
  ['fou', 'unsimulated'],
  ['ila', 'unsimulated'],
  ['macsec', 'unsimulated'],
  ['tunnel', 'unsimulated'],
  ['tunl', 'unsimulated'],
  ['tuntap', 'unsimulated'],
  ['tap', 'unsimulated'],
  ['token', 'unsimulated'],
  ['tcpmetrics', 'unsimulated'],
  ['tcp_metrics', 'unsimulated'],
  ['monitor', 'unsimulated'],
  ['xfrm', 'unsimulated'],
  ['mroute', 'unsimulated'],
  ['mrule', 'unsimulated'],
  ['netns', 'unsimulated'],
  ['netconf', 'unsimulated'],
  ['vrf', 'unsimulated'],
  ['sr', 'unsimulated'],
  ['nexthop', 'unsimulated'],
  ['mptcp', 'unsimulated'],
  ['ioam', 'unsimulated'],
  ['stats', 'unsimulated'],
];

/** BusyBox 1.35's objects (networking/ip.c): exact words and their short forms. */
const BUSYBOX_OBJECTS: Record<string, IpObject | 'unsimulated'> = {
  a: 'addr',
  addr: 'addr',
  address: 'addr',
  l: 'link',
  link: 'link',
  r: 'route',
  route: 'route',
  neigh: 'neigh',
  rule: 'rule',
  t: 'unsimulated',
  tunnel: 'unsimulated',
  tunl: 'unsimulated',
};

const prefixOf = (word: string, full: string) => word.length > 0 && full.startsWith(word);

interface Options {
  family: Family;
  brief: boolean;
  oneline: boolean;
  details: boolean;
  stats: boolean;
}

/** Parse iproute2's options (ip/ip.c main: -stats before -details, -oneline, -brief; "-b" alone is -batch). */
function parseOptions(args: string[], bb: boolean): Options | { bad: string } {
  const o: Options = { family: 'all', brief: false, oneline: false, details: false, stats: false };
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    const opt = args.shift() as string;
    const word = opt.startsWith('--') ? opt.slice(1) : opt;
    if (word === '-4') o.family = 'inet';
    else if (word === '-6') o.family = 'inet6';
    else if (bb) {
      if (prefixOf(word, '-oneline')) o.oneline = true;
      else return { bad: opt };
    } else if (prefixOf(word, '-stats') || prefixOf(word, '-statistics')) o.stats = true;
    else if (prefixOf(word, '-details')) o.details = true;
    else if (prefixOf(word, '-oneline')) o.oneline = true;
    else if (word !== '-b' && prefixOf(word, '-brief')) o.brief = true;
    else return { bad: opt };
  }
  return o;
}

/** The name iproute2's "try ip X help" uses. */
const HELP_NAME: Record<IpObject, string> = { addr: 'address', link: 'link', route: 'route', rule: 'rule', neigh: 'neigh' };

/**
 * Each object's commands in the order its do_ipX tests them with matches() (ip/ipaddress.c, iplink.c, iproute.c,
 * ipneigh.c, iprule.c): the first the word is a prefix of wins, so `ip link s` is `set` and `ip a s` is `show`.
 */
const VERBS: Record<IpObject, string[]> = {
  addr: ['add', 'change', 'chg', 'replace', 'delete', 'list', 'show', 'lst', 'flush', 'save', 'restore', 'showdump'],
  link: ['add', 'set', 'change', 'replace', 'delete', 'list', 'show', 'lst', 'xstats', 'afstats', 'property'],
  route: [
    'add',
    'change',
    'chg',
    'replace',
    'prepend',
    'append',
    'test',
    'delete',
    'list',
    'show',
    'lst',
    'get',
    'flush',
    'restore',
    'showdump',
    'save',
  ],
  neigh: ['add', 'change', 'chg', 'replace', 'delete', 'get', 'list', 'show', 'lst', 'flush'],
  rule: ['add', 'delete', 'list', 'show', 'lst', 'flush', 'save', 'restore'],
};

/** The command a word names: 'show' for list/show/lst, 'get' for route get, else the modifying command; undefined if none. */
function findVerb(object: IpObject, word: string, bb: boolean): string | undefined {
  // BusyBox takes a device name straight after `ip link`/`ip addr` as garbage too, but knows the same verbs.
  const full = VERBS[object].find((v) => prefixOf(word, v));
  if (full === undefined) return undefined;
  if (full === 'list' || full === 'show' || full === 'lst') return 'show';
  if (full === 'get' && object === 'route') return 'get';
  return bb && full === 'get' ? undefined : full;
}

function findObject(word: string, bb: boolean): IpObject | 'unsimulated' | undefined {
  if (bb) return BUSYBOX_OBJECTS[word];
  return IPROUTE2_OBJECTS.find(([full]) => prefixOf(word, full))?.[1];
}

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

function busyboxRouteLine(r: Route): string {
  return `${r.blackhole ? 'blackhole ' : ''}${r.dst} ${r.via ? `via ${r.via} ` : ''}${r.blackhole ? '' : `dev ${r.dev} `}${r.scope ? `scope ${r.scope} ` : ''}${r.src ? ` src ${r.src} ` : ''}\n`;
}

/** `ip -d route`: every field, with the route type first and the protocol and scope the short form leaves out. */
function detailedRouteLine(r: Route): string {
  const scope = r.scope ?? 'global';
  let s = r.blackhole ? `blackhole ${r.dst} ` : `unicast ${r.dst} `;
  if (r.via) s += `via ${r.via} `;
  if (!r.blackhole) s += `dev ${r.dev} `;
  s += `proto ${r.proto ?? 'boot'} scope ${scope} `;
  if (r.src) s += `src ${r.src} `;
  if (r.onlink) s += 'onlink ';
  return s;
}

function usage(ctx: ToolContext, env: ToolEnv): number {
  ctx.stderr(busyboxUsage(env.busybox?.banner, 'ip'));
  return 1;
}

function routeGet(ctx: ToolContext, env: ToolEnv, bb: boolean, addr: string): number {
  const routes = ctx.world.net.routes(env.netns);
  const ifaces = ctx.world.net.interfaces(env.netns);
  const local = ifaces.find((i) => i.addresses.some((a) => a.split('/')[0] === addr));
  if (local) {
    ctx.stdout(bb ? `local ${addr} dev lo  src ${addr} \n` : `local ${addr} dev lo src ${addr} uid 0 \n    cache <local> \n`);
    return 0;
  }
  const r = lookupRoute(routes, addr);
  if (!r || r.blackhole) {
    ctx.stderr(r ? 'RTNETLINK answers: Invalid argument\n' : 'RTNETLINK answers: Network is unreachable\n');
    return 2;
  }
  const iface = ifaces.find((i) => i.name === r.dev);
  // The source: the route's preferred source, else the first address of the device, else of the namespace (a
  // Calico host veth has none: the node answers from its InternalIP, as `ip route get POD_IP` shows on a node).
  const primary = (i: Interface | undefined) => i?.addresses.find((a) => !isV6(a) && !a.startsWith('127.'))?.split('/')[0];
  const src = r.src ?? primary(iface) ?? ifaces.map(primary).find((a) => a !== undefined);
  if (bb) ctx.stdout(`${addr} ${r.via ? `via ${r.via} ` : ''}dev ${r.dev} ${src ? ` src ${src} ` : ''}\n`);
  else ctx.stdout(`${addr} ${r.via ? `via ${r.via} ` : ''}dev ${r.dev} ${src ? `src ${src} ` : ''}uid 0 \n    cache \n`);
  return 0;
}

function route(ctx: ToolContext, env: ToolEnv, bb: boolean, o: Options, args: string[]): number {
  if (args[0] === 'get' && args[1] && isIpv4(args[1])) return routeGet(ctx, env, bb, args[1]);
  const routes = o.family === 'inet6' ? [] : ctx.world.net.routes(env.netns);
  if (bb) ctx.stdout(routes.map(busyboxRouteLine).join(''));
  else ctx.stdout(routes.map((r) => `${o.details ? detailedRouteLine(r) : routeLine(r)}\n`).join(''));
  return 0;
}

function neigh(ctx: ToolContext, env: ToolEnv, bb: boolean, o: Options, args: string[]): number {
  let dev: string | undefined;
  let to: string | undefined;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === 'dev') dev = args[++k];
    else if (args[k] === 'to') to = args[++k];
    else to = args[k];
  }
  if (to !== undefined && !/^\d+(\.\d+){0,3}(\/\d+)?$/.test(to)) {
    ctx.stderr(bb ? `ip: invalid argument '${to}' to 'ip'\n` : `Error: any valid prefix is expected rather than "${to}".\n`);
    return 1;
  }
  const ifaces = ctx.world.net.interfaces(env.netns);
  if (dev && !ifaces.some((i) => i.name === dev)) {
    ctx.stderr(bb ? `ip: can't find device '${dev}'\n` : `Cannot find device "${dev}"\n`);
    return 1;
  }
  const all = o.family === 'inet6' ? [] : ctx.world.net.neighbours(env.netns);
  const shown = all.filter((e) => (!dev || e.dev === dev) && (!to || e.dst === to || to.includes('/')));
  ctx.stdout(bb ? busyboxNeighLines(shown, dev) : neighLines(shown, dev));
  return 0;
}

/** `ip link show type KIND`: iproute2 filters by the link's kind (veth, bridge, ipip, vxlan); loopback and NICs have none. */
function ofType(i: Interface, kind: string): boolean {
  return i.type === kind;
}

function links(ctx: ToolContext, env: ToolEnv, bb: boolean, o: Options, object: 'addr' | 'link', args: string[]): number {
  let ifaces = ctx.world.net.interfaces(env.netns);
  let dev: string | undefined;
  let kind: string | undefined;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === 'type' && !bb) kind = args[++k];
    else if (args[k] === 'dev') dev = args[++k];
    else if (dev === undefined) dev = args[k];
    else {
      ctx.stderr(
        bb
          ? `ip: either "dev" is duplicate, or "${args[k]}" is garbage\n`
          : `Error: either "dev" is duplicate, or "${args[k]}" is a garbage.\n`,
      );
      return 1;
    }
  }
  if (dev) {
    ifaces = ifaces.filter((i) => i.name === dev || displayName(i, ifaces) === dev);
    if (ifaces.length === 0) {
      ctx.stderr(bb ? `ip: can't find device '${dev}'\n` : `Device "${dev}" does not exist.\n`);
      return 1;
    }
  }
  if (kind) ifaces = ifaces.filter((i) => ofType(i, kind));
  if (bb) {
    const text = busyboxAddr(ifaces, o.family, object === 'addr');
    ctx.stdout(o.oneline ? (object === 'addr' ? onelineAddr(ifaces, addressLines, o.family) : oneline(text, /^\d+: /)) : text);
    return 0;
  }
  if (o.brief) {
    ctx.stdout(brief(ifaces, object === 'addr' ? 'addr' : 'link'));
    return 0;
  }
  if (o.oneline && object === 'addr' && !o.details && !o.stats) {
    ctx.stdout(onelineAddr(ifaces, addressLines, o.family));
    return 0;
  }
  let text = object === 'addr' ? addrShow(ifaces, o.family) : linkShow(ifaces);
  if (o.details || o.stats) text = decorate(ctx, env, text, ifaces, o, object);
  ctx.stdout(o.oneline ? oneline(text, /^\d+: /) : text);
  return 0;
}

/** Insert the `-d` and `-s` parts of each link into the plain listing, after its link/... line. */
function decorate(ctx: ToolContext, env: ToolEnv, text: string, ifaces: Interface[], o: Options, object: 'addr' | 'link'): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let current: Interface | undefined;
  const vxlanLocal = ifaces.find((i) => i.name === 'eth0')?.addresses[0]?.split('/')[0];
  for (const line of lines) {
    const head = /^(\d+): /.exec(line);
    if (head) current = ifaces.find((i) => i.index === Number(head[1]));
    if (current && line.startsWith('    link/')) {
      const d = o.details ? detailLines(current, 2, vxlanLocal) : undefined;
      out.push(d ? `${line}${d.link}` : line);
      if (d?.kind) out.push(d.kind);
      if (o.stats && object === 'link') {
        const c = ctx.world.net.deviceCounters(env.netns, current.name);
        out.push(statsLines(current.type === 'loopback' ? { ...c, rxBytes: c.txBytes, rxPackets: c.txPackets } : c).replace(/\n$/, ''));
      }
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

export const ip: Tool = (ctx) => {
  const env = toolEnv(ctx, 'ip');
  const bb = env.flavour === 'busybox';
  const args = ctx.argv.slice(1);
  const o = parseOptions(args, bb);
  if ('bad' in o) {
    if (bb) return usage(ctx, env);
    ctx.stderr(`Option "${o.bad}" is unknown, try "ip -help".\n`);
    return 255;
  }
  const objectWord = args.shift();
  const object = objectWord ? findObject(objectWord, bb) : undefined;
  if (!objectWord || !object) {
    if (bb) return usage(ctx, env);
    if (objectWord) ctx.stderr(`Object "${objectWord}" is unknown, try "ip help".\n`);
    else
      ctx.stderr(
        'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | link | route | neigh | netns | ... }\n',
      );
    return objectWord ? 1 : 255;
  }
  if (object === 'unsimulated') {
    ctx.stderr(`podlab: ip ${objectWord}: this part of ip is not simulated (address, link, route, rule and neigh are)\n`);
    return 1;
  }
  if (bb && (o.details || o.stats)) return usage(ctx, env);
  if (args.length > 0) {
    const verb = findVerb(object, args[0], bb);
    if (verb === undefined) {
      if (bb) ctx.stderr(`ip: invalid argument '${args[0]}' to 'ip'\n`);
      else ctx.stderr(`Command "${args[0]}" is unknown, try "ip ${HELP_NAME[object]} help".\n`);
      return bb ? 1 : 255;
    }
    if (verb !== 'show' && verb !== 'get') {
      ctx.stderr(`podlab: ip ${objectWord} ${args[0]}: changing the network is not simulated (podlab shows it read-only)\n`);
      return 2;
    }
    args.shift();
    if (verb === 'get') args.unshift('get');
  }
  if (object === 'route') return route(ctx, env, bb, o, args);
  if (object === 'neigh') return neigh(ctx, env, bb, o, args);
  if (object === 'rule') {
    ctx.stdout(ruleLines(bb, o.family === 'inet6'));
    return 0;
  }
  return links(ctx, env, bb, o, object, args);
};
