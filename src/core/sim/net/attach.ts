// CNI ADD / DEL: give a pod an address on its node (pins, Calico's ipAddrs annotation), a veth, and take them back.
import type { Pod } from '../api/types.ts';
import type { ResolvedCluster } from '../contracts.ts';
import type { CniDriver } from './cni/index.ts';
import type { PodIpam } from './ipam/pod-ipam.ts';
import { podKey, type NetState } from './state.ts';

export type AttachResult = { ok: true; ip: string } | { ok: false; message: string };

/** Calico's per-pod request for specific addresses (a JSON list, e.g. '["192.168.0.7"]'). */
export const CALICO_IPADDRS_ANNOTATION = 'cni.projectcalico.org/ipAddrs';

function calicoRequest(pod: Pod): { ip?: string; error?: string } {
  const raw = pod.metadata.annotations?.[CALICO_IPADDRS_ANNOTATION];
  if (raw === undefined) return {};
  try {
    const list: unknown = JSON.parse(raw);
    const first = Array.isArray(list) ? list.find((x): x is string => typeof x === 'string' && !x.includes(':')) : undefined;
    if (first !== undefined) return { ip: first };
  } catch {
    // fall through to the error below
  }
  return { error: `failed to parse annotation ${CALICO_IPADDRS_ANNOTATION}=${raw}: want a JSON list of IPv4 addresses` };
}

export class Attacher {
  constructor(
    private readonly cluster: ResolvedCluster,
    private readonly state: NetState,
    private readonly ipam: PodIpam,
    private readonly driver: CniDriver,
  ) {}

  attach(pod: Pod, node: string): AttachResult {
    const namespace = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name;
    const uid = pod.metadata.uid ?? '';
    const existing = this.state.attachments.get(podKey(namespace, name));
    if (existing && existing.node === node && existing.uid === uid) return { ok: true, ip: existing.ip };
    if (existing) this.detach(namespace, name);
    const host = this.cluster.nodes.find((n) => n.name === node);
    if (!host) return { ok: false, message: `node ${node} is not part of the cluster` };
    const base = { namespace, pod: name, uid, node, seq: this.state.nextSeq() };
    if (pod.spec.hostNetwork) {
      this.state.add({ ...base, ip: host.ip, hostNetwork: true, hostIfName: '', hostIfIndex: 0, linkNetnsId: 0 });
      return { ok: true, ip: host.ip };
    }
    const pin = this.cluster.pins.find(
      (p) => p.pod === name && (p.namespace ?? 'default') === namespace && (p.node === undefined || p.node === node),
    );
    const calico = this.cluster.cni === 'calico' ? calicoRequest(pod) : {};
    if (calico.error) return { ok: false, message: calico.error };
    const got = this.ipam.allocate(node, { preferred: pin?.ip, required: calico.ip });
    if (!got.ok) return got;
    this.state.add({
      ...base,
      ip: got.ip,
      hostNetwork: false,
      hostIfName: this.driver.hostVethName(namespace, name, uid),
      hostIfIndex: this.state.allocIfIndex(node, this.driver.firstHostVethIndex),
      linkNetnsId: this.state.allocNetnsId(node),
    });
    if (this.driver.bridge) this.state.addBridge(node);
    return got;
  }

  detach(namespace: string, name: string): void {
    const a = this.state.remove(podKey(namespace, name));
    if (!a) return;
    if (!a.hostNetwork) this.ipam.release(a.ip);
  }
}
