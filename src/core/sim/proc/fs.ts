// In-memory filesystems of hosts and containers, with generated files (/etc/hosts, /etc/resolv.conf).
import type { FileSystem, HostRef, World } from '../contracts.ts';

/** Returns the fs(host) function of a world; filesystems are created on first use. */
export function createFileSystems(_world: World): (host: HostRef) => FileSystem {
  throw new Error('not implemented yet: sim/proc/fs');
}
