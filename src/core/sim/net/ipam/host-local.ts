// The CNI host-local IPAM plugin (flannel's bridge and kindnet's ptp use it) over a node's podCIDR.
//
// As containernetworking/plugins host-local: the range is network+1 .. broadcast-1, the gateway (network+1, the
// bridge's address) is never handed out, and allocation scans forward from the last reserved address (the
// "last_reserved_ip" file), wrapping round, so a freed address is only reused after the cursor has come back to it.
import { formatIp, lastOf, type Cidr } from '../cidr.ts';
import type { BlockAllocator, IpamModel } from './allocator.ts';

class HostLocalRange implements BlockAllocator {
  private readonly allocated = new Set<number>();
  private lastReserved: number | undefined;
  private readonly start: number;
  private readonly end: number;
  private readonly gateway: number;

  constructor(readonly block: Cidr) {
    this.start = block.network + 1;
    this.end = lastOf(block) - 1;
    this.gateway = block.network + 1;
  }

  next(): number | undefined {
    const span = this.end - this.start + 1;
    if (span <= 0) return undefined;
    const from = this.lastReserved === undefined ? this.start : this.lastReserved + 1;
    for (let i = 0; i < span; i++) {
      const ip = this.start + ((from - this.start + i) % span);
      if (this.isFree(ip)) {
        this.reserve(ip);
        return ip;
      }
    }
    return undefined;
  }

  take(ip: number): boolean {
    if (!this.isFree(ip)) return false;
    this.reserve(ip);
    return true;
  }

  release(ip: number): void {
    this.allocated.delete(ip);
  }

  isFree(ip: number): boolean {
    return ip >= this.start && ip <= this.end && ip !== this.gateway && !this.allocated.has(ip);
  }

  exhaustedMessage(): string {
    return `failed to allocate for range 0: no IP addresses available in range set: ${formatIp(this.start)}-${formatIp(this.end)}`;
  }

  private reserve(ip: number): void {
    this.allocated.add(ip);
    this.lastReserved = ip;
  }
}

/** host-local IPAM, per node podCIDR. */
export const hostLocalIpam: IpamModel = {
  name: 'host-local',
  reserved: (block) => [block.network, block.network + 1, lastOf(block)],
  create: (block) => new HostLocalRange(block),
};
