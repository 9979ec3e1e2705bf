// conntrack (conntrack-tools 1.4.7 on a Debian 12 node, 1.4.8 in Alpine images) over the node's simulated table
// (net/conntrack.ts): the entries the connections the packet walk carried left behind, kube-proxy's DNAT and
// MASQUERADE in their reply tuples, aged on the simulated clock with the kernel's timeouts.
//   -L [-p PROTO] [-s IP] [-d IP] [--sport N] [--dport N] [-o extended]   list (entries on stdout, the count on stderr)
//   -C   count        -F   flush        -E   events (not simulated: one line saying so)
// Formats from the real program (test/golden/tools/capture/conntrack-L.txt). ctnetlink wants CAP_NET_ADMIN in the
// caller's namespace (nfnetlink_rcv_msg), which a container does not have by default: there -L fails as the real
// tool fails, "Operation failed: Operation not permitted".
import type { Pod } from '../../../../api/types.ts';
import { entryLine, type CtEntry, type CtProto } from '../../../../net/conntrack.ts';
import { flowsOf } from '../../../../net/flows.ts';
import type { Tool, ToolContext } from '../../tool.ts';

const PROTOS: Record<string, CtProto> = { tcp: 'tcp', udp: 'udp', icmp: 'icmp', '6': 'tcp', '17': 'udp', '1': 'icmp' };

function version(ctx: ToolContext): string {
  return ctx.host.kind === 'node' ? 'v1.4.7' : 'v1.4.8';
}

/** The node whose table a process on this host reads: its own node for a node or a hostNetwork pod. */
function tableNode(ctx: ToolContext): string | undefined {
  const h = ctx.host;
  if (h.kind === 'node') return h.node;
  const pod = ctx.world.store.peek<Pod>('Pod', h.namespace, h.pod);
  return pod?.spec.hostNetwork ? pod.spec.nodeName : undefined;
}

function privileged(ctx: ToolContext): boolean {
  const h = ctx.host;
  if (h.kind === 'node') return true;
  const pod = ctx.world.store.peek<Pod>('Pod', h.namespace, h.pod);
  const c = pod?.spec.containers.find((x) => x.name === h.container);
  const sc = (c as { securityContext?: unknown } | undefined)?.securityContext as
    { privileged?: boolean; capabilities?: { add?: string[] } } | undefined;
  return sc?.privileged === true || (sc?.capabilities?.add ?? []).some((x) => x === 'NET_ADMIN' || x === 'CAP_NET_ADMIN' || x === 'ALL');
}

export const conntrack: Tool = (ctx) => {
  const v = version(ctx);
  const fail = (msg: string, code = 1): number => {
    ctx.stderr(`conntrack ${v} (conntrack-tools): ${msg}\n`);
    return code;
  };
  const args = ctx.argv.slice(1);
  let command: 'L' | 'C' | 'F' | 'E' | undefined;
  let proto: CtProto | undefined;
  let src: string | undefined;
  let dst: string | undefined;
  let sport: number | undefined;
  let dport: number | undefined;
  let extended = false;
  const cmds: Record<string, 'L' | 'C' | 'F' | 'E'> = {
    '-L': 'L',
    '--dump': 'L',
    '-C': 'C',
    '--count': 'C',
    '-F': 'F',
    '--flush': 'F',
    '-E': 'E',
    '--event': 'E',
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | undefined => args[++i];
    if (a in cmds) {
      if (command) return fail('Invalid parameters', 2);
      command = cmds[a];
      // `-L conntrack` / `-L expect`: the table to list; only conntrack holds entries here.
      if (args[i + 1] === 'conntrack' || args[i + 1] === 'expect') i++;
    } else if (a === '-p' || a === '--proto' || a === '--protonum') {
      const p = value();
      if (p === undefined) return fail(`option \`${a}' requires an argument`, 2);
      proto = PROTOS[p.toLowerCase()];
      if (!proto) return fail(`\`${p}' unsupported protocol`, 2);
    } else if (a === '-s' || a === '--src' || a === '--orig-src') src = value();
    else if (a === '-d' || a === '--dst' || a === '--orig-dst') dst = value();
    else if (a === '--sport' || a === '--orig-port-src' || a === '--dport' || a === '--orig-port-dst') {
      if (proto !== 'tcp' && proto !== 'udp') return fail(`Illegal option \`${a}' with this command`, 2);
      const n = Number(value());
      if (a === '--sport' || a === '--orig-port-src') sport = n;
      else dport = n;
    } else if (a === '-o' || a === '--output') {
      const o = value() ?? '';
      if (o.split(',').includes('extended')) extended = true;
    } else if (a === '-n' || a === '-g' || a === '-z') continue;
    else return fail(`Invalid argument \`${a}'`, 2);
  }
  if (!command) return fail('no command specified', 2);
  const node = tableNode(ctx);
  const flows = flowsOf(ctx.world.store);
  if (!privileged(ctx)) return fail('Operation failed: Operation not permitted');
  if (command === 'E') {
    ctx.stderr(`conntrack ${v} (conntrack-tools): event mode (-E) is not simulated in podlab; use -L after the traffic\n`);
    return 1;
  }
  const now = ctx.clock.now();
  const table = node && flows ? flows.table(node) : undefined;
  if (command === 'F') {
    table?.flush();
    ctx.stderr(`conntrack ${v} (conntrack-tools): connection tracking table has been emptied.\n`);
    return 0;
  }
  const match = (e: CtEntry): boolean =>
    (proto === undefined || e.proto === proto) &&
    (src === undefined || e.orig.src === src) &&
    (dst === undefined || e.orig.dst === dst) &&
    (sport === undefined || e.orig.sport === sport) &&
    (dport === undefined || e.orig.dport === dport);
  const entries = (table?.list(now) ?? []).filter(match);
  if (command === 'C') {
    ctx.stdout(`${entries.length}\n`);
    return 0;
  }
  ctx.stdout(entries.map((e) => `${entryLine(e, now, extended)}\n`).join(''));
  ctx.stderr(`conntrack ${v} (conntrack-tools): ${entries.length} flow entries have been shown.\n`);
  return 0;
};
