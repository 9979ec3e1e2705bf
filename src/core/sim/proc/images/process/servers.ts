// Listening programs a container's process can start: `nc -l` (TCP, says nothing) and BusyBox `httpd` (serves files, 404 otherwise).
import type { FileSystem, HttpRequest, HttpResponse, Listener } from '../../../contracts.ts';
import { MemFileSystem } from '../../os/fs/mem-fs.ts';
import { byteLength, etag, httpDate } from '../http-date.ts';
import type { ProcessEnv } from '../process-env.ts';
import type { CmdCtx } from './context.ts';

/** Parse nc's listen forms: `nc -l -p 8080`, `nc -lk -p 8080`, `nc -l 8080` (OpenBSD), `nc -lu -p 53`. */
export function ncListen(args: string[], ctx: CmdCtx): number {
  let listen = false;
  let udp = false;
  let port: number | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-p') port = Number(args[++i]);
    else if (a.startsWith('-') && a.length > 1) {
      if (a.includes('l')) listen = true;
      if (a.includes('u')) udp = true;
      const p = /p(\d+)$/.exec(a);
      if (p) port = Number(p[1]);
    } else rest.push(a);
  }
  if (!listen) return 0; // an outgoing nc from a container script is not simulated
  port ??= Number(rest[rest.length - 1]);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return 1;
  ctx.tl.listeners.push({ port, protocol: udp ? 'UDP' : 'TCP', process: 'nc' });
  ctx.tl.block();
  return 0;
}

const NOT_FOUND =
  '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';

/** The container's files; an empty tree when the world has no filesystems (some tests run without). */
export function containerFiles(env: ProcessEnv): FileSystem {
  try {
    return env.files();
  } catch {
    return new MemFileSystem(() => 0);
  }
}

function readFile(ctx: CmdCtx, path: string): string | undefined {
  return containerFiles(ctx.env).read(path);
}

/** BusyBox httpd: `httpd [-f] [-p [IP:]PORT] [-h HOME]`; without -f it daemonizes and the script goes on. */
export function busyboxHttpd(args: string[], ctx: CmdCtx): number {
  let foreground = false;
  let port = 80;
  let home = ctx.env.container.workingDir ?? ctx.env.facts.info.workdir;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-f') foreground = true;
    else if (a === '-p') port = Number((args[++i] ?? '').split(':').pop());
    else if (a === '-h') home = args[++i] ?? home;
    else if (/^-[fv]+$/.test(a)) foreground ||= a.includes('f');
  }
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return 1;
  const clock = ctx.env.clock;
  const started = ctx.env.startMs + ctx.tl.now;
  const http = (req: HttpRequest): HttpResponse => {
    const date = httpDate(clock.now());
    const path = req.path.split('?')[0];
    const file = `${home.replace(/\/$/, '')}${path.endsWith('/') ? `${path}index.html` : path}`;
    const body = readFile(ctx, file);
    if (body === undefined) {
      return {
        status: 404,
        reason: 'Not Found',
        headers: [
          ['Date', date],
          ['Connection', 'close'],
          ['Content-type', 'text/html'],
        ],
        body: NOT_FOUND,
      };
    }
    const size = byteLength(body);
    return {
      status: 200,
      reason: 'OK',
      headers: [
        ['Date', date],
        ['Connection', 'close'],
        ['Content-type', 'text/html'],
        ['Accept-Ranges', 'bytes'],
        ['Last-Modified', httpDate(started)],
        ['ETag', etag(started, size)],
        ['Content-Length', String(size)],
      ],
      body,
    };
  };
  const listener: Listener = { port, protocol: 'TCP', process: 'httpd', http };
  ctx.tl.listeners.push(listener);
  if (foreground) ctx.tl.block();
  return 0;
}
