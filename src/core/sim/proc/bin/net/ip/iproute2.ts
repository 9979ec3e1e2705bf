// iproute2's `ip addr`, `ip link`, `ip -br`, `ip route` layouts from the namespace's interfaces and routes
// (transcripts/ip-addr.txt, ip-route.txt and the lab captures).
import type { Interface, Route } from '../../../../contracts.ts';

/**
 * "eth0@if12" for a veth whose peer is in another namespace, "veth0@veth1" when the peer is local. iproute2 names
 * the peer from the local table only without IFLA_LINK_NETNSID (ip/ipaddress.c print_linkinfo), so a Calico host
 * veth whose peer index equals a local device's (tunl0) still prints `cali…@ifN`.
 */
export function displayName(i: Interface, all: Interface[]): string {
  if (i.type === 'ipip' && !i.peer) return `${i.name}@NONE`;
  if (!i.peer) return i.name;
  if (i.linkNetnsId !== undefined) return `${i.name}@if${i.peer.index}`;
  const local = all.find((x) => x.index === i.peer?.index && x !== i);
  return `${i.name}@${local ? local.name : `if${i.peer.index}`}`;
}

export const isV6 = (cidr: string) => cidr.includes(':');

function qdiscOf(i: Interface): string {
  return i.qdisc ?? (i.type === 'ether' ? 'fq_codel' : 'noqueue');
}

/** "link/ether 8a:92:... brd ff:ff:ff:ff:ff:ff". */
export function linkLine(i: Interface): string {
  if (i.type === 'loopback') return 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  if (i.type === 'ipip') return 'link/ipip 0.0.0.0 brd 0.0.0.0';
  return `link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff`;
}

function netnsSuffix(i: Interface): string {
  return i.linkNetnsId !== undefined ? ` link-netnsid ${i.linkNetnsId}` : '';
}

/** The last address of an IPv4 CIDR (the broadcast `brd` shows). */
export function broadcastOf(cidr: string): string {
  const [ip, len] = cidr.split('/');
  const n = ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const host = 2 ** (32 - Number(len)) - 1;
  const b = Math.floor(n / (host + 1)) * (host + 1) + host;
  return [24, 16, 8, 0].map((s) => Math.floor(b / 2 ** s) % 256).join('.');
}

/** The inet/inet6 lines of one address, with their lifetime line. */
export function addressLines(i: Interface, cidr: string): string {
  if (isV6(cidr)) {
    const scope = cidr.startsWith('fe80:') ? 'link' : cidr === '::1/128' ? 'host' : 'global';
    return `    inet6 ${cidr} scope ${scope} \n       valid_lft forever preferred_lft forever\n`;
  }
  const loop = cidr.startsWith('127.');
  const len = Number(cidr.split('/')[1]);
  const brd = i.brd && len < 31 ? ` brd ${broadcastOf(cidr)}` : '';
  return `    inet ${cidr}${brd} scope ${loop ? 'host' : 'global'} ${i.name}\n       valid_lft forever preferred_lft forever\n`;
}

export type Family = 'all' | 'inet' | 'inet6';

/** `ip [-4|-6] addr [show [dev] X]`. */
export function addrShow(ifaces: Interface[], family: Family): string {
  let out = '';
  for (const i of ifaces) {
    const addrs = i.addresses.filter((a) => family === 'all' || (family === 'inet6') === isV6(a));
    if (family !== 'all' && addrs.length === 0) continue;
    const master = i.master ? `master ${i.master} ` : '';
    if (family === 'inet6') out += `${i.index}: ${i.name}: <${i.flags.join(',')}> mtu ${i.mtu} ${master}state ${i.state} qlen 1000\n`;
    else
      out += `${i.index}: ${displayName(i, ifaces)}: <${i.flags.join(',')}> mtu ${i.mtu} qdisc ${qdiscOf(i)} ${master}state ${i.state} group default qlen 1000${family === 'inet' ? netnsSuffix(i) : ''}\n`;
    if (family === 'all') out += `    ${linkLine(i)}${netnsSuffix(i)}\n`;
    for (const a of addrs) out += addressLines(i, a);
  }
  return out;
}

/** `ip link`. */
export function linkShow(ifaces: Interface[]): string {
  return ifaces
    .map(
      (i) =>
        `${i.index}: ${displayName(i, ifaces)}: <${i.flags.join(',')}> mtu ${i.mtu} qdisc ${qdiscOf(i)} ${i.master ? `master ${i.master} ` : ''}state ${i.state} mode DEFAULT group default qlen 1000\n    ${linkLine(i)}${netnsSuffix(i)}\n`,
    )
    .join('');
}

/** `ip -br addr` / `ip -br link`: name in 16 columns, state in 14, then the rest, each item followed by a space. */
export function brief(ifaces: Interface[], what: 'addr' | 'link'): string {
  return ifaces
    .map((i) => {
      const name = `${displayName(i, ifaces).padEnd(16, ' ')} ${i.state.padEnd(14, ' ')} `;
      return what === 'addr'
        ? `${name}${i.addresses.map((a) => `${a} `).join('')}\n`
        : `${name}${i.type === 'loopback' ? '00:00:00:00:00:00' : i.mac} <${i.flags.join(',')}> \n`;
    })
    .join('');
}

/** One `ip route` line; every item is followed by a space, as iproute2 prints them. */
export function routeLine(r: Route): string {
  let s = r.blackhole ? `blackhole ${r.dst} ` : `${r.dst} `;
  if (r.via) s += `via ${r.via} `;
  if (!r.blackhole) s += `dev ${r.dev} `;
  if (r.proto) s += `proto ${r.proto} `;
  if (r.scope) s += `scope ${r.scope} `;
  if (r.src) s += `src ${r.src} `;
  if (r.onlink) s += 'onlink ';
  return s;
}

function ipNum(ip: string): number {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}

/** The route the kernel picks for `ip`: longest prefix first; undefined when none matches. */
export function lookupRoute(routes: Route[], ip: string): Route | undefined {
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of routes) {
    const [net, lenText] = r.dst === 'default' ? ['0.0.0.0', '0'] : r.dst.includes('/') ? r.dst.split('/') : [r.dst, '32'];
    const len = Number(lenText);
    const size = 2 ** (32 - len);
    if (Math.floor(ipNum(ip) / size) === Math.floor(ipNum(net) / size) && len > bestLen) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}
