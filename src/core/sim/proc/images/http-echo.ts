// hashicorp/http-echo: answers every request with -text (plus a newline) on -listen (default :5678).
import type { HttpRequest, HttpResponse } from '../../contracts.ts';
import type { ImageFamily, Program } from './family.ts';
import { goText } from './go-http.ts';
import { byteLength, slashStamp } from './http-date.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion } from './reference.ts';
import { Timeline } from './timeline.ts';

function goFlag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i].replace(/^--?/, '');
    if (a === name) return args[i + 1];
    if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
  }
  return undefined;
}

const httpEcho: Program = (env) => {
  const args = env.argv.slice(1);
  const tl = new Timeline();
  const text = goFlag(args, 'text') ?? env.vars.ECHO_TEXT;
  const listen = goFlag(args, 'listen') ?? ':5678';
  if (text === undefined) {
    tl.log('Missing -text option!');
    tl.exit(127);
    return tl.toRun(env.clock, env.startMs);
  }
  const port = Number(listen.slice(listen.lastIndexOf(':') + 1));
  const now = () => env.clock.now();
  // The client's ephemeral port and the handler's duration are the kernel's and the Go runtime's: drawn per pod.
  const rng = env.rng.fork(`http-echo/${env.pod.metadata.namespace ?? 'default'}/${env.pod.metadata.name}`);
  const http = (req: HttpRequest): HttpResponse => {
    const health = req.path.split('?')[0] === '/health'; // main.go: httpHealth, {"status":"ok"}, not logged
    const res = goText(health ? '{"status":"ok"}\n' : `${text}\n`, now(), 200, 'OK', [
      ['X-App-Name', 'http-echo'],
      ['X-App-Version', '1.0.0'],
    ]);
    // handlers.go httpLog (every path but /health): httpLogFormat "%v %s %s \"%s %s %s\" %d %d \"%s\" %v\n" with
    // end.Format("2006/01/02 15:04:05"), r.Host, r.RemoteAddr, method, path, proto, status, length, UA, duration.
    if (!health && !req.unlogged) {
      const ua = req.headers['User-Agent'] ?? req.headers['user-agent'] ?? '';
      const port = 32768 + rng.int(28233); // net.ipv4.ip_local_port_range 32768 60999
      const micros = (8000 + rng.int(40000)) / 1000; // Go prints a Duration under 1ms in µs with 3 decimals
      const line = `${slashStamp(now())} ${req.host} ${req.clientIp}:${port} "${req.method} ${req.path.split('?')[0]} HTTP/1.1" ${res.status} ${byteLength(text) + 1} "${ua}" ${micros}µs`;
      tl.lines.push({ at: now() - env.startMs, line });
    }
    return res;
  };
  tl.log(`${slashStamp(now())} [INFO] server is listening on ${listen}`);
  tl.listeners.push({ port, protocol: 'TCP', process: 'http-echo', http });
  return tl.toRun(env.clock, env.startMs, { stopMs: 50 });
};

export const httpEchoFamily: ImageFamily = {
  repositories: ['hashicorp/http-echo'],
  facts: (ref) => {
    if (ref.tag !== 'latest' && !tagVersion(ref.tag)) return undefined;
    return {
      info: {
        repository: 'hashicorp/http-echo',
        shells: [],
        commands: ['http-echo'],
        prompt: 'sh',
        workdir: '/',
        pullMs: pullTime('hashicorp/http-echo', ref.tag, 1500),
        sizeBytes: 3_300_000,
      },
      entrypoint: ['/http-echo'],
      cmd: [],
      toolset: { libc: 'glibc' },
    };
  },
  programs: { 'http-echo': httpEcho },
};
