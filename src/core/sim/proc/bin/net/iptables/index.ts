// iptables / iptables-save (v1.8.9, nf_tables) on a node: kube-proxy's nat and filter rules, generated from the
// Service/endpoint model the packet walk applies (net/kube-proxy-rules.ts). Read-only: changing rules is refused.
import type { Tool, ToolContext } from '../../tool.ts';
import { kubeProxyTables, type Table } from '../../../../net/kube-proxy-rules.ts';
import { listChains, saveTable, specLines } from './format.ts';

const VERSION = 'iptables v1.8.9 (nf_tables)';

function tables(ctx: ToolContext): { nat: Table; filter: Table } {
  return kubeProxyTables(ctx.world.store, ctx.world.cluster.podCIDR, ctx.host.kind === 'node' ? ctx.host.node : '');
}

function badArgument(ctx: ToolContext, arg: string): number {
  ctx.stderr(`Bad argument \`${arg}'\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
  return 2;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ctime(3) in UTC, as iptables-save stamps its output: "Fri Dec  4 18:27:57 2026". */
function ctime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export const iptables: Tool = (ctx) => {
  const args = ctx.argv.slice(1);
  let table = 'filter';
  let command: 'S' | 'L' | undefined;
  let chain: string | undefined;
  let numeric = false;
  let verbose = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') {
      const t = args[++i];
      if (t === undefined) {
        ctx.stderr(`${VERSION}: option "${a}" requires an argument\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
        return 2;
      }
      table = t;
      continue;
    }
    if (a === '--list' || a === '--list-rules' || a === '--numeric' || a === '--verbose') {
      if (a === '--numeric') numeric = true;
      else if (a === '--verbose') verbose = true;
      else command = a === '--list' ? 'L' : 'S';
      if ((a === '--list' || a === '--list-rules') && args[i + 1] !== undefined && !args[i + 1].startsWith('-')) chain = args[++i];
      continue;
    }
    if (a === '-V' || a === '--version') {
      ctx.stdout(`${VERSION}\n`);
      return 0;
    }
    if (/^-[A-Za-z]+$/.test(a)) {
      const flags = a.slice(1);
      for (let k = 0; k < flags.length; k++) {
        const f = flags[k];
        if (f === 'n') numeric = true;
        else if (f === 'v') verbose = true;
        else if (f === 'x') continue;
        else if (f === 'L' || f === 'S') {
          command = f;
          // An optional chain argument: the next word, only when this flag ends the group and it is not an option.
          if (k === flags.length - 1 && args[i + 1] !== undefined && !args[i + 1].startsWith('-')) chain = args[++i];
        } else if ('AIDRNXPEFZ'.includes(f)) {
          ctx.stderr(`${VERSION}: podlab shows kube-proxy's rules read-only; changing them (-${f}) is not simulated\n`);
          return 1;
        } else {
          ctx.stderr(`iptables v1.8.9 (nf_tables): unknown option "${a}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
          return 2;
        }
      }
      continue;
    }
    return badArgument(ctx, a);
  }
  if (command === undefined) {
    ctx.stderr(`${VERSION}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
    return 2;
  }
  const all = tables(ctx);
  const t =
    table === 'nat' ? all.nat : table === 'filter' ? all.filter : table === 'mangle' || table === 'raw' ? emptyTable(table) : undefined;
  if (!t) {
    ctx.stderr(`iptables v1.8.9 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`);
    return 3;
  }
  if (chain !== undefined && !t.builtins.includes(chain) && !t.chains.includes(chain)) {
    ctx.stderr(`${VERSION}: chain \`${chain}' in table \`${t.name}' is incompatible, use 'nft' tool.\n`);
    return 1;
  }
  ctx.stdout(command === 'S' ? specLines(t, chain) : listChains(t, chain, numeric, verbose));
  return 0;
};

function emptyTable(name: string): Table {
  const builtins = name === 'raw' ? ['PREROUTING', 'OUTPUT'] : ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];
  return { name: name as Table['name'], builtins, chains: [], rules: [] };
}

export const iptablesSave: Tool = (ctx) => {
  const args = ctx.argv.slice(1);
  let only: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') only = args[++i];
    else if (a.startsWith('--table=')) only = a.slice('--table='.length);
    else if (a === '-c' || a === '--counters') continue;
    else {
      ctx.stderr(`Unknown arguments found on commandline\n`);
      return 1;
    }
  }
  const all = tables(ctx);
  const stamp = ctime(ctx.world.clock.now());
  const chosen = [all.filter, all.nat].filter((t) => only === undefined || t.name === only);
  if (only !== undefined && chosen.length === 0) {
    ctx.stderr(`iptables-save v1.8.9 (nf_tables): Cannot initialize: table '${only}' does not exist\n`);
    return 1;
  }
  ctx.stdout(chosen.map((t) => saveTable(t, stamp)).join(''));
  return 0;
};
