// The sockets `ss` and `netstat` list: the model's listeners in this host's network namespace (a pod's containers
// share it; a node's host namespace has its daemons and its hostNetwork pods), each with the process that owns it
// when that process is visible from here. Connections are not kept as sockets: only listening ones are listed.
import type { Listener } from '../../../contracts.ts';
import { processTable, type Proc } from '../procps/processes.ts';
import type { ToolContext } from '../tool.ts';

export interface Socket {
  protocol: 'TCP' | 'UDP';
  /** '0.0.0.0' (IPv4 any), '[::]' (IPv6 only) or '*' (an IPv6 socket that also takes IPv4, as Go servers open). */
  bind: '0.0.0.0' | '[::]' | '*';
  port: number;
  /** The listen() backlog (ss's Send-Q for a listener): nginx 511, sshd 128, Go servers SOMAXCONN (4096). */
  backlog: number;
  owner?: { comm: string; pid: number; fd: number };
}

/** Programs that bind IPv4 and IPv6 sockets separately (sshd, nginx's default.conf `listen 80; listen [::]:80;`). */
const BACKLOGS: Record<string, number> = { nginx: 511, sshd: 128 };

const SPLIT_BINDS = new Set(['sshd', 'nginx', 'dnsmasq']);

function ownerOf(procs: Proc[], l: Listener): Socket['owner'] {
  for (const p of procs) {
    const hit = p.listeners.find((x) => x.listener.port === l.port && x.listener.protocol === l.protocol);
    if (hit) return { comm: p.comm, pid: p.pid, fd: hit.fd };
  }
  return undefined;
}

/** The listening sockets of the host's network namespace, TCP then UDP, by port. */
export function listeningSockets(ctx: ToolContext): Socket[] {
  const info = ctx.hostInfo();
  if (!info) return [];
  const listeners = ctx.world.control.listeners(info.netns);
  const procs = processTable(ctx);
  const out: Socket[] = [];
  for (const l of listeners) {
    const owner = ownerOf(procs, l);
    const name = l.process.split(' ')[0];
    const backlog = l.protocol === 'UDP' ? 0 : (BACKLOGS[name] ?? 4096);
    if (SPLIT_BINDS.has(name)) {
      out.push({ protocol: l.protocol, bind: '0.0.0.0', port: l.port, backlog, owner });
      out.push({ protocol: l.protocol, bind: '[::]', port: l.port, backlog, owner: owner && { ...owner, fd: owner.fd + 1 } });
    } else out.push({ protocol: l.protocol, bind: '*', port: l.port, backlog, owner });
  }
  const v6 = (s: Socket) => (s.bind === '0.0.0.0' ? 0 : 1);
  return out.sort((a, b) => a.protocol.localeCompare(b.protocol) || v6(a) - v6(b) || a.port - b.port);
}

/** /etc/services names (Debian 12's netbase) for the ports the model's programs use; others print as numbers. */
const SERVICES: Record<string, string> = {
  'TCP/22': 'ssh',
  'TCP/53': 'domain',
  'UDP/53': 'domain',
  'TCP/80': 'http',
  'TCP/179': 'bgp',
  'TCP/443': 'https',
  'UDP/443': 'https',
  'TCP/8080': 'http-alt',
  'UDP/5353': 'mdns',
};

/** The port as ss and netstat print it without -n. */
export function serviceName(protocol: 'TCP' | 'UDP', port: number, numeric: boolean): string {
  return numeric ? String(port) : (SERVICES[`${protocol}/${port}`] ?? String(port));
}
