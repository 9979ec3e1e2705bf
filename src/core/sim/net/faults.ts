// Lesson faults applied to the model: drop-route removes routes from a node's table; node-down marks a node dead.
import type { ResolvedCluster, Route } from '../contracts.ts';
import { containsCidr, parseCidr } from './cidr.ts';
import { routeDst } from './routing.ts';

/** True if a route leads to `target`'s pod block (or a borrowed /32 behind it). */
function leadsToNode(route: Route, cluster: ResolvedCluster, target: string): boolean {
  const node = cluster.nodes.find((n) => n.name === target);
  if (!node) return false;
  if (route.dst === node.podCIDR) return true;
  return route.dst !== 'default' && route.via === node.ip;
}

/** The node's routes with its drop-route faults applied (`to` = a node name: its block; a CIDR: every route inside it). */
export function applyRouteFaults(routes: Route[], cluster: ResolvedCluster, node: string): Route[] {
  let out = routes;
  for (const f of cluster.faults) {
    if (f.kind !== 'drop-route' || f.node !== node) continue;
    const cidr = cluster.nodes.some((n) => n.name === f.to) ? undefined : parseCidr(f.to);
    out = out.filter((r) => {
      if (!cidr) return !leadsToNode(r, cluster, f.to);
      const dst = routeDst(r);
      return !(dst && containsCidr(cidr, dst));
    });
  }
  return out;
}

/** True if a node-down fault names the node. */
export function isNodeDown(cluster: ResolvedCluster, node: string): boolean {
  return cluster.faults.some((f) => f.kind === 'node-down' && f.node === node);
}
