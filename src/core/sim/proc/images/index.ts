// The image catalog: which images exist, what their processes do, which commands they ship.
import type { NodeObj, Pod } from '../../api/types.ts';
import type { ContainerRun, ImageCatalog, World } from '../../contracts.ts';
import type { ImageFacts, ImageFamily, Toolset } from './family.ts';
import type { MainTool, ProcessToolRequest, ProcessWorld } from './process-env.ts';
import { containerArgv, runProgram } from './programs.ts';
import { catalogRef } from './reference.ts';
import { IMAGE_FAMILIES } from './table.ts';
import { Timeline } from './timeline.ts';

export type { BusyboxBuild, ImageFacts, ImageFamily, Toolset } from './family.ts';

/** The family and facts of an image string, or undefined when the catalog has no such image or tag. */
export function findImage(image: string, families: ImageFamily[] = IMAGE_FAMILIES): { family: ImageFamily; facts: ImageFacts } | undefined {
  const ref = catalogRef(image);
  const family = families.find((f) => f.repositories.includes(ref.repository));
  const facts = family?.facts(ref);
  return family && facts ? { family, facts } : undefined;
}

/** How the programs of an image word their output (BusyBox build, libc); undefined for unknown images. */
export function toolsetOf(image: string): Toolset | undefined {
  return findImage(image)?.facts.toolset;
}

function hostnameOf(pod: Pod): string {
  if (pod.spec.hostNetwork && pod.spec.nodeName) return pod.spec.nodeName;
  const name = pod.spec.hostname ?? pod.metadata.name;
  return name.length > 63 ? name.slice(0, 63) : name;
}

/** Variables every container starts with: PATH, HOSTNAME, HOME, then the container's `env`. */
function variables(pod: Pod, env: { name: string; value?: string }[] | undefined, facts: ImageFacts): Record<string, string> {
  const vars: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: hostnameOf(pod),
    HOME: facts.info.workdir === '/home/curl_user' ? '/home/curl_user' : '/root',
  };
  if (facts.info.repository === 'nginx' && facts.version) vars.NGINX_VERSION = facts.version;
  for (const e of env ?? []) vars[e.name] = e.value ?? '';
  return vars;
}

/** What a container's process of `pod` sees of `world` (process-env.ts). */
function processWorld(world: World, pod: Pod, container: string): ProcessWorld {
  const namespace = pod.metadata.namespace ?? 'default';
  return {
    clock: world.clock,
    rng: world.rng,
    podAddress: () => world.net.addressOf({ kind: 'pod', namespace, pod: pod.metadata.name }),
    files: () => world.fs({ kind: 'pod', namespace, pod: pod.metadata.name, container }),
    node: () => (pod.spec.nodeName ? world.store.peek<NodeObj>('Node', undefined, pod.spec.nodeName) : undefined),
  };
}

/**
 * Create the catalog a world uses. `families` replaces the built-in table (tests); `runTool` lets main processes run
 * userland tools (proc/catalog.ts passes bin/'s; without it such commands succeed silently).
 */
export function createImageCatalog(families: ImageFamily[] = IMAGE_FAMILIES, runTool?: MainTool): ImageCatalog {
  return {
    lookup: (image) => findImage(image, families)?.facts.info,
    start: (pod: Pod, containerName: string, world: World): ContainerRun => {
      const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === containerName);
      const found = container ? findImage(container.image, families) : undefined;
      const startMs = world.clock.now();
      if (!container || !found) {
        const tl = new Timeline();
        tl.exit(128);
        return tl.toRun(world.clock, startMs);
      }
      const input = {
        ...processWorld(world, pod, container.name),
        pod,
        container,
        facts: found.facts,
        family: found.family,
        hostname: hostnameOf(pod),
        vars: variables(pod, container.env, found.facts),
        runTool: runTool && ((req: ProcessToolRequest) => runTool({ ...req, world })),
        shellWorld: world,
      };
      return runProgram(input, containerArgv(container, found.facts), startMs);
    },
  };
}
