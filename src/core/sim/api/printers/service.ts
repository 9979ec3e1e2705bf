// `kubectl get svc` rows: TYPE, CLUSTER-IP (None for headless), EXTERNAL-IP, PORT(S) like 80:30080/TCP, wide SELECTOR.
import { age } from '../duration.ts';
import { formatLabels, type TableDef } from './table-def.ts';

interface Port {
  port: number;
  protocol?: string;
  nodePort?: number;
}

/** makePortString: `80/TCP`, `80:30080/TCP`, comma-joined. */
export function portString(ports: Port[] | undefined): string {
  return (ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
}

/** getServiceExternalIP (wide form). */
export function externalIp(spec: { type?: string; externalIPs?: string[]; externalName?: string }, status: unknown): string {
  const ext = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress: { ip?: string; hostname?: string }[] =
        (status as { loadBalancer?: { ingress?: [] } } | undefined)?.loadBalancer?.ingress ?? [];
      const lb = ingress.map((i) => i.ip || i.hostname || '').filter(Boolean);
      const all = [...lb, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

export const serviceTable: TableDef = {
  kind: 'Service',
  columns: [
    { name: 'Name' },
    { name: 'Type' },
    { name: 'Cluster-IP' },
    { name: 'External-IP' },
    { name: 'Port(s)' },
    { name: 'Age' },
    { name: 'Selector', priority: 1 },
  ],
  row(svc, nowMs) {
    const spec = svc.spec ?? {};
    const ips: string[] = spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : []);
    const ports = portString(spec.ports);
    return [
      svc.metadata.name,
      spec.type ?? 'ClusterIP',
      ips[0] ?? '<none>',
      externalIp(spec, svc.status),
      ports || '<none>',
      age(svc.metadata.creationTimestamp, nowMs),
      formatLabels(spec.selector),
    ];
  },
};
