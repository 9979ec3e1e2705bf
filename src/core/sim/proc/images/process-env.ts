// The environment a container's main process starts in: its argv, pod, image facts, and the world around it.
import type { Container, Pod } from '../../api/types.ts';
import type { ContainerRun, World } from '../../contracts.ts';
import type { ImageFacts } from './family.ts';

export interface ProcessEnv {
  /** argv[0] is the program as the runtime executes it ("/docker-entrypoint.sh", "sh"). */
  argv: string[];
  world: World;
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
  runTool?: MainTool;
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

/** The basename of a program path: "/usr/sbin/nginx" → "nginx". */
export function programName(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
