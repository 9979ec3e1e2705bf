// Who listens where: a pod's running containers share its network namespace; a node's host namespace has its
// daemons (sshd, kubelet) and every hostNetwork pod's containers.
import type { Listener, NetnsRef } from '../contracts.ts';
import type { ControlContext } from './context.ts';
import { nodeIsDown } from './context.ts';
import type { ContainerRt, PodRt } from './kubelet-state.ts';

/** Daemons on every node's host, outside any pod. */
const HOST_DAEMONS: { port: number; protocol: 'TCP' | 'UDP'; process: string; whenKubeletUp?: boolean }[] = [
  { port: 22, protocol: 'TCP', process: 'sshd' },
  { port: 10250, protocol: 'TCP', process: 'kubelet', whenKubeletUp: true },
];

/** Does this container hold its sockets now? */
export function holdsSockets(c: ContainerRt): boolean {
  return c.state === 'running' && !c.stopping && !c.bindFailed && c.run !== undefined;
}

function podListeners(rt: PodRt, exclude?: { uid: string; container: string }): Listener[] {
  const out: Listener[] = [];
  for (const c of rt.containers) {
    if (exclude && exclude.uid === rt.uid && exclude.container === c.name) continue;
    if (holdsSockets(c)) out.push(...(c.run?.listeners ?? []));
  }
  return out;
}

/** Listeners in a network namespace, optionally leaving out one container (to test its own binds). */
export function netnsListeners(
  ctx: ControlContext,
  ns: NetnsRef,
  options: { exclude?: { uid: string; container: string } } = {},
): Listener[] {
  if (ns.kind === 'pod') {
    const rt = ctx.kubelet.find(ns.namespace, ns.pod);
    if (!rt) return [];
    if (rt.hostNetwork) return netnsListeners(ctx, { kind: 'node', node: rt.node }, options);
    return podListeners(rt, options.exclude);
  }
  const down = nodeIsDown(ctx.world, ns.node);
  const out: Listener[] = HOST_DAEMONS.filter((d) => !(d.whenKubeletUp && down)).map((d) => ({
    port: d.port,
    protocol: d.protocol,
    process: d.process,
  }));
  for (const rt of ctx.kubelet.hostNetworkOn(ns.node)) out.push(...podListeners(rt, options.exclude));
  return out;
}
