// Who and where: hostname (-i -I -s -f), whoami, id, uname (-a -s -n -r -v -m -o).
import type { ToolContext, ToolInfo } from '../tool.ts';
import type { HostInfo } from '../../os/host-info.ts';
import { usageError } from './kit.ts';
import { parseOptions } from './options.ts';

function info(ctx: ToolContext): HostInfo | undefined {
  return ctx.hostInfo();
}

export const hostname: ToolInfo = {
  name: 'hostname',
  on: 'everywhere',
  summary: 'show the host name or addresses',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, {
      flags: 'iIsfdAaF',
      long: { 'ip-address': 'i', 'all-ip-addresses': 'I', short: 's', fqdn: 'f', long: 'f' },
    });
    if ('error' in o) return usageError(ctx, o.error, '[-sidf] [HOSTNAME | -F FILE]');
    const h = info(ctx);
    if (!h) return 1;
    const ip = ctx.net.addressOf(h.netns) ?? '127.0.0.1';
    if (o.flags.has('I')) ctx.stdout(`${ip} \n`);
    else if (o.flags.has('i')) ctx.stdout(`${ip}\n`);
    else if (o.flags.has('s')) ctx.stdout(`${h.hostname.split('.')[0]}\n`);
    else if (o.flags.has('f') && h.pod?.spec.subdomain) {
      const ns = h.pod.metadata.namespace ?? 'default';
      ctx.stdout(`${h.hostname}.${h.pod.spec.subdomain}.${ns}.svc.${ctx.cluster.domain}\n`);
    } else ctx.stdout(`${h.hostname}\n`);
    return 0;
  },
};

export const whoami: ToolInfo = {
  name: 'whoami',
  on: 'everywhere',
  summary: 'print the user name',
  run: (ctx) => {
    ctx.stdout(`${ctx.env.USER ?? 'root'}\n`);
    return 0;
  },
};

const ID_GROUPS: Record<string, string> = {
  centos: 'groups=0(root)',
  debian: 'groups=0(root)',
  ubuntu: 'groups=0(root)',
  busybox: 'groups=0(root),10(wheel)',
  alpine: 'groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)',
};

export const id: ToolInfo = {
  name: 'id',
  on: 'everywhere',
  summary: 'print user and group ids',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, { flags: 'ugGnr' });
    if ('error' in o) return usageError(ctx, o.error, '[-ugGnr] [USER]');
    const n = o.flags.has('n');
    if (o.flags.has('u') || o.flags.has('g') || o.flags.has('G')) ctx.stdout(n ? 'root\n' : '0\n');
    else ctx.stdout(`uid=0(root) gid=0(root) ${ID_GROUPS[info(ctx)?.os.id ?? 'debian']}\n`);
    return 0;
  },
};

export const uname: ToolInfo = {
  name: 'uname',
  on: 'everywhere',
  summary: 'print system information',
  run: (ctx) => {
    const o = parseOptions(ctx.argv, {
      flags: 'asnrvmpio',
      long: {
        all: 'a',
        'kernel-name': 's',
        nodename: 'n',
        'kernel-release': 'r',
        'kernel-version': 'v',
        machine: 'm',
        'operating-system': 'o',
      },
    });
    if ('error' in o) return usageError(ctx, o.error, '[-amnrspvio]');
    const h = info(ctx);
    if (!h) return 1;
    const os = h.os.id === 'alpine' ? 'Linux' : 'GNU/Linux';
    const fields: Record<string, string> = {
      s: 'Linux',
      n: h.hostname,
      r: h.kernel.release,
      v: h.kernel.version,
      m: 'x86_64',
      p: h.os.id === 'centos' ? 'x86_64' : 'unknown',
      i: h.os.id === 'centos' ? 'x86_64' : 'unknown',
      o: os,
    };
    let keys = [...'snrvmpio'].filter((k) => o.flags.has(k));
    // -a: coreutils omits -p and -i when unknown (CentOS 7's older coreutils knows them).
    if (o.flags.has('a')) keys = [...'snrvm', ...(h.os.id === 'centos' ? ['p', 'i'] : []), 'o'];
    if (keys.length === 0) keys = ['s'];
    ctx.stdout(`${keys.map((k) => fields[k]).join(' ')}\n`);
    return 0;
  },
};
