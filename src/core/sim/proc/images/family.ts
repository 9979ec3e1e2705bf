// What an image family is: which references it owns, what each image ships, how its processes behave.
import type { ContainerRun, ImageInfo } from '../../contracts.ts';
import type { ProcessEnv } from './process-env.ts';
import type { CatalogRef } from './reference.ts';

/** The BusyBox build of an image whose commands are (partly) BusyBox applets. */
export interface BusyboxBuild {
  /** Applets the multi-call binary provides; tools named here print BusyBox's formats. */
  applets: string[];
  /** First line of its usage texts: "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary." */
  banner: string;
  /** nc built with NC_110_COMPAT (the Docker busybox and Alpine builds: -z/-v, "host (ip:port) open"); Debian's is not. */
  ncBloaty: boolean;
}

/** How the image's programs word things: the C library's strerror texts and the BusyBox build, if any. */
export interface Toolset {
  libc: 'glibc' | 'musl';
  busybox?: BusyboxBuild;
}

/** Everything the catalog knows about one image (one family, one tag). */
export interface ImageFacts {
  info: ImageInfo;
  /** ENTRYPOINT and CMD of the image config; a pod's `command` replaces the first, `args` the second. */
  entrypoint: string[];
  cmd: string[];
  toolset: Toolset;
  /** The version the image's main program reports ("1.27.3" for nginx), for banners and headers. */
  version?: string;
  /** When the image's files were built (simulated ms since epoch): Last-Modified of files it serves. */
  builtMs?: number;
}

/** A row of the catalog: one image name (or a few aliases) and how its tags map to facts. */
export interface ImageFamily {
  /** Repositories this row answers for, normalised ("nginx", "registry.k8s.io/pause"). */
  repositories: string[];
  /** The facts for a tag, or undefined when the tag does not exist. */
  facts(ref: CatalogRef): ImageFacts | undefined;
  /**
   * Programs specific to this image (its entrypoint script, its server), by name; they win over the common
   * programs (sh, sleep, echo, nc ...) that every image with the binary can run.
   */
  programs?: Record<string, Program>;
}

/** A program a container can start with: reads its argv, returns what the process does. */
export type Program = (env: ProcessEnv) => ContainerRun;
