// BusyBox wget: "Connecting to", the one-line progress bar, "saved"; errors as transcripts/wget-busybox-*.txt.
import type { Tool, ToolContext } from '../../tool.ts';
import { busyboxUsage } from '../busybox-usage.ts';
import { strerror } from '../errno.ts';
import { getopt } from '../../getopt.ts';
import { bodyBytes, header } from '../http.ts';
import { parseUrl, type ParsedUrl } from '../url.ts';
import { resolvePath, toolEnv, type ToolEnv } from '../where.ts';
import { connectFor, remoteName, request, resolveFor } from './fetch.ts';

/** The final frame of BusyBox's progress bar for a finished download (80 columns). */
export function busyboxBar(name: string, size: number, tty: boolean, columns = 80): string {
  const bar = '*'.repeat(Math.max(0, columns - 48));
  const sz = size < 100000 ? String(size).padStart(5, ' ') : `${String(Math.floor(size / 1024)).padStart(4, ' ')}k`;
  return `${tty ? '\r' : ''}${name.slice(0, 20).padEnd(20, ' ')} 100% |${bar}| ${sz}  0:00:00 ETA\n`;
}

function fail(ctx: ToolContext, msg: string): number {
  ctx.stderr(`wget: ${msg}\n`);
  return 1;
}

function fetchOne(
  ctx: ToolContext,
  env: ToolEnv,
  first: ParsedUrl,
  o: { quiet: boolean; output?: string; spider: boolean; timeoutMs?: number; ua: string },
): number {
  let u = first;
  for (let hops = 0; hops < 20; hops++) {
    const r = resolveFor(ctx, env, u.host);
    if (!r.ok) return r.aborted ? 0 : fail(ctx, `bad address '${u.host}'`);
    const hostPort = u.explicitPort !== undefined ? `${u.host}:${u.explicitPort}` : u.host;
    if (!o.quiet) ctx.stderr(`Connecting to ${hostPort} (${r.ip}:${u.port})\n`);
    const c = connectFor(ctx, env, r.ip, u.port, o.timeoutMs);
    if (!c.ok) {
      if ('aborted' in c) return 0;
      if (c.timedOut) return fail(ctx, 'download timed out');
      return fail(ctx, `can't connect to remote host (${r.ip}): ${strerror(c.errno, env.libc)}`);
    }
    const res = request(ctx, c.conn, u, o.spider ? 'HEAD' : 'GET', o.ua, [['Connection', 'close']]);
    if (!ctx.sleep(c.conn.rttMs)) return 0;
    if (!res) return fail(ctx, 'error getting response');
    const location = header(res, 'Location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = parseUrl(
        location.startsWith('/')
          ? `${u.scheme}://${u.host}${u.explicitPort !== undefined ? `:${u.explicitPort}` : ''}${location}`
          : location,
      );
      if (!next) return fail(ctx, `not an http or ftp url: ${location}`);
      u = next;
      continue;
    }
    if (res.status >= 400 || res.status < 200) return fail(ctx, `server returned error: HTTP/1.1 ${res.status} ${res.reason}`);
    if (o.spider) {
      if (!o.quiet) ctx.stderr('remote file exists\n');
      return 0;
    }
    const toStdout = o.output === '-';
    const name = o.output ?? remoteName(u);
    const fs = ctx.world.fs(ctx.host);
    const path = resolvePath(ctx, name);
    if (!toStdout && o.output === undefined && fs.read(path) !== undefined) return fail(ctx, `can't open '${name}': File exists`);
    if (!o.quiet) ctx.stderr(toStdout ? 'writing to stdout\n' : `saving to '${name}'\n`);
    if (toStdout) ctx.stdout(res.body);
    else fs.write(path, res.body);
    if (!o.quiet) {
      ctx.stderr(busyboxBar(toStdout ? '-' : name, bodyBytes(res.body), ctx.tty));
      ctx.stderr(toStdout ? 'written to stdout\n' : `'${name}' saved\n`);
    }
    return 0;
  }
  return fail(ctx, 'too many redirections');
}

export const busyboxWget: Tool = (ctx) => {
  const env = toolEnv(ctx, 'wget');
  const p = getopt(ctx.argv.slice(1), {
    flags: 'qcS',
    withValue: 'OTUPo',
    long: {
      spider: { key: 'spider', value: false },
      timeout: { key: 'T', value: true },
      'output-document': { key: 'O', value: true },
      quiet: { key: 'q', value: false },
      'user-agent': { key: 'U', value: true },
      header: { key: 'header', value: true },
      'no-check-certificate': { key: 'k', value: false },
    },
  });
  if (!p.ok || p.args.length === 0) {
    if (!p.ok)
      ctx.stderr(
        p.kind === 'unknown'
          ? `wget: unrecognized option '${p.option}'\n`
          : `wget: option requires an argument -- '${p.option.replace(/^-+/, '')}'\n`,
      );
    ctx.stderr(busyboxUsage(env.busybox?.banner, 'wget'));
    return 1;
  }
  const o = {
    quiet: false,
    spider: false,
    ua: 'Wget',
    output: undefined as string | undefined,
    timeoutMs: undefined as number | undefined,
  };
  for (const { key, value = '' } of p.opts) {
    if (key === 'q') o.quiet = true;
    if (key === 'O') o.output = value;
    if (key === 'T') o.timeoutMs = Number(value) * 1000;
    if (key === 'U') o.ua = value;
    if (key === 'spider') o.spider = true;
  }
  let code = 0;
  for (const text of p.args) {
    const u = parseUrl(text);
    if (!u || (u.scheme !== 'http' && u.scheme !== 'https')) {
      code = fail(ctx, `not an http or ftp url: ${text}`);
      continue;
    }
    code = fetchOne(ctx, env, u, o);
    if (code !== 0) break;
  }
  return code;
};
