// tcpdump 4.99.3 (libpcap 1.10.3) over the simulated network: while it runs, it registers a capture on one device
// (or `any`) of its host's namespace with the world's flows (net/flows.ts); the connections and pings the line's
// other commands make are then replayed, device by device as the packet walk moved them, to it.
//
// Nothing else sends packets in the model, so a capture sees only what the same line does while it runs:
//   tcpdump -ni tunl0 -c 4 &  then  curl http://web   (the background capture prints as packets pass)
//   timeout 2 tcpdump -ni any icmp &  then  ping -c 1 ...
// In the foreground it waits, as the real one does, until -c packets came (none will: the line runs nothing else
// meanwhile), its `timeout` or the line's end. A background capture still running when the line ends stops then and
// prints its statistics, as tcpdump does on SIGINT. Options: -i IFACE|any, -n/-nn, -c N, -e, -v[v], -t, -l, -D,
// -s N, -q is ignored; -w FILE and -r FILE are not simulated. The expression: filter.ts.
import type { Pod } from '../../../../api/types.ts';
import type { Interface } from '../../../../contracts.ts';
import { flowsOf, type Capture, type CapturedPacket } from '../../../../net/flows.ts';
import { runOf } from '../../../os/tool-context.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { netnsOf } from '../where.ts';
import { compileFilter, FilterError, type FilterView } from './filter.ts';
import { innerProto, printPacket, type PrintOptions } from './print.ts';

const USAGE = `tcpdump version 4.99.3
libpcap version 1.10.3 (with TPACKET_V3)
OpenSSL 3.0.15 3 Sep 2024
Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

interface Args {
  iface?: string;
  count?: number;
  numeric: boolean;
  verbose: boolean;
  ether: boolean;
  noTime: boolean;
  list: boolean;
  version: boolean;
  expression: string[];
}

function parseArgs(argv: string[]): Args | { error: string } {
  const a: Args = { numeric: false, verbose: false, ether: false, noTime: false, list: false, version: false, expression: [] };
  const withValue = new Set(['i', 'c', 's', 'w', 'r', 'B', 'C', 'F', 'G', 'j', 'M', 'Q', 'T', 'V', 'W', 'y', 'z', 'Z', 'E']);
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (w === '--') {
      a.expression.push(...argv.slice(i + 1));
      break;
    }
    if (w === '--version') {
      a.version = true;
      continue;
    }
    if (w.startsWith('--')) {
      const [name, inline] = w.slice(2).split('=', 2);
      if (name === 'interface') a.iface = inline ?? argv[++i];
      else if (name === 'count') continue;
      else if (['immediate-mode', 'print', 'number', 'micro', 'nano', 'list-interfaces'].includes(name))
        a.list ||= name === 'list-interfaces';
      else return { error: `tcpdump: unrecognized option '${w}'` };
      continue;
    }
    if (!w.startsWith('-') || w === '-') {
      a.expression.push(w);
      continue;
    }
    for (let j = 1; j < w.length; j++) {
      const f = w[j];
      if (withValue.has(f)) {
        const v = j + 1 < w.length ? w.slice(j + 1) : argv[++i];
        if (v === undefined) return { error: `tcpdump: option requires an argument -- '${f}'` };
        if (f === 'i') a.iface = v;
        else if (f === 'c') {
          if (!/^\d+$/.test(v) || Number(v) <= 0) return { error: `tcpdump: invalid packet count ${v}` };
          a.count = Number(v);
        } else if (f === 'w' || f === 'r') return { error: `tcpdump: -${f} (saving or reading capture files) is not simulated in podlab` };
        break;
      }
      if (f === 'n') a.numeric = true;
      else if (f === 'v') a.verbose = true;
      else if (f === 'e') a.ether = true;
      else if (f === 't') a.noTime = true;
      else if (f === 'D') a.list = true;
      else if ('lqSpuUNOKIJAxXbdfhHL#'.includes(f)) {
        if (f === 'h') a.version = true;
      } else return { error: `tcpdump: invalid option -- '${f}'` };
    }
  }
  return a;
}

/** The namespace id of the host's network (a hostNetwork pod shares its node's), as the fabric names it. */
function nsId(ctx: ToolContext): string {
  const h = ctx.host;
  if (h.kind === 'node') return `node/${h.node}`;
  const pod = ctx.world.store.peek<Pod>('Pod', h.namespace, h.pod);
  return pod?.spec.hostNetwork && pod.spec.nodeName ? `node/${pod.spec.nodeName}` : `pod/${h.namespace}/${h.pod}`;
}

function linkType(iface: Interface | undefined, any: boolean): string {
  if (any) return 'LINUX_SLL2 (Linux cooked v2)';
  return iface?.type === 'ipip' ? 'RAW (Raw IP)' : 'EN10MB (Ethernet)';
}

/** Names from the host's /etc/hosts, for addresses without -n (the model has no PTR records for pods and nodes). */
function hostsNames(ctx: ToolContext): (ip: string) => string | undefined {
  let table: Map<string, string> | undefined;
  return (ip) => {
    if (!table) {
      table = new Map();
      for (const line of (ctx.fs.read('/etc/hosts') ?? '').split('\n')) {
        const [addr, name] = line.replace(/#.*/, '').trim().split(/\s+/);
        if (addr && name && !table.has(addr)) table.set(addr, name);
      }
    }
    return table.get(ip);
  };
}

const plural = (n: number) => (n === 1 ? '' : 's');

function view(p: CapturedPacket): FilterView {
  if (p.outer?.kind === 'ipip') return { proto: 4, src: p.outer.src, dst: p.outer.dst };
  if (p.outer?.kind === 'vxlan') return { proto: 17, src: p.outer.src, dst: p.outer.dst, sport: p.outer.sport, dport: 8472 };
  return { proto: innerProto(p), src: p.src, dst: p.dst, sport: p.tcp?.sport, dport: p.tcp?.dport };
}

export const tcpdump: Tool = (ctx) => {
  const a = parseArgs(ctx.argv.slice(1));
  if ('error' in a) {
    ctx.stderr(`${a.error}\n${USAGE}`);
    return 1;
  }
  if (a.version) {
    ctx.stdout(USAGE.split('\n').slice(0, 3).join('\n') + '\n');
    return 0;
  }
  const interfaces = ctx.net.interfaces(netnsOf(ctx));
  if (a.list) {
    const rows = interfaces.filter((i) => i.name !== 'lo').map((i) => `${i.name} [Up, Running, Connected]`);
    rows.push('any (Pseudo-device that captures on all interfaces) [Up, Running]', 'lo [Up, Running, Loopback]');
    ctx.stdout(rows.map((r, i) => `${i + 1}.${r}\n`).join(''));
    return 0;
  }
  const dev = a.iface ?? interfaces.find((i) => i.name !== 'lo' && i.state !== 'DOWN')?.name ?? 'lo';
  const any = dev === 'any';
  const iface = interfaces.find((i) => i.name === dev);
  if (!any && !iface) {
    ctx.stderr(`tcpdump: ${dev}: No such device exists\n(SIOCGIFHWADDR: No such device)\n`);
    return 1;
  }
  let filter: (v: FilterView) => boolean;
  try {
    filter = compileFilter(a.expression.join(' '));
  } catch (e: unknown) {
    if (!(e instanceof FilterError)) throw e;
    ctx.stderr(`tcpdump: ${e.message}\n`);
    return 1;
  }
  const flows = flowsOf(ctx.world.store);
  if (any) ctx.stderr('tcpdump: data link type LINUX_SLL2\n');
  if (!a.verbose) ctx.stderr('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n');
  ctx.stderr(`${a.verbose ? 'tcpdump: ' : ''}listening on ${dev}, link-type ${linkType(iface, any)}, snapshot length 262144 bytes\n`);

  const options: PrintOptions = {
    numeric: a.numeric,
    verbose: a.verbose,
    ether: a.ether,
    any,
    noTime: a.noTime,
    hostName: a.numeric ? undefined : hostsNames(ctx),
  };
  const run = runOf(ctx);
  const budget = run?.rt.budget;
  /** Simulated ms when the capture is stopped (its `timeout`, or the line's end). */
  const until = budget ? budget.deadline : Infinity;
  let captured = 0;
  let done = false;
  const finish = (): void => {
    if (done) return;
    // Connections still open close now, while the capture still sees them (their FINs come before it stops).
    if (a.count === undefined || captured < a.count) flows?.flushOpen();
    done = true;
    flows?.unregister(capture);
    ctx.stderr(
      `${captured} packet${plural(captured)} captured\n${captured} packet${plural(captured)} received by filter\n0 packets dropped by kernel\n`,
    );
  };
  const capture: Capture = {
    ns: nsId(ctx),
    dev,
    accept: (p) => {
      if (done) return;
      if (p.atUs / 1000 > until) return finish();
      if (!filter(view(p))) return;
      captured++;
      ctx.stdout(printPacket(p, options));
      if (a.count !== undefined && captured >= a.count) finish();
    },
  };
  flows?.register(capture);
  if (run?.rt.elapsed) {
    // A background job: the capture outlives this call and sees what the line does next.
    run.rt.atLineEnd?.push(finish);
    return 0;
  }
  // In the foreground nothing else runs until it stops: wait for the end of its time.
  const left = budget ? budget.remaining() : 0;
  ctx.sleep(left + 1);
  finish();
  return 0;
};
