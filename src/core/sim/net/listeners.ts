// Who listens in a namespace: a pod's containers, a node's host processes plus its hostNetwork pods, the router's resolver.
import type { ControlPlane, Listener } from '../contracts.ts';
import type { Fabric, Netns } from './fabric.ts';

/** The router of the node subnet runs a caching resolver on port 53 (what node hosts have in resolv.conf). */
export const ROUTER_LISTENERS: Listener[] = [
  { port: 53, protocol: 'UDP', process: 'dnsmasq' },
  { port: 53, protocol: 'TCP', process: 'dnsmasq' },
];

/** Every socket listening in the namespace (hostNetwork pods' containers listen in their node's namespace). */
export function listenersOf(control: ControlPlane, fabric: Fabric, ns: Netns): Listener[] {
  if (ns.kind === 'router') return ROUTER_LISTENERS;
  if (!ns.ref) return [];
  if (ns.kind === 'pod') return control.listeners(ns.ref);
  const all = [...control.listeners(ns.ref)];
  for (const a of fabric.state.podsOn(ns.node ?? '', true)) {
    if (a.hostNetwork) all.push(...control.listeners({ kind: 'pod', namespace: a.namespace, pod: a.pod }));
  }
  const seen = new Set<string>();
  return all.filter((l) => {
    const k = `${l.protocol}/${l.port}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The listener for a port/protocol, if any. */
export function findListener(listeners: Listener[], port: number, protocol: 'TCP' | 'UDP'): Listener | undefined {
  return listeners.find((l) => l.port === port && l.protocol === protocol);
}
