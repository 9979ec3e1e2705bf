// The environment a container's main process starts in: its argv, pod, image facts, and what it sees of the world
// (the clock, its own address, its files, its node): narrow facets, as tools get through ToolContext.
import type { Container, NodeObj, Pod } from '../../api/types.ts';
import type { ContainerRun, FileSystem, World } from '../../contracts.ts';
import type { Rng } from '../../rng.ts';
import type { ImageFacts } from './family.ts';

/** Simulated time as a container's process reads it. */
export interface ProcessClock {
  /** Simulated now, ms since the epoch. */
  now(): number;
}

/** What a container's main process sees of the world around it; each is read when asked, not at start. */
export interface ProcessWorld {
  readonly clock: ProcessClock;
  /** The world's random source; a process forks its own stream by name (ephemeral ports, durations). */
  readonly rng: Rng;
  /** The pod's address (`hostname -i`, httpd's ServerName guess), undefined when it has none. */
  podAddress(): string | undefined;
  /** The container's filesystem; throws when the world has no filesystems (some tests). */
  files(): FileSystem;
  /** The Node object the pod is bound to (nginx reports its kernel), if any. */
  node(): NodeObj | undefined;
}

export interface ProcessEnv extends ProcessWorld {
  /** argv[0] is the program as the runtime executes it ("/docker-entrypoint.sh", "sh"). */
  argv: string[];
  pod: Pod;
  container: Container;
  facts: ImageFacts;
  /** The container's hostname (the pod's hostname, or the node's for hostNetwork pods). */
  hostname: string;
  /** Environment variables: the image's defaults overlaid with the container's `env`. */
  vars: Record<string, string>;
  /** Simulated time the process started at. */
  startMs: number;
  /** Run another program in the same container (an entrypoint script's final `exec "$@"`). */
  exec(argv: string[]): ContainerRun;
  /** Run a userland tool (wget, ping ...) as this process; absent in catalogs built without the tools (tests). */
  runTool?: ProcessRunTool;
}

/** What a container's process gives a userland tool it runs: its container, variables, output and clock. */
export interface MainToolRequest {
  world: World;
  pod: Pod;
  container: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** The container log (stdout and stderr both). */
  out(text: string): void;
  /** The process's own time passes; false once the simulator stops recording it (the tool must stop at once). */
  sleep(ms: number): boolean;
}

/** Runs a tool as a container's process and returns its status; undefined when no such tool is simulated. */
export type MainTool = (req: MainToolRequest) => number | undefined;

/** The request as the process makes it; the catalog adds the world the tool runs in (images/index.ts). */
export type ProcessToolRequest = Omit<MainToolRequest, 'world'>;

/** A MainTool bound to the process's world. */
export type ProcessRunTool = (req: ProcessToolRequest) => number | undefined;

/** The basename of a program path: "/usr/sbin/nginx" → "nginx". */
export function programName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
