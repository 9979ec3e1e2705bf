// registry.k8s.io/e2e-test-images/agnhost: the Kubernetes e2e test server. netexec answers /hostname, /echo,
// /clientip and / on --http-port (8080); serve-hostname answers its hostname on --port (9376); pause waits.
import type { HttpRequest, HttpResponse } from '../../contracts.ts';
import { ALPINE_APPLETS, withoutApplets } from './applets.ts';
import type { ImageFamily, Program } from './family.ts';
import { goNotFound, goText } from './go-http.ts';
import type { ProcessEnv } from './process-env.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion } from './reference.ts';
import { Timeline } from './timeline.ts';

/** agnhost's flags are Go-style: --name=value or --name value. */
function flag(args: string[], name: string, dflt: string): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^--?/, '');
    if (a === name) return args[i + 1] ?? dflt;
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return dflt;
}

/** klog's header: "I0101 00:00:05.000000       1 netexec.go:178] ". */
function klog(ms: number, file: string): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `I${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}       1 ${file}] `;
}

/** Go's log.LstdFlags header: "2006/01/02 15:04:05 ". */
function goLog(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} `;
}

/** Go's time.Time.String() of a simulated instant (no monotonic part). */
function goTime(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0')} +0000 UTC`;
}

function netexec(env: ProcessEnv, args: string[]): ReturnType<Program> {
  const tl = new Timeline();
  const httpPort = Number(flag(args, 'http-port', '8080'));
  const udpPort = Number(flag(args, 'udp-port', '8081'));
  const now = () => env.clock.now();
  const http = (req: HttpRequest): HttpResponse => {
    const [pathname, query = ''] = req.path.split('?');
    const param = (name: string) => {
      for (const kv of query.split('&')) {
        const [k, v = ''] = kv.split('=');
        if (k !== name) continue;
        try {
          return decodeURIComponent(v.replace(/\+/g, ' '));
        } catch {
          return undefined; // Go's url.ParseQuery drops a pair with a bad escape (%zz)
        }
      }
      return undefined;
    };
    if (!req.unlogged) tl.lines.push({ at: now() - env.startMs, line: `${klog(now(), 'netexec.go:197')}GET ${req.path}` });
    switch (pathname) {
      case '/':
        return goText(`NOW: ${goTime(now())}`, now());
      case '/hostname':
        return goText(env.hostname, now());
      case '/echo':
        return goText(param('msg') ?? '', now());
      case '/clientip':
        return goText(`${req.clientIp}:${40000 + ((req.clientIp.length * 7919) % 20000)}`, now());
      case '/healthz':
      case '/readyz':
        return goText('', now());
      default:
        return goNotFound(now());
    }
  };
  tl.log(`${klog(now(), 'log.go:245')}Started HTTP server on port ${httpPort}`);
  tl.listeners.push({ port: httpPort, protocol: 'TCP', process: 'agnhost netexec', http });
  if (udpPort > 0) {
    tl.log(`${klog(now(), 'log.go:245')}Started UDP server on port  ${udpPort}`);
    tl.listeners.push({ port: udpPort, protocol: 'UDP', process: 'agnhost netexec' });
  }
  return tl.toRun(env.clock, env.startMs);
}

/** A Go bool flag: --name, --name=true|false (a bool flag never takes the next argument). */
function boolFlag(args: string[], name: string, dflt: boolean): boolean {
  let v = dflt;
  for (const arg of args) {
    const a = arg.replace(/^--?/, '');
    if (a === name) v = true;
    else if (a.startsWith(`${name}=`)) v = ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(a.slice(name.length + 1));
  }
  return v;
}

/**
 * serve-hostname (kubernetes test/images/agnhost/serve-hostname/serve_hostname.go): --http (default true) serves HTTP on --port; --tcp and --udp
 * (default false) serve the hostname raw over TCP / UDP. The e2e netpol model runs one container per port and protocol
 * (`--tcp --http=false --port 80`, `--udp --http=false --port 80`): a TCP and a UDP socket on one port coexist.
 */
function serveHostname(env: ProcessEnv, args: string[]): ReturnType<Program> {
  const tl = new Timeline();
  const port = Number(flag(args, 'port', '9376'));
  const http = boolFlag(args, 'http', true);
  const tcp = boolFlag(args, 'tcp', false);
  const udp = boolFlag(args, 'udp', false);
  const now = () => env.clock.now();
  // Go's log package (not klog) here: "2006/01/02 15:04:05 msg"; log.Fatalf exits 1.
  if (http && (tcp || udp)) {
    tl.log(`${goLog(now())}Can't server TCP/UDP mode and HTTP mode at the same time`);
    tl.exit(1);
    return tl.toRun(env.clock, env.startMs);
  }
  tl.log(`${goLog(now())}Serving on port ${port}.`);
  if (http) tl.listeners.push({ port, protocol: 'TCP', process: 'agnhost serve-hostname', http: () => goText(env.hostname, now()) });
  if (tcp) tl.listeners.push({ port, protocol: 'TCP', process: 'agnhost serve-hostname' });
  if (udp) tl.listeners.push({ port, protocol: 'UDP', process: 'agnhost serve-hostname' });
  return tl.toRun(env.clock, env.startMs);
}

/** /agnhost SUBCOMMAND [flags]. */
const agnhost: Program = (env) => {
  const [sub = '', ...args] = env.argv.slice(1);
  if (sub === 'netexec') return netexec(env, args);
  if (sub === 'serve-hostname') return serveHostname(env, args);
  const tl = new Timeline();
  if (sub === 'pause') {
    tl.log('Paused');
    tl.block();
    return tl.toRun(env.clock, env.startMs, { stopMs: 0 });
  }
  tl.log(sub ? `Error: unknown command "${sub}" for "app"` : 'agnhost: a test server for Kubernetes e2e tests. Usage: agnhost [command]');
  tl.exit(sub ? 1 : 0);
  return tl.toRun(env.clock, env.startMs);
};

const FULL = ['curl', 'nslookup', 'dig', 'nc', 'ping', 'ip', 'bash', 'agnhost'];

export const agnhostFamily: ImageFamily = {
  repositories: ['registry.k8s.io/e2e-test-images/agnhost', 'k8s.gcr.io/e2e-test-images/agnhost'],
  facts: (ref) => {
    const v = tagVersion(ref.tag);
    if (!v || v[0] !== 2) return undefined;
    const applets = withoutApplets(ALPINE_APPLETS, FULL);
    return {
      info: {
        repository: 'registry.k8s.io/e2e-test-images/agnhost',
        shells: ['sh', 'ash', 'bash'],
        commands: [...applets, ...FULL],
        prompt: 'sh',
        ping: 'iputils',
        workdir: '/',
        pullMs: pullTime('agnhost', ref.tag, 6800),
        sizeBytes: 51_800_000,
      },
      entrypoint: ['/agnhost'],
      cmd: ['pause'],
      toolset: {
        libc: 'musl',
        busybox: { applets, banner: 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.', ncBloaty: true },
      },
      version: ref.tag,
    };
  },
  programs: { agnhost },
};
