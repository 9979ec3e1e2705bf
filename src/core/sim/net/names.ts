// Stable link-layer names: MAC addresses and veth names derived from hashes, never from randomness.
import { sha1Hex } from './sha1.ts';

/**
 * A locally administered unicast MAC derived from a key (e.g. "pod/default/web/eth0").
 * The same key always gives the same MAC; the first octet has bit 1 set and bit 0 clear, as the kernel's random MACs do.
 */
export function stableMac(key: string): string {
  const hex = sha1Hex(`mac:${key}`);
  const octets = [0, 1, 2, 3, 4, 5].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  octets[0] = (octets[0] & 0xfc) | 0x02;
  return octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
}

/** Calico's host-side veth name: "cali" + the first 11 hex digits of sha1("<namespace>.<pod>") (Calico's VethNameForWorkload). */
export function calicoVethName(namespace: string, pod: string): string {
  return `cali${sha1Hex(`${namespace}.${pod}`).slice(0, 11)}`;
}

/** The host-side veth name the CNI bridge/ptp plugins would pick ("veth" + 8 hex digits); stable per pod instead of random. */
export function pluginVethName(namespace: string, pod: string, uid = ''): string {
  return `veth${sha1Hex(`veth:${namespace}/${pod}/${uid}`).slice(0, 8)}`;
}

/** The MAC Calico gives every host-side veth, so pods see the same gateway MAC everywhere. */
export const CALICO_HOST_VETH_MAC = 'ee:ee:ee:ee:ee:ee';
