// The reference lab as a fake world: namespace "a" (10.200.0.1) reaches 10.200.0.2 (nginx on :80, nothing on :81,
// a silent TCP port :83), 10.200.0.99 does not answer ARP, 10.201.0.5 is routed but never answers. This is the setup
// the transcripts under ../../../../golden/tools/transcripts were captured in (see ../shared/reference/README.md).
import type { Pod } from '../../../../../src/core/sim/api/types.ts';
import type {
  ConnectResult,
  Dataplane,
  DnsAnswer,
  FileSystem,
  HostRef,
  HttpRequest,
  HttpResponse,
  Interface,
  Listener,
  NetnsRef,
  PingResult,
  ResolveOptions,
  Route,
  World,
} from '../../../../../src/core/sim/contracts.ts';
import type { Tool, ToolContext } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { withFacets } from '../../../../../src/core/sim/proc/os/tool-context.ts';
import { assembleWorld, NO_TRAFFIC, testCluster, tryAttachBy } from '../../test-world-parts.ts';

/** The transcripts' Debian nginx 1.22.1: its headers as captured, a 615-byte page starting like Debian's. */
export function debianNginx(req: HttpRequest): HttpResponse {
  const head = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\n';
  const body = head + 'x'.repeat(615 - head.length - 1) + '\n';
  const common: [string, string][] = [
    ['Server', 'nginx/1.22.1'],
    ['Date', 'Thu, 26 Nov 2026 00:30:55 GMT'],
    ['Content-Type', 'text/html'],
  ];
  if (req.path !== '/') {
    const e =
      '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n';
    return {
      status: 404,
      reason: 'Not Found',
      headers: [...common, ['Content-Length', String(e.length)], ['Connection', 'keep-alive']],
      body: e,
    };
  }
  return {
    status: 200,
    reason: 'OK',
    headers: [
      ...common,
      ['Content-Length', '615'],
      ['Last-Modified', 'Thu, 26 Nov 2026 00:30:36 GMT'],
      ['Connection', 'keep-alive'],
      ['ETag', '"6b077dac-267"'],
      ['Accept-Ranges', 'bytes'],
    ],
    body: req.method === 'HEAD' ? '' : body,
  };
}

export interface LabOptions {
  /** Replies' round-trip times for successive pings (ms), cycled; default 0.1. */
  pingRtts?: number[];
  /** TTL of echo replies (64 on the link; 63 from a node to a pod on another node, as in the article). */
  pingTtl?: number;
  /** A name → address table the resolver answers (others NXDOMAIN). */
  names?: Record<string, string>;
  /** No DNS server answers: every lookup times out (refused when 'refused'). */
  dnsDown?: 'timeout' | 'refused';
  /** Serve this page at / instead of Debian's (the lab captures under golden/tools/lab used the article's page). */
  page?: string;
  /** Extra listeners on 10.200.0.2 by port. */
  listeners?: Record<number, Listener>;
  interfaces?: Interface[];
  routes?: Route[];
  resolvConf?: { nameservers: string[]; search: string[]; options: string[] };
}

const NGINX: Listener = { port: 80, protocol: 'TCP', process: 'nginx', http: debianNginx };

/** The lab's dataplane: outcomes by destination, as the reference captures saw them. */
export class LabNet implements Dataplane {
  private pings = 0;
  readonly calls: string[] = [];
  constructor(private readonly o: LabOptions = {}) {}
  readonly tryAttachPod = tryAttachBy(() => this.attachPod());
  readonly hosts = NO_TRAFFIC.hosts;
  readonly trace = NO_TRAFFIC.trace;
  readonly neighbours = NO_TRAFFIC.neighbours;
  readonly deviceCounters = NO_TRAFFIC.deviceCounters;
  readonly networkClass = NO_TRAFFIC.networkClass;

  attachPod(): string {
    return '10.200.0.1';
  }
  detachPod(): void {}
  interfaces(_ns: NetnsRef): Interface[] {
    return this.o.interfaces ?? [];
  }
  routes(_ns: NetnsRef): Route[] {
    return this.o.routes ?? [];
  }
  resolvConf(_ns: NetnsRef) {
    return (
      this.o.resolvConf ?? {
        nameservers: ['10.96.0.10'],
        search: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
        options: ['ndots:5'],
      }
    );
  }
  resolve(_from: NetnsRef, name: string, options: ResolveOptions = {}): DnsAnswer {
    this.calls.push(`resolve ${name}${options.noSearch ? ' nosearch' : ''}`);
    const server = options.server ?? this.resolvConf(_from).nameservers[0];
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { ok: true, query: name, fqdn: name, addresses: [name], server: '' };
    if (this.o.dnsDown)
      return {
        ok: false,
        query: name,
        rcode: 'timeout',
        server,
        reason: 'no DNS server',
        ...(this.o.dnsDown === 'refused' ? { refused: true } : {}),
      };
    const names = this.o.names ?? {};
    const bare = name.replace(/\.$/, '');
    const candidates =
      options.noSearch || bare.split('.').length > 5 ? [bare] : [...this.resolvConf(_from).search.map((s) => `${bare}.${s}`), bare];
    for (const c of candidates)
      if (names[c])
        return { ok: true, query: name, fqdn: c, addresses: [names[c]], server, tried: candidates.slice(0, candidates.indexOf(c) + 1) };
    return { ok: false, query: name, rcode: 'NXDOMAIN', server, reason: 'no such name', tried: candidates };
  }
  connect(_from: NetnsRef, ip: string, port: number, protocol: 'TCP' | 'UDP'): ConnectResult {
    this.calls.push(`connect ${ip}:${port}/${protocol}`);
    const hops = [{ at: 'a', action: 'test' }];
    if (ip === '10.200.0.2') {
      const page = this.o.page;
      const web: Listener =
        page === undefined
          ? NGINX
          : {
              ...NGINX,
              http: (req) => ({
                ...debianNginx(req),
                body: req.path === '/' ? page : debianNginx(req).body,
                headers: debianNginx(req).headers.map(([k, v]) => [
                  k,
                  k === 'Content-Length' && req.path === '/' ? String(page.length) : v,
                ]),
              }),
            };
      const l = port === 80 ? web : this.o.listeners?.[port];
      if (l && l.protocol === protocol)
        return {
          outcome: 'connected',
          hops,
          reason: 'ok',
          peer: { netns: { kind: 'node', node: 'b' }, ip, port, listener: l },
          clientIp: '10.200.0.1',
          rttMs: 0.4,
        };
      return { outcome: 'refused', hops, reason: 'nothing listens', rttMs: 0.05 };
    }
    if (ip === '10.200.0.99') return { outcome: 'unreachable', hops, reason: 'no ARP reply', rttMs: 0, errno: 'EHOSTUNREACH' };
    return { outcome: 'timeout', hops, reason: 'dropped', rttMs: 0 };
  }
  ping(_from: NetnsRef, ip: string): PingResult {
    const hops = [{ at: 'a', action: 'test' }];
    if (ip === '10.200.0.2' || ip === '127.0.0.1') {
      const rtts = this.o.pingRtts ?? [0.1];
      return { outcome: 'reply', ttl: this.o.pingTtl ?? 64, hops, reason: 'ok', rttMs: rtts[this.pings++ % rtts.length] };
    }
    if (ip === '10.200.0.99')
      return {
        outcome: 'unreachable',
        hops,
        reason: 'no ARP reply',
        rttMs: 3000,
        from: '10.200.0.1',
        icmp: 'Destination Host Unreachable',
      };
    return { outcome: 'timeout', hops, reason: 'dropped', rttMs: 0 };
  }
  addressOf(): string {
    return '10.200.0.1';
  }
}

class MemFs implements FileSystem {
  readonly files = new Map<string, string>();
  read(p: string) {
    return this.files.get(p);
  }
  write(p: string, c: string) {
    this.files.set(p, c);
  }
  list() {
    return [];
  }
  isDir(p: string) {
    return p === '/' || p === '/root';
  }
  remove(p: string) {
    return this.files.delete(p);
  }
  // No metadata, directories or modes in this fake: these do what the tools did when a fake left them out.
  stat() {
    return undefined;
  }
  mkdir() {
    return undefined;
  }
  writeFile(p: string, c: string, options?: { append?: boolean }) {
    this.files.set(p, (options?.append ? (this.files.get(p) ?? '') : '') + c);
    return undefined;
  }
  chmod() {
    return undefined;
  }
}

export interface Lab {
  world: World;
  net: LabNet;
  fs: MemFs;
}

/** A world around the lab dataplane; pods named after images ("busybox", "alpine" ...) can be added with addPod. */
export function lab(o: LabOptions = {}): Lab {
  const net = new LabNet(o);
  const fs = new MemFs();
  // Wired as createWorld wires a world (the real API and catalog), over this fake dataplane and filesystem.
  const world = assembleWorld({
    cluster: testCluster({ nodes: [] }),
    startMs: Date.UTC(2026, 10, 26, 0, 30, 55),
    seed: 7,
    net: () => net,
    fs: () => () => fs,
  });
  return { world, net, fs };
}

/** Put a pod running `image` in the store; returns the HostRef of its container. */
export function addPod(l: Lab, name: string, image: string): HostRef {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image }] },
  };
  l.world.store.create(pod);
  return { kind: 'pod', namespace: 'default', pod: name, container: 'c' };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr in the order written (as the transcripts record them). */
  both: string;
  /** Simulated time the tool let pass. */
  sleptMs: number;
}

/** Run a tool with a fake context. `budgetMs` ends it like a cell timeout. */
export function runTool(
  l: Lab,
  tool: Tool,
  argv: string[],
  opts: { host?: HostRef; tty?: boolean; budgetMs?: number; stdin?: string } = {},
): RunResult {
  const r: RunResult = { code: 0, stdout: '', stderr: '', both: '', sleptMs: 0 };
  const host: HostRef = opts.host ?? { kind: 'node', node: 'lab' };
  const ctx: ToolContext = withFacets(
    {
      world: l.world,
      host,
      argv,
      env: {},
      cwd: '/root',
      stdin: opts.stdin ?? '',
      tty: opts.tty ?? false,
      stdout: (t) => {
        r.stdout += t;
        r.both += t;
      },
      stderr: (t) => {
        r.stderr += t;
        r.both += t;
      },
      sleep: (ms) => {
        if (opts.budgetMs !== undefined && r.sleptMs + ms > opts.budgetMs) {
          l.world.clock.advance(opts.budgetMs - r.sleptMs);
          r.sleptMs = opts.budgetMs;
          return false;
        }
        r.sleptMs += ms;
        l.world.clock.advance(ms);
        return true;
      },
      execIn: () => 127,
      openShell: () => {},
    },
    l.world,
    host,
  );
  r.code = tool(ctx);
  return r;
}

/** Format a run like the reference transcripts: "$ command", the output, "[exit N]". */
export function transcript(command: string, r: RunResult, output = r.both): string {
  return `$ ${command}\n${output}${output === '' || output.endsWith('\n') ? '' : '\n'}[exit ${r.code}]\n`;
}

/** `| head -n N` of a text. */
export function head(text: string, n: number): string {
  return text
    .split('\n')
    .slice(0, n)
    .map((l) => `${l}\n`)
    .join('');
}
