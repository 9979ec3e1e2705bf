// The scheduler: bind each pending pod to a node — an author's pin, else the feasible node with the fewest
// user pods (ties broken by the seeded stream) — or report why none fits.
import type { NodeObj, Pod } from '../api/types.ts';
import type { ControlContext } from './context.ts';
import { SYSTEM_NAMESPACES } from './context.ts';
import { FILTERS, type FilterInput } from './scheduler-filters.ts';

function pinnedNode(ctx: ControlContext, pod: Pod): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const pin = ctx.world.cluster.pins.find((p) => p.pod === pod.metadata.name && (p.namespace ?? 'default') === ns && p.node);
  return pin?.node && ctx.world.store.has('Node', undefined, pin.node) ? pin.node : undefined;
}

/** `0/3 nodes are available: 1 node(s) had ..., 2 node(s) didn't .... preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.` */
export function unschedulableMessage(total: number, reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  const head = `0/${total} nodes are available`;
  return `${head}${parts.length ? `: ${parts.join(', ')}` : ''}. preemption: ${head}: ${total} Preemption is not helpful for scheduling.`;
}

function bind(ctx: ControlContext, pod: Pod, node: string): void {
  const w = ctx.world;
  const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: w.clock.iso() } as never);
  const bound = w.store.updateFrozen({
    ...pod,
    spec: { ...pod.spec, nodeName: node },
    status: { ...(pod.status ?? { phase: 'Pending' }), conditions },
  });
  ctx.events.record(
    bound,
    { component: 'default-scheduler' },
    { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}` },
  );
}

function markUnschedulable(ctx: ControlContext, pod: Pod, message: string): void {
  const prior = pod.status?.conditions?.find((c) => c.type === 'PodScheduled') as { status?: string; message?: string } | undefined;
  if (prior?.status === 'False' && prior.message === message) return;
  const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: ctx.world.clock.iso(),
    reason: 'Unschedulable',
    message,
  } as never);
  const stored = ctx.world.store.updateFrozen({ ...pod, status: { ...(pod.status ?? { phase: 'Pending' }), conditions } });
  ctx.events.record(stored, { component: 'default-scheduler' }, { type: 'Warning', reason: 'FailedScheduling', message });
}

/** Schedule every pending pod, oldest first. */
export function runScheduler(ctx: ControlContext): void {
  const w = ctx.world;
  const pending = ctx.informers.unscheduled
    .get('')
    .filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp && (p.spec as { schedulerName?: string }).schedulerName !== 'none')
    .filter((p) => ((p.spec as { schedulerName?: string }).schedulerName ?? 'default-scheduler') === 'default-scheduler')
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
    );
  if (!pending.length) return;
  const nodes = w.store.scan<NodeObj>('Node');
  // Each node's pods and load, kept across the pending pods of this run until a pod is bound to that node (binding
  // is the only write here that moves a pod onto a node).
  const onNode = new Map<string, { podsOnNode: Pod[]; load: number }>();
  const podsOf = (name: string): { podsOnNode: Pod[]; load: number } => {
    let n = onNode.get(name);
    if (!n) {
      // The filters and the load count do not depend on the pods' order.
      const podsOnNode = ctx.informers.podsByNode.get(name).filter((p) => !p.metadata.deletionTimestamp);
      const load = podsOnNode.filter((p) => !SYSTEM_NAMESPACES.has(p.metadata.namespace ?? '')).length;
      onNode.set(name, (n = { podsOnNode, load }));
    }
    return n;
  };
  for (const pod of pending) {
    const pinned = pinnedNode(ctx, pod);
    if (pinned) {
      bind(ctx, pod, pinned);
      onNode.delete(pinned);
      continue;
    }
    const reasons: string[] = [];
    // The feasible nodes with the least load, in node order (one input object for all the filter calls).
    let best: string[] = [];
    let least = Infinity;
    const input: FilterInput = { pod, node: nodes[0], podsOnNode: [] };
    for (const node of nodes) {
      const { podsOnNode, load } = podsOf(node.metadata.name);
      input.node = node;
      input.podsOnNode = podsOnNode;
      let why: string | undefined;
      for (const f of FILTERS) if ((why = f.check(input)) !== undefined) break;
      if (why) reasons.push(why);
      else if (load < least) {
        least = load;
        best = [node.metadata.name];
      } else if (load === least) best.push(node.metadata.name);
    }
    if (!best.length) {
      markUnschedulable(ctx, pod, unschedulableMessage(nodes.length, reasons));
      continue;
    }
    const chosen = best.length === 1 ? best[0] : ctx.schedRng.pick(best);
    bind(ctx, pod, chosen);
    onNode.delete(chosen);
  }
}
