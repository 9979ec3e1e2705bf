// GNU Wget 1.21 (nodes): the "--date--  URL" header, Resolving/Connecting lines, retries, dot progress, exit codes
// 4 (network) and 8 (server error). Checked against GNU Wget 1.21.3 in the reference lab.
import { gaiMessage } from '../lookup.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { strerror } from '../errno.ts';
import { getopt } from '../../getopt.ts';
import { bodyBytes, header } from '../http.ts';
import { formatUrl, isIpv4, parseUrl, type ParsedUrl } from '../url.ts';
import { resolvePath, toolEnv, type ToolEnv } from '../where.ts';
import { connectFor, remoteName, request, resolveFor } from './fetch.ts';

const p2 = (n: number) => String(n).padStart(2, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** "263M" style rate for the dot progress line, from bytes and seconds. */
function rate(bytes: number, seconds: number): { short: string; long: string } {
  const bps = bytes / Math.max(seconds, 1e-6);
  const units: [number, string, string][] = [
    [1024 ** 3, 'G', 'GB/s'],
    [1024 ** 2, 'M', 'MB/s'],
    [1024, 'K', 'KB/s'],
  ];
  const fixed = (x: number) => x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2);
  for (const [n, s, l] of units) if (bps >= n) return { short: `${fixed(bps / n)}${s}`, long: `${fixed(bps / n)} ${l}` };
  return { short: `${Math.round(bps)}`, long: `${bps.toFixed(2)} B/s` };
}

interface GnuOpts {
  quiet: boolean;
  output?: string;
  spider: boolean;
  timeoutMs?: number;
  tries: number;
}

function fetchOne(ctx: ToolContext, env: ToolEnv, first: ParsedUrl, o: GnuOpts): number {
  const say = (t: string) => {
    if (!o.quiet) ctx.stderr(t);
  };
  let u = first;
  if (o.spider) say('Spider mode enabled. Check if remote file exists.\n');
  for (let attempt = 1, hops = 0; ;) {
    say(`--${stamp(ctx.world.clock.now())}--  ${attempt > 1 ? `(try:${String(attempt).padStart(2, ' ')})  ` : ''}${formatUrl(u)}\n`);
    let ip = u.host;
    const hostLabel = isIpv4(u.host) ? `${u.host}:${u.port}` : `${u.host} (${u.host})|${ip}|:${u.port}`;
    if (!isIpv4(u.host)) {
      const r = resolveFor(ctx, env, u.host);
      if (!r.ok) {
        if (r.aborted) return 0;
        say(`Resolving ${u.host} (${u.host})... failed: ${gaiMessage(r.rcode)}.\n`);
        say(`wget: unable to resolve host address ‘${u.host}’\n`);
        return 4;
      }
      ip = r.ip;
      say(`Resolving ${u.host} (${u.host})... ${ip}\n`);
    }
    say(`Connecting to ${isIpv4(u.host) ? hostLabel : `${u.host} (${u.host})|${ip}|:${u.port}`}... `);
    const c = connectFor(ctx, env, ip, u.port, o.timeoutMs ?? 900_000);
    if (!c.ok && 'aborted' in c) return 0;
    const retry = (why: string): number | undefined => {
      say(`${why}\n`);
      if (attempt >= o.tries) {
        say('Giving up.\n\n');
        return 4;
      }
      say('Retrying.\n\n');
      if (!ctx.sleep(Math.min(attempt, 10) * 1000)) return 0;
      attempt++;
      return undefined;
    };
    if (!c.ok) {
      if (c.errno === 'ECONNREFUSED') {
        say(`failed: ${strerror(c.errno)}.\n`);
        return 4;
      }
      const r = retry(`failed: ${strerror(c.errno)}.`);
      if (r !== undefined) return r;
      continue;
    }
    say('connected.\n');
    const res = request(ctx, c.conn, u, o.spider ? 'HEAD' : 'GET', 'Wget/1.21.3', [
      ['Accept', '*/*'],
      ['Accept-Encoding', 'identity'],
      ['Connection', 'Keep-Alive'],
    ]);
    if (!ctx.sleep(c.conn.rttMs)) return 0;
    say('HTTP request sent, awaiting response... ');
    if (!res) {
      const r = retry('No data received.');
      if (r !== undefined) return r;
      continue;
    }
    say(`${res.status} ${res.reason}\n`);
    const location = header(res, 'Location');
    if (res.status >= 300 && res.status < 400 && location && hops++ < 20) {
      say(`Location: ${location} [following]\n`);
      const next = parseUrl(
        location.startsWith('/')
          ? `${u.scheme}://${u.host}${u.explicitPort !== undefined ? `:${u.explicitPort}` : ''}${location}`
          : location,
      );
      if (!next) return 1;
      u = next;
      continue;
    }
    if (res.status >= 400) {
      say(`${stamp(ctx.world.clock.now())} ERROR ${res.status}: ${res.reason}.\n\n`);
      return 8;
    }
    const length = header(res, 'Content-Length');
    const type = header(res, 'Content-Type');
    say(`Length: ${length ?? 'unspecified'}${type ? ` [${type}]` : ''}\n`);
    if (o.spider) {
      say('Remote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n');
      return 0;
    }
    const toStdout = o.output === '-';
    const fs = ctx.world.fs(ctx.host);
    let name = o.output ?? remoteName(u);
    if (o.output === undefined) for (let n = 1; fs.read(resolvePath(ctx, name)) !== undefined; n++) name = `${remoteName(u)}.${n}`;
    say(`Saving to: ‘${toStdout ? 'STDOUT' : name}’\n\n`);
    const size = bodyBytes(res.body);
    const seconds = Math.max(c.conn.rttMs, 0.001) / 1000;
    const speed = rate(size, seconds);
    say(`${`${Math.floor(size / 1024)}K`.padStart(7, ' ')} ${' '.repeat(54)}100% ${speed.short.padStart(5, ' ')}=0s\n\n`);
    if (toStdout) ctx.stdout(res.body);
    else fs.write(resolvePath(ctx, name), res.body);
    say(
      `${stamp(ctx.world.clock.now())} (${speed.long}) - ${toStdout ? 'written to stdout' : `‘${name}’ saved`} [${size}/${length ?? size}]\n\n`,
    );
    return 0;
  }
}

export const gnuWget: Tool = (ctx) => {
  const env = toolEnv(ctx, 'wget');
  const p = getopt(ctx.argv.slice(1), {
    flags: 'qS',
    withValue: 'OTt',
    long: {
      spider: { key: 'spider', value: false },
      timeout: { key: 'T', value: true },
      tries: { key: 't', value: true },
      'output-document': { key: 'O', value: true },
      quiet: { key: 'q', value: false },
    },
  });
  if (!p.ok) {
    ctx.stderr(
      `wget: ${p.kind === 'unknown' ? `unrecognized option '${p.option}'` : `option requires an argument -- '${p.option.replace(/^-+/, '')}'`}\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`,
    );
    return 2;
  }
  if (p.args.length === 0) {
    ctx.stderr("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  const o: GnuOpts = { quiet: false, spider: false, tries: 20 };
  for (const { key, value = '' } of p.opts) {
    if (key === 'q') o.quiet = true;
    if (key === 'O') o.output = value;
    if (key === 'T') o.timeoutMs = Number(value) * 1000;
    if (key === 't') o.tries = Number(value) || 20;
    if (key === 'spider') o.spider = true;
  }
  let code = 0;
  for (const text of p.args) {
    const u = parseUrl(text);
    if (!u) {
      ctx.stderr(`${text}: Invalid URL.\n`);
      code = 1;
      continue;
    }
    code = fetchOne(ctx, env, u, o);
  }
  return code;
};
