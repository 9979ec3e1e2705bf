// Which IPAM plugin model each CNI uses: Calico its own block IPAM, flannel and kindnet host-local.
import type { CniModel } from '../../../lesson/model.ts';
import type { IpamModel } from './allocator.ts';
import { calicoIpam } from './calico-ipam.ts';
import { hostLocalIpam } from './host-local.ts';

export const IPAM_BY_CNI: Record<CniModel, IpamModel> = {
  calico: calicoIpam,
  flannel: hostLocalIpam,
  kindnet: hostLocalIpam,
};
