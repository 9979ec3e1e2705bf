// curl 7.88.1 over the simulated network: output, progress meter, -v trace, -w, -o/-O, -i/-I, -f, -L, exit codes.
import type { HttpResponse } from '../../../../contracts.ts';
import type { Tool, ToolContext } from '../../tool.ts';
import { formatUrl, parseUrl, type ParsedUrl } from '../url.ts';
import { resolvePath, toolEnv } from '../where.ts';
import { header, responseHead } from '../http.ts';
import { Meter } from './meter.ts';
import { CURL_HELP, CURL_VERSION, parseCurl } from './options.ts';
import { transfer, type TransferIo } from './transfer.ts';
import { Trace } from './verbose.ts';
import { Waiter } from './waiter.ts';
import { writeOut, type WriteOutVars } from './write-out.ts';

/** The response head for stdout; header names in bold on a terminal, as curl 7.88 styles them. */
function headBlock(res: HttpResponse, bold: boolean): string {
  if (!bold) return responseHead(res);
  return `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `\x1b[1m${k}\x1b[0m: ${v}\r\n`).join('')}\r\n`;
}

/** Write the body where -o/-O says; false (curl 23) if the file cannot be written. */
function deliver(ctx: ToolContext, target: string | undefined, body: string): boolean {
  if (target === undefined) {
    ctx.stdout(body);
    return true;
  }
  if (target === '/dev/null') return true;
  try {
    ctx.world.fs(ctx.host).write(resolvePath(ctx, target), body);
    return true;
  } catch {
    return false;
  }
}

export const curl: Tool = (ctx) => {
  const parsed = parseCurl(ctx.argv.slice(1));
  if (!parsed.ok) {
    ctx.stderr(parsed.message);
    return 2;
  }
  const o = parsed.options;
  if (o.help) return (ctx.stdout(CURL_HELP), 0);
  if (o.version) return (ctx.stdout(CURL_VERSION), 0);
  const toStdout = o.output === undefined && !o.remoteName;
  const meter = new Meter(!o.silent && !o.noMeter && !(toStdout && ctx.tty), (t) => ctx.stderr(t));
  const trace = new Trace(o.verbose, (t) => ctx.stderr(t));
  const fail = (code: number, message: string) => {
    if (code !== 0 && (!o.silent || o.showError)) ctx.stderr(`curl: (${code}) ${message}\n`);
    return code;
  };
  let exit = 0;
  for (const text of o.urls) {
    const first = parseUrl(text);
    if (!first) {
      exit = fail(3, 'URL using bad/illegal format or missing URL');
      continue;
    }
    if (first.scheme !== 'http' && first.scheme !== 'https') {
      exit = fail(1, `Protocol "${first.scheme}" not supported or disabled in libcurl`);
      continue;
    }
    const remoteName = first.path.split('?')[0].split('/').pop() ?? '';
    if (o.remoteName && !remoteName) {
      ctx.stderr('curl: Remote file name has no length!\n');
      exit = fail(23, 'Failed writing received data to disk/application');
      continue;
    }
    const waiter = new Waiter(ctx, meter);
    const io: TransferIo = { ctx, env: toolEnv(ctx, 'curl'), o, meter, trace, waiter, cache: {} };
    meter.start();
    let u: ParsedUrl = first;
    let redirects = 0;
    let reuse = false;
    const vars: WriteOutVars = {
      http_code: 0,
      remote_ip: '',
      remote_port: 0,
      local_ip: '',
      size_download: 0,
      size_header: 0,
      time_namelookup: 0,
      time_connect: 0,
      time_starttransfer: 0,
      time_total: 0,
      content_type: '',
      url_effective: formatUrl(first),
      num_redirects: 0,
      redirect_url: '',
      exitcode: 0,
      errormsg: '',
      method: 'GET',
    };
    for (;;) {
      const r = transfer(io, u, reuse);
      if (waiter.aborted) return 0;
      vars.url_effective = formatUrl(u);
      if (!r.ok) {
        if (r.ip) {
          meter.done({
            elapsedMs: waiter.elapsed,
            downloaded: 0,
            expected: r.res ? Number(header(r.res, 'Content-Length') ?? 0) || undefined : undefined,
          });
          trace.info('Closing connection 0');
          vars.remote_ip = r.res ? r.ip : '';
          vars.http_code = r.res?.status ?? 0;
        }
        vars.exitcode = r.code;
        vars.errormsg = r.message;
        exit = fail(r.code, r.message);
        break;
      }
      const res = r.res;
      Object.assign(vars, {
        http_code: res.status,
        remote_ip: r.ip,
        remote_port: u.port,
        size_download: r.bytes,
        size_header: responseHead(res).length,
        time_connect: r.connectMs / 1000,
        time_starttransfer: r.totalMs / 1000,
        time_total: r.totalMs / 1000,
        content_type: header(res, 'Content-Type') ?? '',
        num_redirects: redirects,
      });
      const location = header(res, 'Location');
      const redirect = res.status >= 300 && res.status < 400 && location !== undefined;
      if (redirect) vars.redirect_url = location;
      if (o.head || o.include) ctx.stdout(headBlock(res, ctx.tty && toStdout));
      if (o.follow && redirect) {
        trace.info('Ignoring the response-body');
        if (!ctx.tty || !toStdout) trace.data(r.bytes);
        trace.info(`Connection #0 to host ${u.host} left intact`);
        const next = parseUrl(
          location.startsWith('/')
            ? `${u.scheme}://${u.host}${u.explicitPort !== undefined ? `:${u.explicitPort}` : ''}${location}`
            : location,
        );
        if (!next || ++redirects > 50) {
          exit = fail(47, 'Maximum (50) redirects followed');
          break;
        }
        trace.info(`Issue another request to this URL: '${formatUrl(next)}'`);
        reuse = next.host === u.host && next.port === u.port && !r.closes;
        if (reuse) {
          trace.info('Found bundle for host: 0x55d4c2f1e2a0 [serially]');
          trace.info('Can not multiplex, even if we wanted to');
          trace.info(`Re-using existing connection #0 with host ${u.host}`);
        }
        u = next;
        continue;
      }
      if (!o.head) {
        if (!ctx.tty || !toStdout) trace.data(r.bytes);
        if (!deliver(ctx, o.remoteName ? remoteName : o.output, res.body)) {
          exit = fail(23, 'Failure writing output to destination');
          break;
        }
      }
      meter.done({
        elapsedMs: waiter.elapsed,
        downloaded: r.bytes,
        expected: Number(header(res, 'Content-Length') ?? NaN) || (header(res, 'Content-Length') === '0' ? 0 : undefined),
      });
      trace.info(r.closes ? 'Closing connection 0' : `Connection #0 to host ${u.host} left intact`);
      vars.num_redirects = redirects;
      exit = 0;
      break;
    }
    if (o.writeOut !== undefined) ctx.stdout(writeOut(o.writeOut, vars));
  }
  return exit;
};
