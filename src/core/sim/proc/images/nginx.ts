// The nginx image: docker-entrypoint.sh's configuration log, then nginx on :80 serving the welcome page, with
// access and error log lines for every request, and `[emerg] bind()` when port 80 is taken.
import type { HttpRequest, HttpResponse, Listener } from '../../contracts.ts';
import { ALPINE_APPLETS, DEBIAN_COMMANDS } from './applets.ts';
import type { ImageFacts, ImageFamily, Program } from './family.ts';
import { byteLength, clfStamp, etag, httpDate, slashStamp } from './http-date.ts';
import { NGINX_WELCOME, nginxErrorPage } from './nginx-pages.ts';
import type { ProcessEnv } from './process-env.ts';
import { pullTime } from './pull-time.ts';
import { tagVariant, tagVersion, type CatalogRef } from './reference.ts';
import { prependLogs, Timeline } from './timeline.ts';

/** Releases by minor version: the newest patch and when its package (and so index.html) was built. */
const RELEASES: Record<string, { version: string; built: string }> = {
  '1.27': { version: '1.27.3', built: '2024-11-26T15:55:00Z' },
  '1.26': { version: '1.26.2', built: '2024-08-14T11:12:00Z' },
  '1.25': { version: '1.25.5', built: '2024-04-16T12:30:00Z' },
  '1.24': { version: '1.24.0', built: '2023-04-11T13:05:00Z' },
  '1.23': { version: '1.23.4', built: '2023-03-28T15:01:00Z' },
  '1.22': { version: '1.22.1', built: '2022-10-19T10:56:00Z' },
  '1.21': { version: '1.21.6', built: '2022-01-25T15:03:00Z' },
  '1.20': { version: '1.20.2', built: '2021-11-16T14:44:00Z' },
  '1.19': { version: '1.19.10', built: '2021-04-13T15:13:00Z' },
  '1.18': { version: '1.18.0', built: '2020-04-21T14:09:00Z' },
};
const ALIASES: Record<string, string> = {
  latest: '1.27',
  mainline: '1.27',
  stable: '1.26',
  perl: '1.27',
  alpine: '1.27',
  'alpine-slim': '1.27',
  bookworm: '1.27',
  'alpine-perl': '1.27',
};
const VARIANTS = ['', 'alpine', 'alpine-slim', 'alpine-perl', 'perl', 'bookworm', 'bullseye', 'otel', 'alpine-otel'];

function nginxFacts(ref: CatalogRef): ImageFacts | undefined {
  const v = tagVersion(ref.tag);
  const minor = v ? `${v[0]}.${v[1] ?? ''}` : (ALIASES[ref.tag.split('-')[0]] ?? ALIASES[ref.tag]);
  const rel = minor ? RELEASES[minor] : undefined;
  const variant = v ? tagVariant(ref.tag) : ref.tag in ALIASES && ref.tag.includes('alpine') ? ref.tag : '';
  if (!rel || !VARIANTS.includes(variant)) return undefined;
  const version = v && v.length >= 3 ? v.join('.') : rel.version;
  const alpine = variant.startsWith('alpine');
  const base = alpine ? ALPINE_APPLETS : DEBIAN_COMMANDS;
  const commands = [...base, 'nginx', 'nginx-debug', 'docker-entrypoint.sh', 'envsubst', ...(variant === 'alpine-slim' ? [] : ['curl'])];
  return {
    info: {
      repository: 'nginx',
      shells: alpine ? ['sh', 'ash'] : ['sh', 'bash'],
      commands,
      prompt: alpine ? 'sh' : 'bash',
      workdir: '/',
      pullMs: pullTime('nginx', ref.tag, alpine ? 4200 : 7400),
      sizeBytes: alpine ? 20_500_000 : 72_100_000,
    },
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    toolset: alpine
      ? {
          libc: 'musl',
          busybox: { applets: ALPINE_APPLETS, banner: 'BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.', ncBloaty: true },
        }
      : { libc: 'glibc' },
    version,
    builtMs: Date.parse(rel.built),
  };
}

function versionOf(facts: ImageFacts): { version: string; builtMs: number } {
  return { version: facts.version ?? '1.27.3', builtMs: facts.builtMs ?? Date.parse('2024-11-26T15:55:00Z') };
}

const ENTRYPOINT_LOG = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

/** The entrypoint's lines for this version: 15-local-resolvers.envsh ships from 1.25.3 on (docker-nginx, Oct 2023). */
function entrypointLog(facts: ImageFacts): string[] {
  const [major = 1, minor = 27, patch = 3] = (facts.version ?? '1.27.3').split('.').map(Number);
  const resolvers = major > 1 || minor > 25 || (minor === 25 && patch >= 3);
  return resolvers ? ENTRYPOINT_LOG : ENTRYPOINT_LOG.filter((l) => !l.includes('15-local-resolvers'));
}

/**
 * /docker-entrypoint.sh: configure when the command is nginx, then exec the command either way. Its `entrypoint_log`
 * prints nothing when NGINX_ENTRYPOINT_QUIET_LOGS is set and not empty (nginxinc/docker-nginx
 * entrypoint/docker-entrypoint.sh).
 */
const entrypoint: Program = (env) => {
  const rest = env.argv.slice(1);
  if (rest.length === 0) {
    const tl = new Timeline();
    tl.exit(0); // `exec` with nothing to run
    return tl.toRun(env.clock, env.startMs);
  }
  const run = env.exec(rest);
  if (rest[0] !== 'nginx' && rest[0] !== 'nginx-debug') return run;
  return env.vars.NGINX_ENTRYPOINT_QUIET_LOGS ? run : prependLogs(run, entrypointLog(env.facts), env.startMs);
};

function kernelOf(env: ProcessEnv): string {
  const node = env.node();
  return node?.status?.nodeInfo?.kernelVersion || '6.1.0-28-amd64';
}

/** nginx -g 'daemon off;': the master's notices, two workers, the :80 server, the logs of each request. */
const nginx: Program = (env) => {
  const { version, builtMs } = versionOf(env.facts);
  const tl = new Timeline();
  const stamp = () => slashStamp(env.clock.now());
  const alpine = env.facts.toolset.libc === 'musl';
  for (const l of [
    'using the "epoll" event method',
    `nginx/${version}`,
    alpine ? 'built by gcc 14.2.0 (Alpine 14.2.0) ' : 'built by gcc 12.2.0 (Debian 12.2.0-14) ',
    `OS: Linux ${kernelOf(env)}`,
    'getrlimit(RLIMIT_NOFILE): 1048576:1048576',
    'start worker processes',
    'start worker process 29',
    'start worker process 30',
  ])
    tl.log(`${stamp()} [notice] 1#1: ${l}`);
  let requests = 0;
  const record = (line: string) => tl.lines.push({ at: env.clock.now() - env.startMs, line });
  const http = (req: HttpRequest): HttpResponse => {
    const res = serve(req, version, builtMs, env.clock.now());
    if (req.unlogged) return res;
    requests++;
    if (res.status === 404) {
      record(
        `${stamp()} [error] 29#29: *${requests} open() "/usr/share/nginx/html${req.path.split('?')[0]}" failed (2: No such file or directory), client: ${req.clientIp}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.host}"`,
      );
    }
    const ua = req.headers['User-Agent'] ?? req.headers['user-agent'] ?? '-';
    record(
      `${req.clientIp} - - [${clfStamp(env.clock.now())}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${byteLength(res.body)} "-" "${ua}" "-"`,
    );
    return res;
  };
  const listener: Listener = { port: 80, protocol: 'TCP', process: 'nginx', http };
  tl.listeners.push(listener);
  return tl.toRun(env.clock, env.startMs, {
    stopMs: 100,
    bindError: (l) => {
      const at = (s: number) => slashStamp(env.clock.now() + s * 500);
      const logs: string[] = [];
      for (let i = 0; i < 5; i++) {
        logs.push(
          `${at(i)} [emerg] 1#1: bind() to 0.0.0.0:${l.port} failed (98: Address already in use)`,
          `nginx: [emerg] bind() to 0.0.0.0:${l.port} failed (98: Address already in use)`,
        );
      }
      logs.push(`${at(5)} [emerg] 1#1: still could not bind()`, 'nginx: [emerg] still could not bind()');
      return { afterMs: 2500, code: 1, logs };
    },
  });
};

/** Answer one request the way the default server block does (root /usr/share/nginx/html, index index.html). */
function serve(req: HttpRequest, version: string, builtMs: number, nowMs: number): HttpResponse {
  const path = req.path.split('?')[0];
  const head = req.method === 'HEAD';
  const common: [string, string][] = [
    ['Server', `nginx/${version}`],
    ['Date', httpDate(nowMs)],
    ['Content-Type', 'text/html'],
  ];
  if (path === '/' || path === '/index.html') {
    if (req.method !== 'GET' && !head) return error(405, 'Not Allowed', version, nowMs);
    const size = byteLength(NGINX_WELCOME);
    return {
      status: 200,
      reason: 'OK',
      headers: [
        ...common,
        ['Content-Length', String(size)],
        ['Last-Modified', httpDate(builtMs)],
        ['Connection', 'keep-alive'],
        ['ETag', etag(builtMs, size)],
        ['Accept-Ranges', 'bytes'],
      ],
      body: head ? '' : NGINX_WELCOME,
    };
  }
  const res = error(404, 'Not Found', version, nowMs);
  return head ? { ...res, body: '' } : res;
}

function error(status: number, reason: string, version: string, nowMs: number): HttpResponse {
  const body = nginxErrorPage(status, reason, version);
  return {
    status,
    reason,
    headers: [
      ['Server', `nginx/${version}`],
      ['Date', httpDate(nowMs)],
      ['Content-Type', 'text/html'],
      ['Content-Length', String(byteLength(body))],
      ['Connection', 'keep-alive'],
    ],
    body,
  };
}

export const nginxFamily: ImageFamily = {
  repositories: ['nginx'],
  facts: nginxFacts,
  programs: { 'docker-entrypoint.sh': entrypoint, nginx, 'nginx-debug': nginx },
};
