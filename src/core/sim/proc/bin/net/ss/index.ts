// ss as iproute2 6.1 prints it (Debian 12): the model's listening sockets in columns laid out as ss's render() does
// (compact when not on a terminal, the screen width spread over the columns when on one). Only TCP and UDP
// listeners exist in the model: without -l/-a nothing is listed (connections are not kept as sockets).
import { getopt } from '../../getopt.ts';
import type { Tool } from '../../tool.ts';
import { listeningSockets, serviceName, type Socket } from '../sockets.ts';
import { SS_USAGE } from './usage.ts';

type Align = 'left' | 'right';
interface Column {
  align: Align;
  header: string;
  ldelim: string;
  disabled: boolean;
}

const SPEC = {
  withValue: 'fAN',
  flags: 'hVntulapaexmio4603HwSOsrbEZzdvk',
  long: {
    help: { key: 'h', value: false },
    version: { key: 'V', value: false },
    numeric: { key: 'n', value: false },
    tcp: { key: 't', value: false },
    udp: { key: 'u', value: false },
    listening: { key: 'l', value: false },
    all: { key: 'a', value: false },
    processes: { key: 'p', value: false },
    'no-header': { key: 'H', value: false },
    ipv4: { key: '4', value: false },
    ipv6: { key: '6', value: false },
  },
};

/** The columns of ss.c's table, in order; the last, empty one ends each line. */
function columns(netid: boolean): Column[] {
  const c = (align: Align, header: string, ldelim: string, disabled = false) => ({ align, header, ldelim, disabled });
  return [
    c('left', 'Netid', '', !netid),
    c('left', 'State', ' '),
    c('left', 'Recv-Q', ' '),
    c('left', 'Send-Q', ' '),
    c('right', 'Local Address:', ' '),
    c('left', 'Port', ''),
    c('right', 'Peer Address:', ' '),
    c('left', 'Port', ''),
    c('left', 'Process', ''),
    c('left', '', ''),
  ];
}

/** render_calc_width() and render() of ss.c: `rows` hold one token per enabled column. */
export function renderColumns(cols: Column[], rows: string[][], screen: number | undefined): string {
  const enabled = cols.filter((c) => !c.disabled);
  const maxLen = enabled.map((_, i) => Math.max(0, ...rows.map((r) => r[i]?.length ?? 0)));
  let first = true;
  const width = enabled.map((c, i) => {
    const w = !first && maxLen[i] ? maxLen[i] + c.ldelim.length : maxLen[i];
    const capped = screen === undefined ? w : Math.min(w, screen);
    if (capped) first = false;
    return capped;
  });
  if (screen !== undefined) {
    // Spread the remaining screen width over the columns of each line (ss wraps columns that do not fit).
    let len = 0;
    let lineCols = 0;
    let eol = -1;
    for (let i = 0; i < width.length; i++) {
      if (!width[i]) continue;
      lineCols++;
      len += width[i];
      const last = !width.slice(i + 1).some((w) => w > 0);
      if (!last && len < screen) continue;
      if (len !== screen) {
        let end = i;
        if (len > screen) {
          len -= width[i];
          end = i - 1;
          lineCols--;
          i--;
        }
        const pad = screen - len;
        const spacing = Math.floor(pad / Math.max(lineCols, 1));
        let rem = pad % Math.max(lineCols, 1);
        for (let j = end; j > eol; j--) {
          if (!width[j]) continue;
          width[j] += spacing;
          if (rem) {
            width[j]++;
            rem--;
          }
        }
      }
      eol = i;
      len = 0;
      lineCols = 0;
    }
  }
  let out = '';
  for (const row of rows) {
    let started = false;
    let line = '';
    enabled.forEach((c, i) => {
      const token = row[i] ?? '';
      if (!width[i] && !token) return;
      let printed = 0;
      if (started) {
        line += c.ldelim;
        printed = c.ldelim.length;
      }
      started = true;
      if (width[i] && c.align === 'right') {
        const s = width[i] - token.length - printed;
        if (s > 0) line += ' '.repeat(s);
        printed += Math.max(0, s);
      }
      line += token;
      printed += token.length;
      if (width[i] && c.align === 'left') {
        const s = width[i] - printed;
        if (s > 0) line += ' '.repeat(s);
      }
    });
    out += `${line}\n`;
  }
  return out;
}

function peerOf(bind: Socket['bind']): string {
  return bind === '*' ? '*' : bind;
}

export const ss: Tool = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), SPEC);
  if (!parsed.ok) {
    const opt = parsed.option;
    ctx.stderr(
      opt.startsWith('--')
        ? `ss: unrecognized option '${parsed.arg}'\n${SS_USAGE}`
        : `ss: invalid option -- '${opt.slice(1)}'\n${SS_USAGE}`,
    );
    return 255;
  }
  const has = (k: string) => parsed.opts.some((o) => o.key === k);
  if (has('h')) {
    ctx.stdout(SS_USAGE);
    return 0;
  }
  if (has('V')) {
    ctx.stdout('ss utility, iproute2-6.1.0\n');
    return 0;
  }
  if (parsed.args.length > 0) {
    ctx.stderr('podlab: ss: filter expressions are not simulated\n');
    return 1;
  }
  const unsupported = parsed.opts.find((o) => !'ntulapH46'.includes(o.key));
  if (unsupported) {
    ctx.stderr(`podlab: ss: option -${unsupported.key} is not simulated\n`);
    return 1;
  }
  const numeric = has('n');
  const tcp = has('t');
  const udp = has('u');
  // Without -t/-u ss lists every socket type (unix, netlink...); podlab models TCP and UDP only.
  const dbs = tcp || udp ? [tcp && 'TCP', udp && 'UDP'].filter(Boolean) : ['TCP', 'UDP'];
  const listening = has('l') || has('a');
  const netid = !(tcp || udp) || (tcp && udp);
  const sockets = listening
    ? listeningSockets(ctx).filter(
        (s) => dbs.includes(s.protocol) && !(has('4') && s.bind === '[::]') && !(has('6') && s.bind === '0.0.0.0'),
      )
    : [];
  // ss lists UDP before TCP (its dump order: udp, then tcp).
  sockets.sort((a, b) => (a.protocol === b.protocol ? 0 : a.protocol === 'UDP' ? -1 : 1));
  const screen = ctx.tty ? Number(ctx.env.COLUMNS) || 80 : undefined;
  ctx.stdout(ssTable(sockets, { netid, numeric, processes: has('p'), header: !has('H'), screen }));
  return 0;
};

/** ss's table for these sockets (in the order given); `screen` is the terminal width, undefined when not on one. */
export function ssTable(
  sockets: Socket[],
  o: { netid: boolean; numeric: boolean; processes: boolean; header: boolean; screen: number | undefined },
): string {
  const cols = columns(o.netid);
  const rows: string[][] = [];
  const enabledRow = (cells: string[]) => cells.filter((_, i) => !cols[i].disabled);
  if (o.header) rows.push(enabledRow(cols.map((c) => c.header)));
  for (const s of sockets) {
    const proc = o.processes && s.owner ? ` users:(("${s.owner.comm}",pid=${s.owner.pid},fd=${s.owner.fd}))` : '';
    rows.push(
      enabledRow([
        s.protocol.toLowerCase(),
        s.protocol === 'TCP' ? 'LISTEN' : 'UNCONN',
        '0'.padEnd(6),
        String(s.backlog).padEnd(6),
        `${s.bind}:`,
        serviceName(s.protocol, s.port, o.numeric),
        `${peerOf(s.bind)}:`,
        '*',
        proc,
        '',
      ]),
    );
  }
  return renderColumns(cols, rows, o.screen);
}
