// The per-node address allocator contract that each IPAM plugin model implements.
import type { Cidr } from '../cidr.ts';

/** Hands out the addresses of one node block, as the CNI's IPAM plugin does. */
export interface BlockAllocator {
  readonly block: Cidr;
  /** The next address the plugin would hand out, or undefined when the block is full. */
  next(): number | undefined;
  /** Claim a specific address; false if it is reserved, taken, or outside the block. */
  take(ip: number): boolean;
  /** Give an address back. */
  release(ip: number): void;
  /** True if the address could be handed out now. */
  isFree(ip: number): boolean;
  /** The error the real plugin reports when the block is full. */
  exhaustedMessage(): string;
}

/** An IPAM plugin model: which addresses of a block pods never get, and a factory for its allocator. */
export interface IpamModel {
  /** "calico-ipam", "host-local". */
  readonly name: string;
  /** Addresses in a node block that no pod can get (gateway, network, broadcast, tunnel address). */
  reserved(block: Cidr): number[];
  create(block: Cidr): BlockAllocator;
}
