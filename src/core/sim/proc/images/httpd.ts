// The httpd (Apache) image: httpd-foreground serves "It works!" on :80, after the AH00558 warnings.
import type { HttpRequest, HttpResponse } from '../../contracts.ts';
import { DEBIAN_COMMANDS } from './applets.ts';
import type { ImageFamily, Program } from './family.ts';
import { byteLength, clfStamp, httpDate } from './http-date.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion } from './reference.ts';
import { Timeline } from './timeline.ts';

const IT_WORKS = '<html><body><h1>It works!</h1></body></html>\n';
const NOT_FOUND =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
/** htdocs/index.html's mtime in the image (the file has not changed since 2007). */
const INDEX_MTIME = Date.parse('2007-06-11T18:53:14Z');

function apacheStamp(ms: number): string {
  const d = new Date(ms);
  const s = d.toUTCString(); // "Mon, 01 Jan 2024 00:00:05 GMT"
  const [dow, day, mon, year, time] = s.replace(',', '').split(' ');
  return `[${dow} ${mon} ${day} ${time}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')} ${year}]`;
}

const foreground: Program = (env) => {
  const tl = new Timeline();
  const ip = env.podAddress() ?? '127.0.0.1';
  const warn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
  tl.log(warn);
  tl.log(warn);
  const now = env.clock.now();
  tl.log(`${apacheStamp(now)} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`);
  tl.log(`${apacheStamp(now)} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`);
  const server = 'Apache/2.4.62 (Unix)';
  const http = (req: HttpRequest): HttpResponse => {
    const date = httpDate(env.clock.now());
    const path = req.path.split('?')[0];
    const head = req.method === 'HEAD';
    const res: HttpResponse =
      path === '/' || path === '/index.html'
        ? {
            status: 200,
            reason: 'OK',
            headers: [
              ['Date', date],
              ['Server', server],
              ['Last-Modified', httpDate(INDEX_MTIME)],
              ['ETag', '"2d-432a5e4a73a80"'],
              ['Accept-Ranges', 'bytes'],
              ['Content-Length', String(byteLength(IT_WORKS))],
              ['Content-Type', 'text/html'],
            ],
            body: IT_WORKS,
          }
        : {
            status: 404,
            reason: 'Not Found',
            headers: [
              ['Date', date],
              ['Server', server],
              ['Content-Length', String(byteLength(NOT_FOUND))],
              ['Content-Type', 'text/html; charset=iso-8859-1'],
            ],
            body: NOT_FOUND,
          };
    if (!req.unlogged)
      tl.lines.push({
        at: env.clock.now() - env.startMs,
        line: `${req.clientIp} - - [${clfStamp(env.clock.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${byteLength(res.body)}`,
      });
    return head ? { ...res, body: '' } : res;
  };
  tl.listeners.push({ port: 80, protocol: 'TCP', process: 'httpd', http });
  return tl.toRun(env.clock, env.startMs, { stopMs: 200 });
};

export const httpdFamily: ImageFamily = {
  repositories: ['httpd'],
  facts: (ref) => {
    if (!['latest', 'alpine', 'bookworm'].includes(ref.tag) && !(tagVersion(ref.tag)?.[0] === 2)) return undefined;
    return {
      info: {
        repository: 'httpd',
        shells: ['sh', 'bash'],
        commands: [...DEBIAN_COMMANDS, 'httpd', 'httpd-foreground', 'apachectl'],
        prompt: 'bash',
        workdir: '/usr/local/apache2',
        pullMs: pullTime('httpd', ref.tag, 6100),
        sizeBytes: 58_000_000,
      },
      entrypoint: [],
      cmd: ['httpd-foreground'],
      toolset: { libc: 'glibc' },
      version: '2.4.62',
    };
  },
  programs: { 'httpd-foreground': foreground },
};
