// Cluster-wide pod IPAM: one allocator per node block, plus Calico's addresses requested outside a node's own block.
import type { ResolvedCluster } from '../../contracts.ts';
import { containsIp, formatIp, parseCidr, parseIp, type Cidr } from '../cidr.ts';
import type { BlockAllocator } from './allocator.ts';
import { IPAM_BY_CNI } from './models.ts';

/** The result of asking for an address: the address, or the plugin's error (a value the control plane reports). */
export type IpamResult = { ok: true; ip: string } | { ok: false; message: string };

export interface IpamRequest {
  /** A lesson pin: used if free in this node's block, else the plugin picks as usual. */
  preferred?: string;
  /** Calico's cni.projectcalico.org/ipAddrs: must be inside the pool and free, else the pod fails to start. */
  required?: string;
}

export class PodIpam {
  private readonly blocks = new Map<string, BlockAllocator>();
  /** Calico: required addresses inside the pool but in no node's block. */
  private readonly loose = new Set<number>();
  private readonly pool: Cidr | undefined;
  /**
   * Pinned addresses, claimed before any pod (system pods included) gets one, and kept claimed across the pinned
   * pod's restarts: only the pinned pod's request (its pin as `preferred`) hands one out.
   */
  private readonly pinned = new Set<number>();

  constructor(cluster: ResolvedCluster) {
    const model = IPAM_BY_CNI[cluster.cni];
    for (const n of cluster.nodes) {
      const block = parseCidr(n.podCIDR);
      if (block) this.blocks.set(n.name, model.create(block));
    }
    this.pool = parseCidr(cluster.podCIDR);
    for (const pin of cluster.pins) {
      const ip = pin.ip === undefined ? undefined : parseIp(pin.ip);
      if (ip === undefined) continue;
      const home = pin.node !== undefined ? this.blocks.get(pin.node) : [...this.blocks.values()].find((b) => containsIp(b.block, ip));
      // checkPins has made sure the address is in the block and not reserved, so this claim succeeds.
      if (home?.take(ip)) this.pinned.add(ip);
    }
  }

  /** Hand out an address on `node`. */
  allocate(node: string, request: IpamRequest = {}): IpamResult {
    const own = this.blocks.get(node);
    if (!own) return { ok: false, message: `node ${node} has no pod block` };
    if (request.required !== undefined) return this.allocateRequired(request.required);
    const preferred = request.preferred === undefined ? undefined : parseIp(request.preferred);
    if (preferred !== undefined && this.pinned.has(preferred) && containsIp(own.block, preferred))
      return { ok: true, ip: formatIp(preferred) };
    if (preferred !== undefined && own.take(preferred)) return { ok: true, ip: formatIp(preferred) };
    const ip = own.next();
    return ip === undefined ? { ok: false, message: own.exhaustedMessage() } : { ok: true, ip: formatIp(ip) };
  }

  /** Give an address back to whichever block holds it. */
  release(ip: string): void {
    const a = parseIp(ip);
    if (a === undefined || this.pinned.has(a)) return;
    if (this.loose.delete(a)) return;
    for (const b of this.blocks.values()) {
      if (containsIp(b.block, a)) {
        b.release(a);
        return;
      }
    }
  }

  private allocateRequired(text: string): IpamResult {
    const ip = parseIp(text);
    if (ip === undefined) return { ok: false, message: `failed to parse requested IP address "${text}"` };
    if (!this.pool || !containsIp(this.pool, ip)) {
      return { ok: false, message: `failed to request IP ${text}: the address is not in any configured IP pool` };
    }
    const home = [...this.blocks.values()].find((b) => containsIp(b.block, ip));
    const free = home ? home.take(ip) : !this.loose.has(ip);
    if (!free) return { ok: false, message: `failed to request IP ${text}: Address already assigned in block` };
    if (!home) this.loose.add(ip);
    return { ok: true, ip: text };
  }
}
