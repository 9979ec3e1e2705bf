// More iproute2 views (ip 6.1.0, checked against the real program in network namespaces built like a Calico pod and
// node): `ip neigh`, `ip rule`, `-o` (oneline), `-d` (details), `-s` (statistics), and BusyBox's forms of the same.
import type { Interface } from '../../../../contracts.ts';

export interface Neighbour {
  dst: string;
  dev: string;
  lladdr: string;
  state: 'REACHABLE' | 'STALE' | 'PERMANENT';
}

/**
 * `ip neigh [show] [to] ADDR [dev DEV]` (ip/ipneigh.c print_neigh): "ADDR dev DEV lladdr MAC STATE ", each item
 * followed by a space; "dev DEV" is left out when the listing is filtered by that device.
 */
export function neighLines(entries: Neighbour[], filterDev: string | undefined): string {
  return entries.map((e) => `${e.dst} ${filterDev ? '' : `dev ${e.dev} `}lladdr ${e.lladdr} ${e.state} \n`).join('');
}

/**
 * BusyBox 1.35 `ip neigh` (networking/libiproute/ipneigh.c): always prints the cache info, as "used A/B/C" in
 * seconds divided by a clock rate it never reads (so 0/0/0), the probes sent, and no space after the state.
 * An entry resolved by our own ARP request took one probe; one learnt from a peer's request took none.
 */
export function busyboxNeighLines(entries: Neighbour[], filterDev: string | undefined): string {
  return entries
    .map(
      (e) =>
        `${e.dst} ${filterDev ? '' : `dev ${e.dev} `}lladdr ${e.lladdr} used 0/0/0 probes ${e.state === 'REACHABLE' ? 1 : 0} ${e.state}\n`,
    )
    .join('');
}

/** The default policy rules (ip/iprule.c): local, main, default; BusyBox prints a space after each. */
export function ruleLines(busybox: boolean, v6: boolean): string {
  const end = busybox ? ' \n' : '\n';
  const rules: [number, string][] = [
    [0, 'local'],
    [32766, 'main'],
  ];
  if (!v6) rules.push([32767, 'default']);
  return rules.map(([pref, table]) => `${pref}:\tfrom all lookup ${table}${end}`).join('');
}

/**
 * `ip -o`: each record on one line, its line breaks replaced by a backslash (ip/ip_common.h `_SL_`); the
 * continuation keeps its leading spaces.
 */
export function oneline(text: string, recordStart: RegExp): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let out = '';
  for (const l of lines) {
    if (out !== '' && !recordStart.test(l)) out += `\\${l}`;
    else out += `${out === '' ? '' : '\n'}${l}`;
  }
  return out === '' ? '' : `${out}\n`;
}

/**
 * `ip -o addr`: one line per address, "N: NAME    inet ...\       valid_lft ..." (ip/ipaddress.c print_addrinfo
 * with oneline: the link's name then four spaces; no link line).
 */
export function onelineAddr(ifaces: Interface[], lines: (i: Interface, cidr: string) => string, family: 'all' | 'inet' | 'inet6'): string {
  let out = '';
  for (const i of ifaces) {
    for (const a of i.addresses) {
      if (family !== 'all' && (family === 'inet6') !== a.includes(':')) continue;
      const body = lines(i, a).replace(/\n$/, '').replace(/^ {4}/, '').split('\n').join('\\');
      out += `${i.index}: ${i.name}    ${body}\n`;
    }
  }
  return out;
}

const GSO = 'gso_max_size 65536 gso_max_segs 65535';

/** Queues of a device: virtual NICs and veths get one per possible CPU (the nodes report 2), software devices one. */
function queues(i: Interface, cpus: number): string {
  const n = i.type === 'veth' || i.type === 'ether' ? cpus : 1;
  return `numtxqueues ${n} numrxqueues ${n}`;
}

/**
 * The `-d` additions of one link (ip/ipaddress.c print_linkinfo with show_details, kernel 6.1): appended to the
 * link/... line, then a line for the device kind (veth, ipip, vxlan, bridge) when it has one.
 */
export function detailLines(i: Interface, cpus: number, vxlanLocal?: string): { link: string; kind: string } {
  const mtus =
    i.type === 'loopback' || i.type === 'ipip'
      ? 'minmtu 0 maxmtu 0'
      : i.type === 'bridge'
        ? 'minmtu 68 maxmtu 65535'
        : 'minmtu 68 maxmtu 65535';
  const link = ` promiscuity ${i.master ? 1 : 0}  allmulti 0 ${mtus} `;
  const tail = `addrgenmode eui64 ${queues(i, cpus)} ${GSO} tso_max_size ${i.type === 'ipip' || i.type === 'vxlan' ? 65536 : 524280} tso_max_segs 65535 gro_max_size 65536 `;
  const port = i.master
    ? `\n    bridge_slave state forwarding priority 32 cost 2 hairpin on guard off root_block off fastleave off learning on flood on mcast_flood on bcast_flood on mcast_to_unicast off neigh_suppress off group_fwd_mask 0 group_fwd_mask_str 0x0 vlan_tunnel off isolated off locked off `
    : '';
  switch (i.type) {
    case 'veth':
      return { link, kind: `    veth${port} ${tail}` };
    case 'ipip':
      return { link, kind: `    ipip ipip remote any local any ttl inherit nopmtudisc ${tail}` };
    case 'vxlan':
      return {
        link,
        kind: `    vxlan id 1 ${vxlanLocal ? `local ${vxlanLocal} ` : ''}dev eth0 srcport 0 0 dstport 8472 nolearning ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx ${tail}`,
      };
    case 'bridge':
      return {
        link,
        kind: `    bridge forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q ${tail}`,
      };
    default:
      return { link: `${link}${tail}`, kind: '' };
  }
}

/** Packet and byte counters of one device, as `ip -s link` prints them. */
export interface Counters {
  rxBytes: number;
  rxPackets: number;
  txBytes: number;
  txPackets: number;
}

/** The `-s` block of one link (ip/ipaddress.c print_link_stats, iproute2 6.1: right-aligned columns). */
export function statsLines(c: Counters): string {
  const row = (cols: (string | number)[], widths: number[]) => cols.map((v, k) => String(v).padStart(widths[k])).join(' ');
  const w = [10, 7, 6, 7, 7, 7];
  return (
    `    RX:  bytes packets errors dropped  missed   mcast           \n` +
    `    ${row([c.rxBytes, c.rxPackets, 0, 0, 0, 0], w)} \n` +
    `    TX:  bytes packets errors dropped carrier collsns           \n` +
    `    ${row([c.txBytes, c.txPackets, 0, 0, 0, 0], w)} \n`
  );
}
