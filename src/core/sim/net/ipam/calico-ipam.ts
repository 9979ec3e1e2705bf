// Calico IPAM within a node's affine block: an ordered queue of free ordinals, taken from the front, released to the back.
//
// This follows libcalico-go's allocationBlock: a new block's Unallocated list is [0, 1, ..., n-1]; autoAssign takes
// ordinals from the front; release appends them to the end (so a freed address is not reused at once); assigning a
// specific address removes its ordinal from wherever it is. calico-node claims the first address of its block for the
// tunl0 IPIP tunnel at start-up, before any pod, so pods start at ordinal 1 (192.168.217.0 → tunl0, .1 → first pod).
import { formatCidr, nthIp, sizeOf, type Cidr } from '../cidr.ts';
import type { BlockAllocator, IpamModel } from './allocator.ts';

class CalicoBlock implements BlockAllocator {
  private readonly unallocated: number[];

  constructor(readonly block: Cidr) {
    const n = sizeOf(block);
    this.unallocated = Array.from({ length: n }, (_, i) => i);
    this.unallocated.shift(); // ordinal 0: the node's tunl0 address
  }

  next(): number | undefined {
    const ordinal = this.unallocated.shift();
    return ordinal === undefined ? undefined : nthIp(this.block, ordinal);
  }

  take(ip: number): boolean {
    const i = this.unallocated.indexOf(ip - this.block.network);
    if (i < 0) return false;
    this.unallocated.splice(i, 1);
    return true;
  }

  release(ip: number): void {
    const ordinal = ip - this.block.network;
    if (ordinal <= 0 || ordinal >= sizeOf(this.block) || this.unallocated.includes(ordinal)) return;
    this.unallocated.push(ordinal);
  }

  isFree(ip: number): boolean {
    return this.unallocated.includes(ip - this.block.network);
  }

  exhaustedMessage(): string {
    return `failed to request IPv4 addresses: no free addresses in block ${formatCidr(this.block)} affine to this host`;
  }
}

/** Calico's IPAM (calico-ipam), per node block. */
export const calicoIpam: IpamModel = {
  name: 'calico-ipam',
  reserved: (block) => [block.network],
  create: (block) => new CalicoBlock(block),
};
