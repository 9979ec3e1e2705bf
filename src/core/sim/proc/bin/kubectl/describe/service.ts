// `kubectl describe service`: describeService's layout, endpoints per port from the Endpoints object.
import type { KObject } from '../../../../api/types.ts';
import type { Kube } from '../kube.ts';
import { formatLabels } from '../../../../api/printers/table-def.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels } from './writer.ts';

/** formatEndpoints restricted to one port name (describe prints one Endpoints line per service port). */
function endpointsFor(ep: KObject | undefined, portName: string): string {
  const subsets: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[] = (ep?.subsets as []) ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of subsets) {
    for (const p of ss.ports ?? []) {
      if ((p.name ?? '') !== portName) continue;
      count += (ss.addresses ?? []).length;
      for (const a of ss.addresses ?? []) {
        if (list.length === 3) {
          more = true;
          break;
        }
        list.push(`${a.ip}:${p.port}`);
      }
    }
  }
  const ret = list.join(',');
  if (more) return `${ret} + ${count - 3} more...`;
  return ret;
}

export function describeService(k: Kube, w: DescribeWriter, svc: KObject): void {
  const spec = svc.spec ?? {};
  const ep = k.api.get({ kind: 'Endpoints', namespace: svc.metadata.namespace, name: svc.metadata.name });
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', svc.metadata.labels);
  printAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).length ? spec.ipFamilies.join(',') : '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).length ? spec.clusterIPs.join(',') : '<none>'}\n`);
  if ((spec.externalIPs ?? []).length) w.write(0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress: { ip?: string; hostname?: string }[] = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i) => i.ip || i.hostname).join(', ')}\n`);
  for (const p of (spec.ports ?? []) as {
    name?: string;
    port: number;
    protocol?: string;
    targetPort?: number | string;
    nodePort?: number;
  }[]) {
    const name = p.name || '<unset>';
    const proto = p.protocol ?? 'TCP';
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${endpointsFor(ep.ok ? ep.object : undefined, p.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
}
