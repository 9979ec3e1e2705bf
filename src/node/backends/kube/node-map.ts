// Lesson node names (henry002) to the real cluster's nodes (podlab-worker): by the podlab label kind sets, by
// equal name, else by role in order. The mapping is shown at start, since real output names the real nodes.
import type * as k8s from '@kubernetes/client-node';
import type { NodeSpec } from '../../../core/index.ts';

/** The node label a kind cluster made by podlab carries: the lesson's name for the node. */
export const LESSON_NODE_LABEL = 'podlab.dev/lesson-node';

function isControlPlane(n: k8s.V1Node): boolean {
  const labels = n.metadata?.labels ?? {};
  return 'node-role.kubernetes.io/control-plane' in labels || 'node-role.kubernetes.io/master' in labels;
}

/** lesson name → real name. Lesson nodes beyond the real ones share real nodes of their role, round robin. */
export function mapNodes(lessonNodes: NodeSpec[], real: k8s.V1Node[]): Map<string, string> {
  const map = new Map<string, string>();
  const names = real.map((n) => n.metadata?.name ?? '').sort();
  const byLabel = new Map(real.map((n) => [n.metadata?.labels?.[LESSON_NODE_LABEL], n.metadata?.name ?? '']));
  const pools = {
    'control-plane': real
      .filter(isControlPlane)
      .map((n) => n.metadata?.name ?? '')
      .sort(),
    worker: real
      .filter((n) => !isControlPlane(n))
      .map((n) => n.metadata?.name ?? '')
      .sort(),
  };
  const used = { 'control-plane': 0, worker: 0 };
  for (const n of lessonNodes) {
    const labelled = byLabel.get(n.name);
    if (labelled) map.set(n.name, labelled);
    else if (names.includes(n.name)) map.set(n.name, n.name);
  }
  const taken = new Set(map.values());
  for (const n of lessonNodes) {
    if (map.has(n.name)) continue;
    // prefer real nodes no lesson node has by name or label; share them only when there are too few
    const free = pools[n.role].filter((r) => !taken.has(r));
    const pool = free.length > 0 ? free : pools[n.role].length > 0 ? pools[n.role] : names;
    if (pool.length === 0) continue;
    map.set(n.name, pool[used[n.role]++ % pool.length]);
  }
  return map;
}

/** "henry001 → podlab-control-plane, henry002 → podlab-worker". */
export function describeNodeMap(map: Map<string, string>): string {
  return [...map].map(([a, b]) => (a === b ? a : `${a} → ${b}`)).join(', ');
}
