// `kubectl describe deployment`: replicas, strategy, pod template, conditions, old/new ReplicaSets.
import { formatSelector } from '../../../../api/selector.ts';
import type { KObject } from '../../../../api/types.ts';
import type { Kube } from '../kube.ts';
import { describeContainers, describeVolumes } from './pod.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels, printTolerations, rfc1123z } from './writer.ts';

/** DescribePodTemplate. */
export function describePodTemplate(w: DescribeWriter, template: KObject['spec']): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  printLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotations(w, '  Annotations', template.metadata.annotations);
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}

function rsSummary(list: KObject[]): string {
  if (list.length === 0) return '<none>';
  return list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
}

const sameTemplate = (a: unknown, b: unknown) =>
  JSON.stringify((a as { spec?: unknown })?.spec) === JSON.stringify((b as { spec?: unknown })?.spec);

export function describeDeployment(k: Kube, w: DescribeWriter, d: KObject): void {
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabels(w, 'Labels', d.metadata.labels);
  printAnnotations(w, 'Annotations', d.metadata.annotations);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? 'RollingUpdate'}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge\n`);
  describePodTemplate(w, spec.template);
  const conditions: { type: string; status: string; reason?: string }[] = st.conditions ?? [];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const owned = k.api
    .list('ReplicaSet', { namespace: d.metadata.namespace })
    .filter((rs) => (rs.metadata.ownerReferences ?? []).some((o) => o.uid === d.metadata.uid));
  const strip = (t: KObject['spec']) => {
    const c = JSON.parse(JSON.stringify(t ?? {}));
    if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
    return c;
  };
  const newRs = owned.find((rs) => sameTemplate(strip(rs.spec?.template), strip(spec.template)));
  const oldRs = owned.filter((rs) => rs !== newRs && ((rs.spec?.replicas ?? 0) > 0 || (rs.status?.replicas ?? 0) > 0));
  if (owned.length) {
    w.write(0, `OldReplicaSets:\t${rsSummary(oldRs)}\n`);
    w.write(0, `NewReplicaSet:\t${rsSummary(newRs ? [newRs] : [])}\n`);
  }
}
