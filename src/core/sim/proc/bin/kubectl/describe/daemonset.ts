// `kubectl describe daemonset`: describeDaemonSet (kubectl pkg/describe/describe.go): selector, node selector, the
// status counts, "Pods Status" over the pods the DaemonSet controls (getPodStatusForController: matching the selector
// and with the DaemonSet as controller owner, counted by phase), then the pod template.
import { formatLabels, formatSelector, matchesSelector } from '../../../../api/selector.ts';
import type { KObject } from '../../../../api/types.ts';
import type { Kube } from '../kube.ts';
import { describePodTemplate } from './deployment.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels } from './writer.ts';

export function describeDaemonSet(k: Kube, w: DescribeWriter, ds: KObject): void {
  const spec = ds.spec ?? {};
  const st = ds.status ?? {};
  const count = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of k.api.list('Pod', { namespace: ds.metadata.namespace })) {
    if (!matchesSelector(spec.selector, p.metadata.labels)) continue;
    const owner = (p.metadata.ownerReferences ?? []).find((o) => o.controller);
    if (!owner || owner.uid !== ds.metadata.uid) continue;
    const phase = (p.status?.phase as string | undefined) ?? '';
    if (phase in count) count[phase]++;
  }
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace ?? ''}\n`);
  w.write(0, `Selector:\t${formatSelector(spec.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
  printLabels(w, 'Labels', ds.metadata.labels);
  printAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${count.Running} Running / ${count.Pending} Waiting / ${count.Succeeded} Succeeded / ${count.Failed} Failed\n`);
  describePodTemplate(w, spec.template);
}
