// A fake Backend for grading tests: `kubectl apply -f` of Service YAML makes a name reachable; `sleep` spends time,
// `spin` never ends, `big` needs far more memory than a grading worker has.
import type { Backend, ClusterView, Endpoint, LineResult, Probe, Target, Terminal, TypeOptions } from '../../../src/core/backend.ts';

/** Lines typed into any terminal of any FakeBackend, for tests that want to see what ran. */
export const TYPED: string[] = [];

export class FakeBackend implements Backend {
  readonly name = 'fake';
  readonly files = new Map<string, string>();
  readonly services = new Set<string>();
  started = 0;
  stopped = 0;

  async start(): Promise<void> {
    this.started++;
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.files.set(path, content);
  }

  private run(line: string, options: TypeOptions): LineResult {
    TYPED.push(line);
    const ok = (output: string, exitCode = 0, durationMs = 10): LineResult => ({
      output,
      exitCode,
      durationMs,
      timedOut: false,
      truncated: false,
    });
    const apply = /^kubectl apply -f (\S+)$/.exec(line);
    if (apply) {
      const text = this.files.get(apply[1]) ?? '';
      const name = /kind: Service[\s\S]*?name: (\S+)/.exec(text)?.[1];
      if (!name) return ok(`error: no objects passed to apply\n`, 1);
      this.services.add(name);
      return ok(`service/${name} created\n`);
    }
    const sleep = /^sleep (\d+)$/.exec(line);
    if (sleep) {
      const ms = Number(sleep[1]) * 1000;
      return ms > options.timeoutMs ? { ...ok(''), durationMs: options.timeoutMs, timedOut: true } : ok('', 0, ms);
    }
    if (line === 'spin') for (;;); // a loop that never yields: only the watchdog stops it
    // One allocation past any small heap limit: inside a worker THREAD, V8 would end the whole process.
    if (line === 'big') return ok(String(new Array<number>(1e8).fill(1).length));
    const ep = /^kubectl get endpoints (\S+)$/.exec(line);
    if (ep)
      return this.services.has(ep[1])
        ? ok(`NAME   ENDPOINTS\n${ep[1]}   10.0.0.1:80\n`)
        : ok(`Error from server (NotFound): endpoints "${ep[1]}" not found\n`, 1);
    return ok(`sh: ${line.split(' ')[0]}: not found\n`, 127);
  }

  async openTerminal(): Promise<Terminal> {
    return {
      prompt: () => '$ ',
      depth: () => 1,
      type: async (line, options) => this.run(line, options),
      dispose: async () => undefined,
    };
  }

  async probe(from: Endpoint, target: Target): Promise<Probe> {
    const ok = this.services.has(target.host);
    return {
      from,
      target,
      outcome: ok ? 'ok' : 'nxdomain',
      reason: ok ? `connected to ${target.host}` : `${target.host} does not resolve`,
      hops: ok ? [] : [{ at: `pod/default/${from.name}`, action: `DNS query for ${target.host}: NXDOMAIN` }],
    };
  }

  async view(): Promise<ClusterView> {
    return { nodes: [], pods: [], services: [], version: 0 };
  }

  async stop(): Promise<void> {
    this.stopped++;
  }
}

/** The factory a grading worker loads (`backendModule`). */
export function createBackend(): Backend {
  return new FakeBackend();
}
