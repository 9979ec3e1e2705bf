// The node lifecycle controller: a node whose kubelet is down (fault `node-down`) turns NotReady (conditions
// Unknown), gets the unreachable taints, and its pods are marked not ready (they keep their phase).
import { compareObjects } from '../api/kind-table.ts';
import type { NodeObj } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { nodeIsDown, writeIfChanged } from './context.ts';

const KUBELET_CONDITIONS = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function markDown(ctx: ControlContext, node: NodeObj): void {
  const now = ctx.world.clock.iso();
  const conditions = (node.status?.conditions ?? []).map((c) => {
    if (!KUBELET_CONDITIONS.includes(c.type) || c.status === 'Unknown') return c;
    return {
      ...c,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: now,
    };
  });
  const taints = [...(node.spec?.taints ?? [])];
  for (const effect of ['NoSchedule', 'NoExecute']) {
    if (!taints.some((t) => t.key === UNREACHABLE && t.effect === effect))
      taints.push({ key: UNREACHABLE, effect, timeAdded: now } as never);
  }
  writeIfChanged(ctx.world, { ...node, spec: { ...node.spec, taints }, status: { ...node.status, conditions } });
}

function markPodsNotReady(ctx: ControlContext, node: string): void {
  const now = ctx.world.clock.iso();
  for (const pod of ctx.informers.podsByNode.get(node).sort(compareObjects)) {
    const conditions = pod.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    const status = {
      ...(pod.status ?? { phase: 'Pending' }),
      conditions: conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c)),
    };
    ctx.world.store.updateFrozen({ ...pod, status });
  }
}

export function runNodeLifecycle(ctx: ControlContext): void {
  // Nothing to look at (it runs on every pass) unless some node is down.
  if (!ctx.world.cluster.faults.some((f) => f.kind === 'node-down')) return;
  for (const node of ctx.world.store.scan<NodeObj>('Node')) {
    if (!nodeIsDown(ctx.world, node.metadata.name)) continue;
    markDown(ctx, node);
    markPodsNotReady(ctx, node.metadata.name);
  }
}
