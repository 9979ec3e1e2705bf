// The CNI driver table: one row per CNI model the simulator knows; adding a CNI is a new file and a row here.
import type { CniModel } from '../../../lesson/model.ts';
import { calico } from './calico.ts';
import type { CniDriver } from './driver.ts';
import { flannel } from './flannel.ts';
import { kindnet } from './kindnet.ts';

export const CNI_DRIVERS: Record<CniModel, CniDriver> = { calico, flannel, kindnet };

export type { CniDriver, Link, NetIf, NodeContext } from './driver.ts';
