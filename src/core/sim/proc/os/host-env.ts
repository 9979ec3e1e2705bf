// The environment and working directory a process starts with on a host: a node's login shell, or a container's
// exec (PATH, HOSTNAME, the container's env, Kubernetes service variables, HOME).
import type { Service } from '../../api/types.ts';
import type { World } from '../../contracts.ts';
import type { HostInfo } from './host-info.ts';

/** The environment of a new process on the host (before the shell adds PWD and the like). */
export function hostEnv(world: World, info: HostInfo, user = 'root'): Record<string, string> {
  const home = homeOf(user);
  if (info.host.kind === 'node') {
    return { HOSTNAME: info.hostname, TERM: 'xterm', SHELL: '/bin/bash', USER: user, PATH: info.os.path, HOME: home, LOGNAME: user };
  }
  const env: Record<string, string> = { PATH: info.os.path, HOSTNAME: info.hostname };
  for (const e of info.container?.env ?? []) env[e.name] = e.value ?? '';
  for (const [k, v] of serviceEnv(world, info)) if (!(k in env)) env[k] = v;
  env.HOME = env.HOME ?? home;
  return env;
}

/** Where a new process starts: the container's workingDir, the image's workdir, else `/`; a node shell in $HOME. */
export function hostCwd(info: HostInfo, user = 'root'): string {
  if (info.host.kind === 'node') return homeOf(user);
  return info.container?.workingDir ?? info.image?.workdir ?? '/';
}

export function homeOf(user: string): string {
  return user === 'root' ? '/root' : `/home/${user}`;
}

/**
 * The service-link variables the kubelet gives containers (pkg/kubelet/envvars FromServices): for every Service
 * with a ClusterIP in the pod's namespace (and `kubernetes` from default) that existed when the pod started.
 */
function serviceEnv(world: World, info: HostInfo): [string, string][] {
  const pod = info.pod;
  if (!pod) return [];
  const ns = pod.metadata.namespace ?? 'default';
  const started = pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '';
  const services = world.store.scan<Service>('Service', ns);
  if (ns !== 'default') {
    const master = world.store.peek<Service>('Service', 'default', 'kubernetes');
    if (master) services.push(master);
  }
  const out: [string, string][] = [];
  for (const svc of services.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    const ip = svc.spec.clusterIP;
    const ports = svc.spec.ports ?? [];
    if (!ip || ip === 'None' || ports.length === 0) continue;
    if (started && svc.metadata.creationTimestamp && svc.metadata.creationTimestamp > started) continue;
    const prefix = svc.metadata.name.toUpperCase().replace(/-/g, '_');
    out.push([`${prefix}_SERVICE_HOST`, ip], [`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase();
      const url = `${proto}://${ip}:${p.port}`;
      if (i === 0) out.push([`${prefix}_PORT`, url]);
      const base = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([base, url], [`${base}_PROTO`, proto], [`${base}_PORT`, String(p.port)], [`${base}_ADDR`, ip]);
    });
  }
  return out;
}
