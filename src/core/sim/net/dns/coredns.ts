// CoreDNS's kubernetes plugin over the store: the A records of Services, pods (`pods insecure`) and named endpoints.
//
// <svc>.<ns>.svc.<zone>          → the ClusterIP; a headless Service → its ready endpoint addresses (none: NXDOMAIN)
// <host>.<svc>.<ns>.svc.<zone>   → the endpoint whose hostname (pod spec.hostname + subdomain=<svc>) or dashed IP is <host>
// <a-b-c-d>.<ns>.pod.<zone>      → a.b.c.d, if the namespace exists (`pods insecure`: no check that such a pod exists)
// anything else in the zone      → NXDOMAIN; names outside the zone are forwarded to the node's resolver (the router),
//                                  which knows nothing: NXDOMAIN.
import type { Pod, Service } from '../../api/types.ts';
import type { Store } from '../../api/store.ts';
import { isIp } from '../cidr.ts';
import { readyAddresses } from '../service-endpoints.ts';

export type DnsRecord = { rcode: 'NOERROR'; addresses: string[]; cname?: string } | { rcode: 'NXDOMAIN'; why: string };

function namespaceExists(store: Store, ns: string): boolean {
  // A store without any Namespace objects (a bare test world) does not police namespaces.
  return store.has('Namespace', undefined, ns) || store.count('Namespace') === 0;
}

function service(store: Store, name: string, ns: string, host?: string): DnsRecord {
  const svc = store.peek<Service>('Service', ns, name);
  if (!svc)
    return {
      rcode: 'NXDOMAIN',
      why: namespaceExists(store, ns) ? `there is no Service ${name} in namespace ${ns}` : `there is no namespace ${ns}`,
    };
  if (svc.spec.type === 'ExternalName') {
    return {
      rcode: 'NXDOMAIN',
      why: `Service ${ns}/${name} is an ExternalName for ${svc.spec.externalName ?? '?'}, which no resolver in the simulated cluster knows`,
    };
  }
  const headless = svc.spec.clusterIP === 'None';
  if (host === undefined && !headless && svc.spec.clusterIP) return { rcode: 'NOERROR', addresses: [svc.spec.clusterIP] };
  const backends = readyAddresses(store, svc);
  const matches =
    host === undefined
      ? backends
      : backends.filter((b) => {
          if (b.ip.replace(/\./g, '-') === host || b.hostname === host) return true;
          const [pns, pname] = (b.pod ?? '/').split('/');
          const pod = pname ? store.peek<Pod>('Pod', pns, pname) : undefined;
          return pod?.spec.hostname === host && pod.spec.subdomain === name;
        });
  if (matches.length === 0) {
    return {
      rcode: 'NXDOMAIN',
      why:
        host === undefined
          ? `headless Service ${ns}/${name} has no ready endpoints`
          : `Service ${ns}/${name} has no ready endpoint named ${host}`,
    };
  }
  return { rcode: 'NOERROR', addresses: matches.map((b) => b.ip) };
}

/** Answer an A query for `fqdn` (no trailing dot) the way CoreDNS in zone `zone` would. */
export function corednsAnswer(store: Store, zone: string, fqdn: string): DnsRecord {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const suffix = `.${zone.toLowerCase()}`;
  if (!name.endsWith(suffix))
    return { rcode: 'NXDOMAIN', why: `${name} is outside ${zone}; the upstream resolver does not know it either` };
  const labels = name.slice(0, -suffix.length).split('.');
  const kind = labels[labels.length - 1];
  if (kind === 'svc' && labels.length === 3) return service(store, labels[0], labels[1]);
  if (kind === 'svc' && labels.length === 4) return service(store, labels[1], labels[2], labels[0]);
  if (kind === 'pod' && labels.length === 3) {
    const ip = labels[0].replace(/-/g, '.');
    if (!isIp(ip)) return { rcode: 'NXDOMAIN', why: `${labels[0]} is not a dashed IPv4 address` };
    if (!namespaceExists(store, labels[1])) return { rcode: 'NXDOMAIN', why: `there is no namespace ${labels[1]}` };
    return { rcode: 'NOERROR', addresses: [ip] };
  }
  return { rcode: 'NXDOMAIN', why: `${name} is not a Service (<svc>.<ns>.svc.${zone}) or pod (<a-b-c-d>.<ns>.pod.${zone}) name` };
}
