// A Lab: a Plan built in real network namespaces, its servers running, real probes, and guaranteed clean-up.
//
// Safety: every `ip`/`bridge` command runs with `-n <namespace of this run>` (never in the host's namespace); veth
// pairs are created from the run's underlay namespace with both ends placed straight into the run's namespaces;
// nothing else is changed outside them. Clean-up kills each namespace's processes, then deletes it, on stop(), on
// process exit, SIGINT and SIGTERM; after a SIGKILL the next Lab (or `cleanupLeftovers()`) removes what is left of
// runs whose process is gone (the run id starts with the owner's pid).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchModules, nsName, ownedBy, PREFIX, serverArgv, stripMatch, type Batch, type Plan } from './render.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command; never throws for a non-zero exit. */
export function run(argv: string[], input?: string, timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: stderr + String(e.message) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** Run async tasks with at most `limit` at a time, results in order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const TOOLS = ['ip', 'bridge', 'sysctl', 'iptables-restore', 'ping', 'traceroute', 'socat', 'busybox', 'timeout', 'bash', 'ss', 'nsenter'];

/** Why the netns backend cannot run here, or undefined if it can (root, Linux, the tools, namespaces work). */
export function prerequisiteProblem(): string | undefined {
  if (process.platform !== 'linux') return `network namespaces need Linux (this is ${process.platform})`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return 'network namespaces need root (run as root, or skip the netns backend)';
  const missing = TOOLS.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' }).status !== 0);
  if (missing.length)
    return `missing tools: ${missing.join(', ')} (Debian packages iproute2, procps, iptables, iputils-ping, socat, busybox; .ci/run installs them)`;
  const probe = `${PREFIX}-${process.pid}xprobe-check`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (add.status !== 0) return `cannot create a network namespace: ${(add.stderr || '').trim()}`;
  spawnSync('ip', ['netns', 'del', probe], { stdio: 'ignore' });
  return undefined;
}

/** podlab namespaces present now. */
export function listNamespaces(): string[] {
  const r = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return (r.stdout ?? '')
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => n && ownedBy(n));
}

/** The processes whose network namespace is one of `files` (what `ip netns pids` does, for many at once). */
function pidsIn(files: string[]): number[] {
  const inodes = new Set<string>();
  for (const f of files) {
    try {
      inodes.add(`net:[${statSync(f).ino}]`);
    } catch {
      // not there
    }
  }
  if (inodes.size === 0) return [];
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (inodes.has(readlinkSync(`/proc/${entry}/ns/net`))) out.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

/** Kill the processes in podlab namespaces, then delete them (synchronous: usable in exit handlers). */
export function destroyNamespaces(names: string[]): void {
  for (const name of names) if (!ownedBy(name)) throw new Error(`refusing to delete namespace ${name}: not podlab's`);
  if (names.length === 0) return;
  for (const pid of pidsIn(names.map((n) => `/run/netns/${n}`))) {
    if (pid === process.pid) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  spawnSync('ip', ['-force', '-batch', '-'], {
    input: names.map((n) => `netns del ${n}`).join('\n') + '\n',
    stdio: ['pipe', 'ignore', 'ignore'],
  });
}

function pidOfRun(runId: string): number | undefined {
  const m = /^(\d+)x[0-9a-z]+$/.exec(runId);
  return m ? Number(m[1]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the namespaces (and work directories) of runs whose process is gone; returns the namespaces removed. */
export function cleanupLeftovers(): string[] {
  const removed: string[] = [];
  for (const name of listNamespaces()) {
    const runId = name.split('-')[1];
    const pid = pidOfRun(runId);
    if (pid !== undefined && pid !== process.pid && alive(pid)) continue;
    if (pid === process.pid && LIVE_RUNS.has(runId)) continue;
    removed.push(name);
  }
  destroyNamespaces(removed);
  for (const runId of new Set(removed.map((n) => n.split('-')[1]))) rmSync(workDir(runId), { recursive: true, force: true });
  return removed;
}

function workDir(runId: string): string {
  return join(tmpdir(), `podlab-netns-${runId}`);
}

const LIVE_RUNS = new Map<string, Lab>();
let runCounter = 0;
let handlersInstalled = false;

function installExitHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const lab of LIVE_RUNS.values()) lab.destroySync();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const lab of LIVE_RUNS.values()) lab.destroySync();
      process.kill(process.pid, signal);
    });
  }
}

/** A fresh run id: the owner's pid (decimal) and a counter (base 36): "4211x0". */
export function newRunId(): string {
  return `${process.pid}x${(runCounter++).toString(36)}`;
}

/** A real probe's outcome, in the simulator's words (ping: reply/timeout/unreachable; TCP: connected/refused/...). */
export interface RealProbe {
  outcome: string;
  ttl?: number;
  detail: string;
}

export class Lab {
  private destroyed = false;
  readonly workDir: string;

  constructor(readonly plan: Plan) {
    this.workDir = workDir(plan.runId);
  }

  private own(ns: string): string {
    if (!ownedBy(ns, this.plan.runId)) throw new Error(`refusing to touch namespace ${ns}: not this run's`);
    return ns;
  }

  /**
   * Build every namespace, device, address, route and neighbour of the plan, then start the servers: one shell
   * script (`set -e`) whose every command names one of this run's namespaces, run by one spawn (spawning from Node
   * once per namespace costs more than the whole build).
   */
  async build(): Promise<void> {
    const t = tracer();
    installExitHandlers();
    cleanupLeftovers();
    t('cleanup');
    LIVE_RUNS.set(this.plan.runId, this);
    mkdirSync(this.workDir, { recursive: true });
    await this.adaptToKernel();
    t('kernel check');
    const script = this.script();
    writeFileSync(join(this.workDir, 'build.sh'), script);
    t('script');
    const r = await run(['sh', '-e', join(this.workDir, 'build.sh')], undefined, 60_000);
    if (r.code !== 0) throw new Error(`building the namespaces failed: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    t('build');
  }

  /**
   * Fit the plan to this kernel, loudly: a match module iptables-restore rejects is stripped from the rules that use
   * it (and only that match), and bridged traffic goes through iptables where br_netfilter is there. Checked once per
   * process, in a scratch namespace of this run (`iptables-restore --test` changes nothing).
   */
  private async adaptToKernel(): Promise<void> {
    const plan = this.plan;
    const modules = new Set(plan.iptables.flatMap((x) => matchModules(x.rules)));
    const unknown = [...modules].some((m) => !KERNEL.good.has(m) && !KERNEL.missing.has(m));
    if (unknown || (KERNEL.brNetfilter === undefined && plan.bridgeNetfilter.length)) {
      const scratch = this.own(nsName(plan.runId, 'xcheck'));
      const add = await run(['ip', 'netns', 'add', scratch]);
      if (add.code !== 0) throw new Error(`cannot create namespace ${scratch}: ${add.stderr.trim()}`);
      try {
        const br = await run(['ip', 'netns', 'exec', scratch, 'sh', '-c', 'test -w /proc/sys/net/bridge/bridge-nf-call-iptables']);
        KERNEL.brNetfilter = br.code === 0;
        for (const text of new Set(plan.iptables.map((x) => x.rules))) await findMissingMatches(scratch, text);
      } finally {
        destroyNamespaces([scratch]);
      }
      for (const m of modules) if (!KERNEL.missing.has(m)) KERNEL.good.add(m);
    }
    for (const m of KERNEL.missing) {
      if (!modules.has(m)) continue;
      for (const x of plan.iptables) x.rules = stripMatch(x.rules, m);
      const note = `WARNING: this kernel has no iptables match "${m}": it is stripped from the rules that use it (the rest of each rule stays); probes that depend on it may disagree.`;
      plan.notes.push(note);
      process.stderr.write(`netns: ${note}\n`);
    }
    if (plan.bridgeNetfilter.length) {
      if (KERNEL.brNetfilter) {
        for (const ns of plan.bridgeNetfilter) plan.sysctls.push({ ns, settings: ['net.bridge.bridge-nf-call-iptables=1'] });
        plan.notes.push(
          'Bridged pod traffic goes through iptables (br_netfilter, net.bridge.bridge-nf-call-iptables=1), as kube-proxy requires.',
        );
      } else {
        const note =
          'WARNING: br_netfilter is not available here: traffic bridged between pods on one node skips iptables, so a pod reaching a pod on its own bridge through a Service gets no answer (the model assumes br_netfilter, as kube-proxy requires).';
        plan.notes.push(note);
        process.stderr.write(`netns: ${note}\n`);
      }
    }
  }

  /** The build script: every line checked to touch only this run's namespaces. */
  script(): string {
    const lines: string[] = [];
    const file = (name: string, content: string): string => {
      const path = join(this.workDir, name);
      writeFileSync(path, content);
      return shellQuote(path);
    };
    const batch = (b: Batch, i: number, what: string) =>
      lines.push(`${b.tool} -n ${this.own(b.ns)} -batch ${file(`${what}${i}.batch`, `${b.lines.join('\n')}\n`)}`);
    for (const ns of this.plan.namespaces) lines.push(`ip netns add ${this.own(ns)}`);
    for (const line of this.plan.veths) {
      const m = /^link add \S+ (?:index \d+ )?netns (\S+) type veth peer name \S+ (?:index \d+ )?netns (\S+)$/.exec(line);
      if (!m) throw new Error(`unexpected veth line: ${line}`);
      this.own(m[1]);
      this.own(m[2]);
    }
    // Created from inside the run's underlay namespace: even a mistyped netns argument cannot land in the host's.
    batch({ ns: this.plan.underlay, tool: 'ip', lines: this.plan.veths }, 0, 'veths');
    this.plan.batches.forEach((b, i) => batch(b, i, 'ns'));
    this.plan.fdb.forEach((b, i) => batch(b, i, 'fdb'));
    for (const s of this.plan.sysctls) lines.push(`ip netns exec ${this.own(s.ns)} sysctl -q -w ${s.settings.map(shellQuote).join(' ')}`);
    this.plan.iptables.forEach((x, i) =>
      lines.push(
        `ip netns exec ${this.own(x.ns)} iptables-restore${x.noflush ? ' --noflush' : ''} < ${file(`iptables${i}.rules`, x.rules)}`,
      ),
    );
    // Servers: one background shell per namespace (their processes are found and killed by namespace at clean-up).
    const byNs = new Map<string, string[]>();
    this.plan.servers.forEach((s, i) => {
      let www = '';
      if (s.httpBody !== undefined) {
        www = join(this.workDir, `www${i}`);
        mkdirSync(www, { recursive: true });
        writeFileSync(join(www, 'index.html'), s.httpBody);
      }
      const cmds = byNs.get(s.ns) ?? [];
      cmds.push(`${serverArgv(s, www).map(shellQuote).join(' ')} >/dev/null 2>&1 &`);
      byNs.set(s.ns, cmds);
    });
    let n = 0;
    for (const [ns, cmds] of byNs) {
      const f = file(`servers${n++}.sh`, `${cmds.join('\n')}\nwait\n`);
      lines.push(`ip netns exec ${this.own(ns)} sh ${f} </dev/null >/dev/null 2>&1 &`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** Wait until every server listens (ss in each namespace), at most `ms`. */
  async waitForServers(ms = 3000): Promise<void> {
    const byNs = new Map<string, Set<string>>();
    for (const s of this.plan.servers) {
      const want = byNs.get(s.ns) ?? new Set<string>();
      want.add(`${s.protocol === 'TCP' ? 'tcp' : 'udp'}/${s.port}`);
      byNs.set(s.ns, want);
    }
    const deadline = Date.now() + ms;
    for (const [ns, want] of byNs) {
      for (;;) {
        const r = await run(['ip', 'netns', 'exec', ns, 'ss', '-Hlntu']);
        const have = new Set(
          r.stdout
            .split('\n')
            .filter(Boolean)
            .map((l) => {
              const f = l.trim().split(/\s+/);
              return `${f[0]}/${(f[4] ?? '').split(':').pop()}`;
            }),
        );
        if ([...want].every((w) => have.has(w)) || Date.now() > deadline) break;
        await new Promise((r2) => setTimeout(r2, 20));
      }
    }
  }

  /** Run a command inside one of the run's namespaces. */
  exec(ns: string, argv: string[], input?: string, timeoutMs?: number): Promise<RunResult> {
    return run(['ip', 'netns', 'exec', this.own(ns), ...argv], input, timeoutMs);
  }

  /** One real ICMP echo (iputils ping, waiting `seconds` for the reply). */
  async ping(ns: string, ip: string, seconds = 1): Promise<RealProbe> {
    const [r] = await this.probeMany(ns, [{ proto: 'icmp', ip, seconds }]);
    return r;
  }

  /** One real TCP connect (bash's /dev/tcp under `seconds` of timeout). */
  async connect(ns: string, ip: string, port: number, seconds = 1): Promise<RealProbe> {
    const [r] = await this.probeMany(ns, [{ proto: 'tcp', ip, port, seconds }]);
    return r;
  }

  /**
   * Many probes from one namespace at once: one bash inside the namespace runs them all in parallel and prints one
   * result line each (a process per probe spawned from Node costs far more than the probes on a busy machine).
   */
  async probeMany(ns: string, probes: RealProbeSpec[]): Promise<RealProbe[]> {
    if (probes.length === 0) return [];
    // TCP connects run in forked subshells (no exec); a watchdog kills those still connecting after their time,
    // and a probe without a result line timed out.
    const lines = ['set -m', 'pids=""'];
    probes.forEach((p, i) => {
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(p.ip)) throw new Error(`bad address ${p.ip}`);
      const s = Math.max(1, Math.round(p.seconds));
      const cmd = p.proto === 'icmp' ? `ping -n -c1 -W${s} ${p.ip}` : `{ exec 3<>/dev/tcp/${p.ip}/${Number(p.port)}; }`;
      lines.push(`{ out=$(${cmd} 2>&1); echo "@@ ${i} $? \${out//$'\\n'/|}"; } & pids="$pids $!"`);
    });
    const longest = Math.max(...probes.map((p) => Math.max(1, Math.round(p.seconds))));
    // `set -m`: each job is its own process group, so killing the group also ends its connect() subshell.
    lines.push(
      `( sleep ${longest + 1}; for p in $pids; do kill -9 -- -$p; done ) >/dev/null 2>&1 & dog=$!`,
      'wait $pids 2>/dev/null',
      'kill -9 -- -$dog 2>/dev/null',
      'exit 0',
    );
    const r = await run(['nsenter', `--net=/run/netns/${this.own(ns)}`, 'bash', '-s'], `${lines.join('\n')}\n`, (longest + 20) * 1000);
    const got = new Map<number, { code: number; text: string }>();
    for (const line of r.stdout.split('\n')) {
      const m = /^@@ (\d+) (\d+) (.*)$/.exec(line);
      if (m) got.set(Number(m[1]), { code: Number(m[2]), text: m[3].split('|').join('\n') });
    }
    return probes.map((p, i) => {
      const g = got.get(i);
      // No result line: the watchdog ended the probe after its time (a firewall's EPERM makes ping wait, too).
      if (!g) return p.proto === 'tcp' ? classifyTcp(124, '', p.seconds) : { outcome: 'timeout', detail: `no reply within ${p.seconds} s` };
      return p.proto === 'icmp' ? classifyPing(g.code, g.text) : classifyTcp(g.code, g.text, p.seconds);
    });
  }

  /** A real traceroute (ICMP, numeric, one query per hop, 5 hops at most), for reports. */
  async traceroute(ns: string, ip: string): Promise<string[]> {
    const r = await this.exec(ns, ['traceroute', '-n', '-I', '-q1', '-w1', '-m5', ip], undefined, 20_000);
    return `${r.stdout}${r.stderr}`
      .split('\n')
      .map((l) => l.trimEnd())
      .filter(Boolean);
  }

  /** `ip route` of a namespace, as the kernel prints it. */
  async routes(ns: string): Promise<string[]> {
    const r = await run(['ip', '-n', this.own(ns), 'route', 'show', 'table', 'main']);
    return r.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  }

  /** Kill the servers and every process in the run's namespaces, delete the namespaces and the work directory. */
  destroySync(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    destroyNamespaces(this.plan.namespaces.map((ns) => this.own(ns)));
    rmSync(this.workDir, { recursive: true, force: true });
    LIVE_RUNS.delete(this.plan.runId);
  }

  async destroy(): Promise<void> {
    this.destroySync();
  }
}

/** What this process learnt of the kernel: match modules iptables-restore accepts or rejects, br_netfilter. */
const KERNEL: { good: Set<string>; missing: Set<string>; brNetfilter?: boolean } = { good: new Set(), missing: new Set() };

/**
 * Test-restore `text` in `scratch` (a namespace of a run); while it fails, find which match module the kernel
 * rejects — the one iptables-restore names ("Couldn't load match `X'"), else the one whose removal gets past the
 * failing line — and record it in KERNEL.missing. A failure no match explains is an error (a rendering defect).
 * Returns the modules found missing.
 */
export async function findMissingMatches(scratch: string, text: string): Promise<string[]> {
  if (!ownedBy(scratch)) throw new Error(`refusing to touch namespace ${scratch}: not podlab's`);
  const test = async (t: string): Promise<{ line: number; stderr: string } | undefined> => {
    const r = await run(['ip', 'netns', 'exec', scratch, 'iptables-restore', '--test'], t);
    if (r.code === 0) return undefined;
    const m = /line:? (\d+)/.exec(r.stderr);
    return { line: m ? Number(m[1]) : -1, stderr: r.stderr };
  };
  const found: string[] = [];
  let current = text;
  for (const m of KERNEL.missing) current = stripMatch(current, m);
  for (let round = 0; round < 20; round++) {
    const failed = await test(current);
    if (failed === undefined) return found;
    const named = /Couldn't load match `([^']+)'/.exec(failed.stderr)?.[1];
    const line = current.split('\n')[failed.line - 1] ?? '';
    let missing = named && matchModules(current).includes(named) ? named : undefined;
    const candidates = line.startsWith('-A ') ? matchModules(line) : matchModules(current);
    for (const m of missing ? [] : candidates) {
      const again = await test(stripMatch(current, m));
      if (again === undefined || again.line > failed.line) {
        missing = m;
        break;
      }
    }
    if (!missing) {
      const why = failed.stderr.trim().split('\n')[0];
      throw new Error(`iptables-restore rejects the rendered rules: ${why}${line ? ` (line ${failed.line}: ${line})` : ''}`);
    }
    KERNEL.missing.add(missing);
    found.push(missing);
    current = stripMatch(current, missing);
  }
  return found;
}

/** PODLAB_NETNS_TRACE=1: print how long each build phase took (stderr). */
function tracer(): (what: string) => void {
  let last = Date.now();
  return (what) => {
    if (!process.env.PODLAB_NETNS_TRACE) return;
    const now = Date.now();
    process.stderr.write(`netns: ${what} ${now - last} ms\n`);
    last = now;
  };
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:,=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface RealProbeSpec {
  proto: 'icmp' | 'tcp';
  ip: string;
  port?: number;
  seconds: number;
}

/** A ping's exit code and output in the simulator's words. A firewall's EPERM on send is a drop: timeout. */
export function classifyPing(code: number, text: string): RealProbe {
  const first = text.split('\n\n')[0].trim();
  const ttl = /ttl=(\d+)/.exec(text);
  if (code === 0 && ttl) return { outcome: 'reply', ttl: Number(ttl[1]), detail: first.split('\n')[1] ?? first };
  if (/Unreachable|unreachable|Invalid argument/.test(first)) return { outcome: 'unreachable', detail: lastLine(first) };
  return { outcome: 'timeout', detail: lastLine(first) || 'no reply' };
}

/** A /dev/tcp connect's exit code (124: timed out) and stderr in the simulator's words. */
export function classifyTcp(code: number, text: string, seconds: number): RealProbe {
  if (code === 0) return { outcome: 'connected', detail: 'connected' };
  if (code === 124) return { outcome: 'timeout', detail: `no answer within ${seconds} s` };
  if (/Connection refused/.test(text)) return { outcome: 'refused', detail: lastLine(text) };
  if (/No route to host|Network is unreachable|Invalid argument/.test(text)) return { outcome: 'unreachable', detail: lastLine(text) };
  if (/Operation not permitted/.test(text)) return { outcome: 'timeout', detail: lastLine(text) };
  return { outcome: 'error', detail: lastLine(text) || `exit ${code}` };
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter(Boolean);
  return lines[lines.length - 1] ?? '';
}
