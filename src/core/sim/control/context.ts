// What every controller shares: the world, its own random streams, the kubelets' runtime state and the event recorder.
import { jsonEqual } from '../api/json-equal.ts';
import type { KObject, NodeObj } from '../api/types.ts';
import type { World } from '../contracts.ts';
import type { Rng } from '../rng.ts';
import { EventRecorder } from './events.ts';
import { createInformers, type Informers } from './informers.ts';
import { KubeletState } from './kubelet-state.ts';

export interface ControlContext {
  readonly world: World;
  readonly events: EventRecorder;
  readonly kubelet: KubeletState;
  /** Scheduler tie-breaks. */
  readonly schedRng: Rng;
  /** Kubelet jitter (pull and start times) and container IDs. */
  readonly kubeletRng: Rng;
  /** Last reported failure per key, so a controller that keeps failing reports once instead of every pass. */
  readonly lastFailure: Map<string, string>;
  /** Uids of objects controllers write straight to the store (Endpoints). */
  readonly uids: Rng;
  /** Per controller: the store version and time when it last ran (settle skips it while neither changed). */
  readonly lastRun: Map<string, { version: number; time: number }>;
  /** Indexes and work queues fed by store changes. */
  readonly informers: Informers;
}

export function createContext(world: World): ControlContext {
  const informers = createInformers(world.store);
  return {
    world,
    events: new EventRecorder(world, world.rng.fork('event-uids'), informers.events),
    kubelet: new KubeletState(),
    schedRng: world.rng.fork('scheduler'),
    kubeletRng: world.rng.fork('kubelet'),
    lastFailure: new Map(),
    lastRun: new Map(),
    uids: world.rng.fork('control-uids'),
    informers,
  };
}

/** Namespaces whose pods are the cluster's own (not counted when spreading user pods). */
export const SYSTEM_NAMESPACES = new Set([
  'kube-system',
  'kube-flannel',
  'calico-system',
  'tigera-operator',
  'kube-public',
  'kube-node-lease',
]);

/** Is the node's kubelet down (a `node-down` fault)? */
export function nodeIsDown(world: World, node: string): boolean {
  return world.cluster.faults.some((f) => f.kind === 'node-down' && f.node === node);
}

/** Per node list, each name's index: the kubelets ask for a node by name on every pod they look at. */
const nodeIndexes = new WeakMap<readonly { name: string }[], Map<string, number>>();

/** The cluster's node of that name (what `cluster.nodes.find` gives, checked against the list as it is now). */
export function clusterNode(world: World, name: string): World['cluster']['nodes'][number] | undefined {
  const nodes = world.cluster.nodes;
  let index = nodeIndexes.get(nodes);
  const i = index?.get(name);
  if (i !== undefined && nodes[i]?.name === name) return nodes[i];
  index = new Map();
  for (let at = nodes.length - 1; at >= 0; at--) index.set(nodes[at].name, at);
  nodeIndexes.set(nodes, index);
  const at = index.get(name);
  return at === undefined ? undefined : nodes[at];
}

/** The node's InternalIP. */
export function nodeIp(world: World, node: string): string | undefined {
  return clusterNode(world, node)?.ip;
}

/** The stored Node, frozen (read only). */
export function getNode(world: World, name: string): NodeObj | undefined {
  return world.store.peek<NodeObj>('Node', undefined, name);
}

/** Write `obj` only if it differs from the stored copy (ignoring resourceVersion), so reconcilers settle. */
export function writeIfChanged(world: World, obj: KObject): boolean {
  const cur = world.store.peek(obj.kind, obj.metadata.namespace, obj.metadata.name);
  if (!cur) return false;
  const a = { ...cur, metadata: { ...cur.metadata, resourceVersion: undefined } };
  const b = { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } };
  if (jsonEqual(a, b)) return false;
  world.store.updateFrozen(obj);
  return true;
}
