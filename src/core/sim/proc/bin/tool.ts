// The tool contract: every command a simulated shell can run (`kubectl`, `curl`, `ping`, `grep` ...) is a Tool,
// registered by name in a table (bin/index.ts), never a branch of a switch. A tool sees the simulated world through
// the narrow facets of its context (files, time, network, cluster facts, the API for kubectl), never the World.
import type { Api } from '../../api/api.ts';
import type { Store } from '../../api/store.ts';
import type { Dataplane, FileSystem, HostRef, ImageCatalog, ResolvedCluster, World } from '../../contracts.ts';
import type { Table } from '../../net/kube-proxy-rules.ts';
import type { Rng } from '../../rng.ts';
import type { HostInfo } from '../os/host-info.ts';

/** A nested interactive shell a tool asks the terminal to open (`kubectl exec -it POD -- sh`). */
export interface ShellRequest {
  host: HostRef;
  /** The shell program ("bash", "sh"). */
  program: string;
  /**
   * Called once when the nested shell exits (after `exit` or EOF), with the terminal's output streams:
   * `kubectl run -it --rm` prints its "Session ended" line and deletes the pod here. Optional.
   * `status` is the nested shell's exit status; a number returned becomes the status of the command that
   * opened it (kubectl exec prints `command terminated with exit code N` and returns N). Default: `status`.
   */
  onExit?: (io: { stdout(text: string): void; stderr(text: string): void }, status: number) => number | void;
  /** Variables added to the nested shell's environment (`kubectl exec -t` adds TERM=xterm). */
  env?: Record<string, string>;
  /** Where the nested shell starts; default the host's (container workdir, the user's home on a node). */
  cwd?: string;
}

/** More options of ToolContext.execIn. */
export interface ExecOptions {
  /** The environment instead of the host's default (e.g. `env X=1 cmd` on the same host). */
  env?: Record<string, string>;
  /** Working directory instead of the host's default (container workdir, or the user's home on a node). */
  cwd?: string;
  /** Attached to the user's terminal (`kubectl exec -t`): programs format for a tty. Default false. */
  tty?: boolean;
}

/** Simulated time, read only: a tool lets time pass through ToolContext.sleep. */
export interface ToolClock {
  /** Simulated now, ms since the epoch. */
  now(): number;
  /** An instant (default now) as RFC 3339 with seconds, as the apiserver stamps objects. */
  iso(ms?: number): string;
  /** When the next scheduled event of the simulation fires, if any (kubectl's waiting loops). */
  nextAt(): number | undefined;
}

/** The network as processes see it: their namespace's devices, routes and resolver, and the packet walk. */
export interface ToolNet extends Pick<
  Dataplane,
  'interfaces' | 'routes' | 'resolvConf' | 'resolve' | 'connect' | 'ping' | 'trace' | 'addressOf'
> {
  /** The netfilter tables kube-proxy programs on a node (iptables, iptables-save), from the Service model. */
  kubeProxyTables(node: string): { nat: Table; filter: Table };
}

/** Facts about the cluster a tool may print: the DNS domain, the nodes (the API server's address), the version. */
export type ToolCluster = Pick<ResolvedCluster, 'domain' | 'nodes' | 'kubernetesVersion'>;

/** What kubectl talks to: the API (as a client would), and a watch on the objects it serves (`kubectl get -w`). */
export interface KubeFacet {
  readonly api: Api;
  watch: Store['watch'];
}

export interface ToolContext {
  /** Transitional: goes once every tool reads the facets below. */
  readonly world: World;
  /** Where the tool runs. */
  readonly host: HostRef;
  /** The host as the model describes it now (node or container, OS, image, netns); undefined if it is gone. */
  hostInfo(): HostInfo | undefined;
  /** The host's filesystem. */
  readonly fs: FileSystem;
  readonly clock: ToolClock;
  readonly net: ToolNet;
  readonly cluster: ToolCluster;
  /** What images provide (`kubectl run -it` and `exec` look up the image's shells). */
  readonly images: Pick<ImageCatalog, 'lookup'>;
  /** The world's seeded generator, to fork by label for a tool's own draws (same seed, same bytes). */
  readonly rng: Pick<Rng, 'fork'>;
  readonly kube: KubeFacet;
  /** argv[0] is the command name as typed. */
  readonly argv: string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  /** Text piped into the tool (`echo x | grep x`), or '' */
  readonly stdin: string;
  /** True when the tool runs attached to the user's terminal (not in a pipe, not captured). */
  readonly tty: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Let simulated time pass (sleep, ping -i, curl timeouts). Returns false if the cell's time budget ran out
   * during the wait: the tool must then stop at once (its exit code is ignored; the terminal reports the timeout).
   */
  sleep(ms: number): boolean;
  /**
   * Run a command in another host non-interactively (kubectl exec POD -- CMD); output goes to this ctx.
   * `stdin` (optional) is what the command reads (`echo ls | kubectl exec -i POD -- sh`); '' when absent.
   * argv[0] is looked up on that host as a container runtime's exec does (no shell unless argv is `sh -c ...`);
   * when it cannot start, an OCI-style message goes to stderr and the status is 126 (see os/exec-in.ts).
   */
  execIn(host: HostRef, argv: string[], stdin?: string, options?: ExecOptions): number;
  /** Ask the terminal to open a nested interactive shell after this tool returns (kubectl exec -it). */
  openShell(request: ShellRequest): void;
}

/** A program: gets a context, writes output through it, returns its exit status. Synchronous by design. */
export type Tool = (ctx: ToolContext) => number;

export interface ToolInfo {
  name: string;
  run: Tool;
  /** Where it exists: on node hosts, or only in images whose `commands` list it (then `image`), or both. */
  on: 'node' | 'image' | 'everywhere';
  /** One line for `help`/completion. */
  summary: string;
}
