// sysctl: procps-ng's (nodes, Debian-like images) or BusyBox's applet, reading the generated /proc/sys files
// (os/fs/proc-sys.ts). Writing a parameter is not simulated: it says so in one line.
import { SYSCTL_KEYS, sysctlPath } from '../../os/fs/proc-sys.ts';
import { toolEnv } from '../net/where.ts';
import type { Tool, ToolContext } from '../tool.ts';

/** "net/ipv4/ip_forward" and "net.ipv4.ip_forward" name the same key; sysctl prints the dotted form. */
const dotted = (name: string) => name.replace(/^\/?(proc\/sys\/)?/, '').replace(/\//g, '.');

function read(ctx: ToolContext, key: string): string | undefined {
  const text = ctx.fs.read(sysctlPath(key));
  return text === undefined ? undefined : text.replace(/\n$/, '');
}

/** The modelled keys at or under `key` that this host has, in sysctl -a order. */
function keysUnder(ctx: ToolContext, key: string): string[] {
  return SYSCTL_KEYS.map((k) => k.key).filter((k) => (key === '' || k === key || k.startsWith(`${key}.`)) && read(ctx, k) !== undefined);
}

export const sysctl: Tool = (ctx) => {
  const bb = toolEnv(ctx, 'sysctl').flavour === 'busybox';
  const flags = new Set<string>();
  const names: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (/^-[a-zA-Z]+$/.test(a)) for (const f of a.slice(1)) flags.add(f);
    else if (a === '--all') flags.add('a');
    else if (a === '--values') flags.add('n');
    else if (a === '--names') flags.add('N');
    else if (a === '--write') flags.add('w');
    else names.push(a);
  }
  const all = flags.has('a') || flags.has('A') || flags.has('X');
  if (flags.has('p') || flags.has('w') || names.some((n) => n.includes('='))) {
    ctx.stderr('podlab: sysctl: changing kernel parameters is not simulated (podlab shows them read-only)\n');
    return 1;
  }
  if (names.length === 0 && !all) {
    // procps-ng 4.0.2 complains (status 0); BusyBox 1.35 prints nothing at all.
    if (!bb) ctx.stderr("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    return 0;
  }
  const line = (k: string, v: string) => (flags.has('n') ? `${v}\n` : flags.has('N') ? `${k}\n` : `${k} = ${v}\n`);
  let status = 0;
  if (all) {
    // Only the keys podlab models: a real sysctl -a lists about a thousand; say so rather than pretend.
    ctx.stderr('podlab: sysctl -a: only the parameters podlab models are listed\n');
    for (const k of keysUnder(ctx, '')) ctx.stdout(line(k, read(ctx, k) ?? ''));
    return 0;
  }
  for (const name of names) {
    const key = dotted(name);
    const value = read(ctx, key);
    if (value !== undefined) {
      ctx.stdout(line(key, value));
      continue;
    }
    const under = keysUnder(ctx, key);
    if (under.length > 0 && !bb) {
      for (const k of under) ctx.stdout(line(k, read(ctx, k) ?? ''));
      continue;
    }
    if (flags.has('e')) continue;
    if (bb) ctx.stderr(`sysctl: error: '${key}' is an unknown key\n`);
    else ctx.stderr(`sysctl: cannot stat ${sysctlPath(key)}: No such file or directory\n`);
    status = 1;
  }
  return status;
};
