// Pod facts controllers share: readiness, ownership, activity, and how to make a pod from a template.
import type { KObject, Pod } from '../api/types.ts';

type OwnerRef = NonNullable<KObject['metadata']['ownerReferences']>[number];

export function isPodReady(p: Pod): boolean {
  return (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Counted by controllers: not being deleted, not finished. */
export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}

export function controllerOf(o: KObject): OwnerRef | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller);
}

export function ownerRefTo(owner: KObject): OwnerRef {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid as string,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** A pod from a workload's template, owned by the workload; the apiserver completes the name (generateName). */
export function podFromTemplate(
  owner: KObject,
  template: { metadata?: KObject['metadata']; spec?: unknown },
  generateName: string,
  extra: { nodeName?: string } = {},
): Pod {
  const meta = template.metadata ?? ({} as KObject['metadata']);
  const spec = JSON.parse(JSON.stringify(template.spec ?? {})) as Pod['spec'];
  if (extra.nodeName) spec.nodeName = extra.nodeName;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName,
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [ownerRefTo(owner)],
    },
    spec,
  };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = { ...meta.annotations };
  return pod;
}

/** Ranks pods for deletion when scaling down (controller.ActivePods, roughly): cheapest to lose first. */
export function deletionRank(a: Pod, b: Pod): number {
  const key = (p: Pod): number[] => [
    p.spec.nodeName ? 1 : 0,
    p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2,
    isPodReady(p) ? 1 : 0,
  ];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  // Newer pods go first.
  return (
    (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || b.metadata.name.localeCompare(a.metadata.name)
  );
}
