// Building the ToolContext a program runs with, and finding the line's runtime again from a context (for `sh -c`).
import type { HostRef, World } from '../../contracts.ts';
import { kubeProxyTables } from '../../net/kube-proxy-rules.ts';
import type { ExecOptions, ShellRequest, ToolContext } from '../bin/tool.ts';
import { hostInfo } from './host-info.ts';
import type { Io } from './io.ts';
import type { Runtime } from './runtime.ts';

export interface ToolRun {
  rt: Runtime;
  host: HostRef;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  io: Io;
  /** How execIn runs a program elsewhere (exec-in.ts), with this context's streams. */
  execIn(host: HostRef, argv: string[], io: Io, stdin: string, options: ExecOptions): number;
}

/** What a tool sees of the world, as ToolContext's facets (files, time, network, cluster facts, images, the API). */
export type ToolFacets = Pick<ToolContext, 'hostInfo' | 'fs' | 'clock' | 'net' | 'cluster' | 'images' | 'rng' | 'kube'>;

/** The facets that are the same for every host of a world, made once per world. */
const sharedFacets = new WeakMap<World, Omit<ToolFacets, 'hostInfo' | 'fs'>>();

function facetsOf(world: World): Omit<ToolFacets, 'hostInfo' | 'fs'> {
  let facets = sharedFacets.get(world);
  if (!facets) {
    const net = world.net;
    facets = {
      clock: world.clock,
      net: {
        interfaces: (ns) => net.interfaces(ns),
        routes: (ns) => net.routes(ns),
        resolvConf: (ns) => net.resolvConf(ns),
        resolve: (from, name, options) => net.resolve(from, name, options),
        connect: (from, ip, port, protocol) => net.connect(from, ip, port, protocol),
        ping: (from, ip, options) => net.ping(from, ip, options),
        trace: (from, ip, probe) => net.trace(from, ip, probe),
        addressOf: (ns) => net.addressOf(ns),
        kubeProxyTables: (node) => kubeProxyTables(world.store, world.cluster.podCIDR, node),
      },
      cluster: world.cluster,
      // Looked up on each call: a test may give its world another catalog after the first context.
      images: { lookup: (image) => world.images.lookup(image) },
      rng: world.rng,
      kube: {
        get api() {
          return world.api;
        },
        watch: (listener) => world.store.watch(listener),
      },
    };
    sharedFacets.set(world, facets);
  }
  return facets;
}

/**
 * `base` given the facets of `world` for a tool running on `host`. The filesystem is looked up when first read
 * (a host's tree is made on first use, stamped with the simulated time), so a tool that reads no file makes none.
 */
export function withFacets(base: Omit<ToolContext, keyof ToolFacets>, world: World, host: HostRef): ToolContext {
  Object.defineProperty(base, 'fs', { get: () => world.fs(host), enumerable: true });
  return Object.assign(base, { hostInfo: () => hostInfo(world, host) }, facetsOf(world)) as ToolContext;
}

const runs = new WeakMap<ToolContext, { rt: Runtime; io: Io }>();

/** The ToolContext for one program run. stdin is read lazily, so programs that ignore it leave it to the next. */
export function makeToolContext(run: ToolRun): ToolContext {
  let stdin: string | undefined;
  const ctx = withFacets(
    {
      world: run.rt.world,
      host: run.host,
      argv: run.argv,
      env: run.env,
      cwd: run.cwd,
      get stdin(): string {
        stdin ??= run.io.stdin.readAll();
        return stdin;
      },
      tty: run.io.tty,
      stdout: (text) => run.io.stdout.write(text),
      stderr: (text) => run.io.stderr.write(text),
      sleep: (ms) => run.rt.sleep(ms),
      execIn: (host, argv, input, options) => run.execIn(host, argv, run.io, input ?? '', options ?? {}),
      openShell: (request: ShellRequest) => {
        run.rt.shellRequests.push(request);
      },
    },
    run.rt.world,
    run.host,
  );
  runs.set(ctx, { rt: run.rt, io: run.io });
  return ctx;
}

/** The runtime and streams behind a context made by makeToolContext (undefined for a test's hand-made context). */
export function runOf(ctx: ToolContext): { rt: Runtime; io: Io } | undefined {
  return runs.get(ctx);
}
