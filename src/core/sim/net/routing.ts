// Routing-table helpers: `ip route` order, longest-prefix match, source address selection, a route as `ip route` prints it.
import type { Route } from '../contracts.ts';
import { addressPart, maskOf, parseCidr, parseIp, type Cidr } from './cidr.ts';
import type { NetIf } from './cni/index.ts';

/** The destination of a route as a CIDR ("default" is 0.0.0.0/0, a bare address /32). */
export function routeDst(route: Route): Cidr | undefined {
  return route.dst === 'default' ? { network: 0, prefix: 0 } : parseCidr(route.dst);
}

/** Sort as the kernel's FIB lists them: by destination address, longer prefixes first for the same address. */
export function sortRoutes(routes: Route[]): Route[] {
  // Parse each destination once, not at every comparison (a node of a large Calico cluster has hundreds of routes).
  const keyed = routes.map((r) => ({ r, k: routeDst(r) ?? { network: 0, prefix: 0 } }));
  keyed.sort((a, b) => a.k.network - b.k.network || b.k.prefix - a.k.prefix);
  return keyed.map((x) => x.r);
}

/**
 * A table for longest-prefix match: per prefix length present (longest first), the first route of each network.
 * Looking up costs one map probe per prefix length, not a scan of every route (a large Calico node has hundreds).
 */
interface PrefixTable {
  /** Routes the table was built from (a table is rebuilt when its route list changes length). */
  size: number;
  masks: number[];
  networks: Map<number, Route>[];
}

/** Tables per route list: route lists are built once and looked up by every packet. */
const prefixTables = new WeakMap<Route[], PrefixTable>();

function prefixTable(routes: Route[]): PrefixTable {
  let table = prefixTables.get(routes);
  if (table && table.size === routes.length) return table;
  const byPrefix = new Map<number, Map<number, Route>>();
  for (const r of routes) {
    const dst = routeDst(r);
    if (!dst) continue;
    let networks = byPrefix.get(dst.prefix);
    if (!networks) byPrefix.set(dst.prefix, (networks = new Map()));
    // Among equal prefixes the first route wins.
    if (!networks.has(dst.network)) networks.set(dst.network, r);
  }
  const prefixes = [...byPrefix.keys()].sort((a, b) => b - a);
  table = { size: routes.length, masks: prefixes.map(maskOf), networks: prefixes.map((p) => byPrefix.get(p)!) };
  prefixTables.set(routes, table);
  return table;
}

/** Longest-prefix match; among equal prefixes the first route wins. */
export function lookupRoute(routes: Route[], ip: string): Route | undefined {
  const a = parseIp(ip);
  return a === undefined ? undefined : lookupRouteTo(routes, a);
}

/** lookupRoute for an address already parsed (a 32-bit number). */
export function lookupRouteTo(routes: Route[], address: number): Route | undefined {
  const { masks, networks } = prefixTable(routes);
  for (let i = 0; i < masks.length; i++) {
    const r = networks[i].get((address & masks[i]) >>> 0);
    if (r) return r;
  }
  return undefined;
}

/**
 * The source address the kernel picks for a packet leaving by `route`: the route's `src`, else an address of the
 * outgoing device, else the first global address of the namespace (a cali veth has none: the node's eth0 address).
 */
export function sourceFor(interfaces: NetIf[], route: Route): string | undefined {
  if (route.src) return route.src;
  const global = (i: NetIf) => i.addresses.map(addressPart).filter((a) => !a.startsWith('127.'));
  const dev = interfaces.find((i) => i.name === route.dev);
  const own = dev ? global(dev) : [];
  if (own.length > 0) return own[0];
  for (const i of interfaces) {
    const g = global(i);
    if (g.length > 0) return g[0];
  }
  return undefined;
}

/** Texts of routes in built namespaces, which never change: the packet walk names the route at every hop. */
const formatted = new WeakMap<Route, string>();

/** formatRoute for a route of a built namespace (a Fabric's), remembered per route object. */
export function routeText(r: Route): string {
  let text = formatted.get(r);
  if (text === undefined) formatted.set(r, (text = formatRoute(r)));
  return text;
}

/** A route as one line of `ip route` ("192.168.217.0/26 via 10.0.0.12 dev tunl0 proto bird onlink"). */
export function formatRoute(r: Route): string {
  const parts = r.blackhole ? ['blackhole', r.dst] : [r.dst];
  if (r.via) parts.push('via', r.via);
  if (!r.blackhole) parts.push('dev', r.dev);
  if (r.proto) parts.push('proto', r.proto);
  if (r.scope) parts.push('scope', r.scope);
  if (r.src) parts.push('src', r.src);
  if (r.onlink) parts.push('onlink');
  return parts.join(' ');
}
