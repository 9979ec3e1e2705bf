// `kubectl describe endpointslice`: describeEndpointSliceV1 (kubectl pkg/describe/describe.go): AddressType, a Ports
// table (unnamed ports as <unset>), then each endpoint's addresses, Ready condition, hostname, target, node and zone.
import type { KObject } from '../../../../api/types.ts';
import type { Kube } from '../kube.ts';
import type { DescribeWriter } from './writer.ts';
import { printAnnotations, printLabels } from './writer.ts';

interface SlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean };
  hostname?: string;
  targetRef?: { kind?: string; name?: string };
  nodeName?: string;
  zone?: string;
}

export function describeEndpointSlice(_k: Kube, w: DescribeWriter, eps: KObject): void {
  const o = eps as unknown as { addressType?: string; ports?: SlicePort[] | null; endpoints?: SliceEndpoint[] | null };
  w.write(0, `Name:\t${eps.metadata.name}\n`);
  w.write(0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
  printLabels(w, 'Labels', eps.metadata.labels);
  printAnnotations(w, 'Annotations', eps.metadata.annotations);
  w.write(0, `AddressType:\t${o.addressType ?? ''}\n`);
  const ports = o.ports ?? [];
  if (ports.length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? 'TCP'}\n`);
  }
  const endpoints = o.endpoints ?? [];
  if (endpoints.length === 0) return w.write(0, 'Endpoints: <none>\n');
  w.write(0, 'Endpoints:\n');
  for (const e of endpoints) {
    w.write(1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
    w.write(2, 'Conditions:\n');
    w.write(3, `Ready:\t${e.conditions?.ready === undefined ? '<unset>' : String(e.conditions.ready)}\n`);
    w.write(2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
    if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
    w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
    w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
  }
}
