// The environment a container's main process starts in: its argv, pod, image facts, and what it sees of the world
// (the clock, its own address, its files, its node): narrow facets, as tools get through ToolContext.
import type { Container, NodeObj, Pod } from '../../api/types.ts';
import type { ContainerRun, FileSystem } from '../../contracts.ts';
import type { ImageFacts } from './family.ts';

/** Simulated time as a container's process reads it. */
export interface ProcessClock {
  /** Simulated now, ms since the epoch. */
  now(): number;
}

/** What a container's main process sees of the world around it; each is read when asked, not at start. */
export interface ProcessWorld {
  readonly clock: ProcessClock;
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
}

/** The basename of a program path: "/usr/sbin/nginx" → "nginx". */
export function programName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
