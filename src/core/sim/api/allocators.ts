// ClusterIP and NodePort allocation, derived from the Services in the store (no hidden state, so it replays).
import type { Rng } from '../rng.ts';
import { containsIp, formatIp, parseCidrSloppy, parseIpSloppy, sizeOf, type Cidr } from '../net/cidr.ts';
import { invalid, goStringSlice, type FieldError } from './field-errors.ts';
import type { Store } from './store.ts';
import type { Service } from './types.ts';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;
/** Offsets in the service CIDR that dynamic allocation never hands out: the `kubernetes` and `kube-dns` Services'. */
export const RESERVED_SERVICE_OFFSETS = [1, 10] as const;

/**
 * Kubernetes 1.27+ splits a range into a static band (low addresses, for fixed assignments) and a dynamic band;
 * random allocation prefers the dynamic band: min(max(16, size/16), 256) for IPs, min(max(16, size/32), 128) for ports.
 */
function staticBand(size: number, divisor: number, cap: number): number {
  return Math.min(Math.max(16, Math.floor(size / divisor)), cap);
}

/** Pick a free value at random in [lo, hi], probing upward (with wrap) from the random start. */
function pickFree(lo: number, hi: number, taken: (v: number) => boolean, rng: Rng): number | undefined {
  const span = hi - lo + 1;
  if (span <= 0) return undefined;
  const start = rng.int(span);
  for (let i = 0; i < span; i++) {
    const v = lo + ((start + i) % span);
    if (!taken(v)) return v;
  }
  return undefined;
}

function allocatedIps(store: Store, except?: { namespace?: string; name: string }): Set<string> {
  const used = new Set<string>();
  for (const s of store.scan<Service>('Service')) {
    if (except && s.metadata.namespace === except.namespace && s.metadata.name === except.name) continue;
    for (const ip of s.spec?.clusterIPs ?? [s.spec?.clusterIP]) if (ip && ip !== 'None') used.add(ip);
  }
  return used;
}

/** Allocate or verify a ClusterIP. Returns the IP, or field errors in the apiserver's words. */
export function allocateClusterIp(
  store: Store,
  serviceCidr: string,
  requested: string | undefined,
  rng: Rng,
): { ip: string } | { errors: FieldError[] } {
  const cidr = parseCidrSloppy(serviceCidr) as Cidr;
  const size = sizeOf(cidr);
  const nthIp = (off: number): string => formatIp((cidr.network + off) >>> 0);
  const used = allocatedIps(store);
  if (requested) {
    const n = parseIpSloppy(requested);
    if (n === undefined)
      return { errors: [invalid('spec.clusterIPs[0]', requested, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')] };
    const why =
      !containsIp(cidr, n) || n === cidr.network || n === cidr.network + size - 1
        ? `the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${formatIp(cidr.network)}/${cidr.prefix}`
        : used.has(requested)
          ? 'provided IP is already allocated'
          : undefined;
    if (why) return { errors: [invalid('spec.clusterIPs', goStringSlice([requested]), `failed to allocate IP ${requested}: ${why}`)] };
    return { ip: requested };
  }
  const taken = (off: number): boolean => (RESERVED_SERVICE_OFFSETS as readonly number[]).includes(off) || used.has(nthIp(off));
  const band = staticBand(size, 16, 256);
  const off = pickFree(band, size - 2, taken, rng) ?? pickFree(1, Math.min(band - 1, size - 2), taken, rng);
  if (off === undefined) return { errors: [invalid('spec.clusterIPs', goStringSlice([]), 'failed to allocate IP: range is full')] };
  return { ip: nthIp(off) };
}

function allocatedNodePorts(store: Store, except?: { namespace?: string; name: string }): Set<number> {
  const used = new Set<number>();
  for (const s of store.scan<Service>('Service')) {
    if (except && s.metadata.namespace === except.namespace && s.metadata.name === except.name) continue;
    for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

/**
 * Fill in nodePorts of a NodePort/LoadBalancer Service: keep requested ones (checked), allocate the rest at random.
 * `except` names the Service being updated, whose own ports do not count as taken.
 */
export function allocateNodePorts(store: Store, svc: Service, rng: Rng, except?: { namespace?: string; name: string }): FieldError[] {
  const used = allocatedNodePorts(store, except);
  const errors: FieldError[] = [];
  const ports = svc.spec.ports ?? [];
  ports.forEach((p, i) => {
    if (p.nodePort === undefined || p.nodePort === 0) return;
    const field = `spec.ports[${i}].nodePort`;
    if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
      errors.push(
        invalid(
          field,
          p.nodePort,
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        ),
      );
    } else if (used.has(p.nodePort)) {
      errors.push(invalid(field, p.nodePort, 'provided port is already allocated'));
    } else used.add(p.nodePort);
  });
  if (errors.length) return errors;
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const band = NODE_PORT_MIN + staticBand(size, 32, 128);
  for (const p of ports) {
    if (p.nodePort) continue;
    const port = pickFree(band, NODE_PORT_MAX, (v) => used.has(v), rng) ?? pickFree(NODE_PORT_MIN, band - 1, (v) => used.has(v), rng);
    if (port === undefined) return [invalid('spec.ports', null, 'failed to allocate a nodePort: range is full')];
    p.nodePort = port;
    used.add(port);
  }
  return [];
}
