// Per-node pod blocks: pinned blocks checked against the pool, the rest placed as the CNI would (random or in order).
import type { NodeSpec } from '../../lesson/model.ts';
import { PodlabError } from '../../errors.ts';
import type { Rng } from '../rng.ts';
import { containsCidr, formatCidr, overlaps, parseCidr, subnet, subnetCount, type Cidr } from './cidr.ts';
import type { CniDefaults } from './cni-defaults.ts';

function invalid(message: string): PodlabError {
  return new PodlabError('lesson-invalid', message);
}

/** Smallest node block that still leaves pods an address (a /30 has 2 usable addresses). */
const LONGEST_BLOCK_PREFIX = 30;

function pinnedBlock(node: NodeSpec, pool: Cidr): Cidr {
  const text = node.podCIDR ?? '';
  const block = parseCidr(text, true);
  if (!block) throw invalid(`node ${node.name}: podCIDR "${text}" is not a CIDR with its host bits zero (e.g. 10.244.1.0/24)`);
  if (!containsCidr(pool, block)) {
    throw invalid(`node ${node.name}: podCIDR ${text} is not inside the cluster pod CIDR ${formatCidr(pool)}`);
  }
  if (block.prefix > LONGEST_BLOCK_PREFIX)
    throw invalid(`node ${node.name}: podCIDR ${text} is too small for pods (longest is /${LONGEST_BLOCK_PREFIX})`);
  return block;
}

/**
 * Give every node a pod block. Pinned `podCIDR`s are honoured (they must lie in the pool and not overlap); the others
 * get /blockPrefix blocks that overlap none: at a random offset (Calico claims blocks from a random start) or the
 * lowest free one in node order (the node IPAM controller: 10.244.0.0/24 for the first node, 10.244.1.0/24 ...).
 */
export function assignPodBlocks(nodes: NodeSpec[], pool: Cidr, defaults: CniDefaults, rng: Rng): Cidr[] {
  const blocks: (Cidr | undefined)[] = nodes.map((n) => (n.podCIDR === undefined ? undefined : pinnedBlock(n, pool)));
  for (let i = 0; i < blocks.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = blocks[i];
      const b = blocks[j];
      if (a && b && overlaps(a, b)) {
        throw invalid(`nodes ${nodes[j].name} and ${nodes[i].name} have overlapping pod CIDRs ${formatCidr(b)} and ${formatCidr(a)}`);
      }
    }
  }
  const prefix = Math.max(defaults.blockPrefix, pool.prefix);
  const count = subnetCount(pool, prefix);
  const taken = (c: Cidr) => blocks.some((b) => b !== undefined && overlaps(b, c));
  for (let i = 0; i < nodes.length; i++) {
    if (blocks[i]) continue;
    const start = defaults.placement === 'random' ? rng.int(count) : 0;
    let found: Cidr | undefined;
    for (let k = 0; k < count && !found; k++) {
      const candidate = subnet(pool, prefix, (start + k) % count);
      if (candidate && !taken(candidate)) found = candidate;
    }
    if (!found) {
      throw invalid(`the cluster pod CIDR ${formatCidr(pool)} has no free /${prefix} block left for node ${nodes[i].name}`);
    }
    blocks[i] = found;
  }
  return blocks.map((b) => b as Cidr);
}
