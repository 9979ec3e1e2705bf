// CoreDNS (v1.11.3, kubeadm's Corefile) over the store: its kubernetes plugin for the cluster zone and in-addr.arpa,
// then `forward . /etc/resolv.conf` for everything else — to an upstream that, in this offline cluster, never answers.
//
// kubeadm's Corefile (cmd/kubeadm/app/phases/addons/dns/manifests.go):
//   kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }
//   forward . /etc/resolv.conf { max_concurrent 1000 }   cache 30
//
// The names the kubernetes plugin answers (coredns plugin/kubernetes/parse.go parseRequest, kubernetes.go findServices,
// findPods, reverse.go; see https://github.com/coredns/coredns/tree/v1.11.3/plugin/kubernetes):
//   <svc>.<ns>.svc.<zone>              A: the ClusterIP (even without endpoints); a headless Service: its ready endpoint
//                                      addresses (none: NXDOMAIN); an ExternalName: a CNAME to spec.externalName
//   <ep>.<svc>.<ns>.svc.<zone>         A: the ready endpoint whose endpointHostname is <ep>: its hostname when it has
//                                      one (pod spec.hostname with spec.subdomain = <svc>), else its dashed IP
//   _<port>._<proto>.<svc>.<ns>.svc.<zone>  SRV for the named port (the name without them: every port); 0 priority,
//                                      weight 100/n, the ClusterIP's name or each endpoint's <ep>.<svc>... as target
//   <a-b-c-d>.<ns>.pod.<zone>          A: a.b.c.d if the namespace exists (`pods insecure`: no check of any pod)
//   d.c.b.a.in-addr.arpa               PTR: the Service whose ClusterIP it is, else <ep>.<svc>.<ns>.svc.<zone> for each
//                                      Service with that ready endpoint; else `fallthrough` to forward
//   anything else in the zone          NXDOMAIN (authoritative); the namespace or zone apex itself: NODATA
// Outside the zone, forward sends the query to the node's resolver. Nothing answers it here: forward's ServeDNS tries
// until its 5 s deadline in 2 s reads (plugin/forward/forward.go defaultTimeout, plugin/pkg/proxy readTimeout), so
// after its third read, 6 s on, CoreDNS answers SERVFAIL. A client that waits less sees no answer at all.
import type { Pod, Service, ServicePort } from '../../api/types.ts';
import type { Store } from '../../api/store.ts';
import { isIp } from '../cidr.ts';
import { readyAddresses, readyBackends, type ServiceBackend } from '../service-endpoints.ts';

export type QType = 'A' | 'AAAA' | 'PTR' | 'SRV';

/** One SRV record (RFC 2782) as CoreDNS builds it (plugin/backend_lookup.go SRV). */
export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/** The answer CoreDNS sends, and how long after the query it does (forwarded names wait on the silent upstream). */
export type DnsRecord =
  | {
      rcode: 'NOERROR';
      addresses: string[];
      cname?: string;
      ptr?: string[];
      srv?: SrvRecord[];
      /** The additional section of an SRV answer: the targets' A records. */
      extra?: { name: string; ip: string }[];
      delayMs?: number;
    }
  | { rcode: 'NXDOMAIN'; why: string; delayMs?: number }
  | { rcode: 'SERVFAIL'; why: string; delayMs: number };

/** When CoreDNS gives up on a silent upstream: reads of 2 s at 0, 2 and 4 s within forward's 5 s deadline. */
export const FORWARD_GIVE_UP_MS = 6000;

function namespaceExists(store: Store, ns: string): boolean {
  // A store without any Namespace objects (a bare test world) does not police namespaces.
  return store.has('Namespace', undefined, ns) || store.count('Namespace') === 0;
}

function forwarded(name: string): DnsRecord {
  return {
    rcode: 'SERVFAIL',
    delayMs: FORWARD_GIVE_UP_MS,
    why: `${name} is not a cluster name, so CoreDNS forwarded it to the node's resolver, which does not answer in this offline cluster: SERVFAIL after 6 s`,
  };
}

function nodata(): DnsRecord {
  return { rcode: 'NOERROR', addresses: [] };
}

/** The label CoreDNS gives an endpoint (kubernetes.go endpointHostname): its hostname, else its dashed IP. */
function endpointHostname(store: Store, svc: Service, b: ServiceBackend): string {
  if (b.hostname) return b.hostname;
  // The endpoints controller sets the hostname from the pod (ShouldSetHostname): spec.hostname with subdomain = the Service.
  const [pns, pname] = (b.pod ?? '/').split('/');
  const pod = pname ? store.peek<Pod>('Pod', pns, pname) : undefined;
  if (pod?.spec.hostname && pod.spec.subdomain === svc.metadata.name) return pod.spec.hostname;
  return b.ip.replace(/\./g, '-');
}

function portMatches(p: ServicePort, port: string | undefined, proto: string | undefined): boolean {
  const eq = (a: string | undefined, b: string) => a === undefined || a.toLowerCase() === b.toLowerCase();
  return eq(port, p.name ?? '') && eq(proto, p.protocol ?? 'TCP');
}

interface Request {
  svc: string;
  ns: string;
  endpoint?: string;
  port?: string;
  proto?: string;
}

function srvOf(records: { target: string; port: number; ip: string }[]): DnsRecord {
  // One priority (0): each record weighs floor(100 / n), at least 1.
  const weight = Math.max(1, Math.floor(100 / Math.max(records.length, 1)));
  const extra: { name: string; ip: string }[] = [];
  for (const r of records) if (!extra.some((e) => e.name === r.target && e.ip === r.ip)) extra.push({ name: r.target, ip: r.ip });
  return {
    rcode: 'NOERROR',
    addresses: [],
    srv: records.map((r) => ({ priority: 0, weight, port: r.port, target: r.target })),
    extra,
  };
}

function service(store: Store, zone: string, r: Request, qtype: QType): DnsRecord {
  const { svc: name, ns } = r;
  const svc = store.peek<Service>('Service', ns, name);
  if (!svc)
    return {
      rcode: 'NXDOMAIN',
      why: namespaceExists(store, ns) ? `there is no Service ${name} in namespace ${ns}` : `there is no namespace ${ns}`,
    };
  const fqdn = `${name}.${ns}.svc.${zone}`;
  if (svc.spec.type === 'ExternalName') {
    if (r.endpoint !== undefined || r.port !== undefined || r.proto !== undefined)
      return { rcode: 'NXDOMAIN', why: `Service ${ns}/${name} is an ExternalName: it has no endpoints or ports` };
    const target = (svc.spec.externalName ?? '').replace(/\.$/, '').toLowerCase();
    if (qtype === 'SRV' || qtype === 'PTR') return { rcode: 'NOERROR', addresses: [], cname: target };
    // backend_lookup.go A: a target in the zone is answered here, any other through the upstream (which is silent).
    if (target.endsWith(`.${zone}`)) {
      const next = corednsAnswer(store, zone, target, qtype);
      return next.rcode === 'NOERROR' ? { ...next, cname: target } : { rcode: 'NOERROR', addresses: [], cname: target };
    }
    return { rcode: 'NOERROR', addresses: [], cname: target, delayMs: FORWARD_GIVE_UP_MS };
  }
  const ports = (svc.spec.ports ?? []).filter((p) => portMatches(p, r.port, r.proto));
  const headless = svc.spec.clusterIP === 'None';
  if (r.endpoint === undefined && !headless && svc.spec.clusterIP) {
    if (ports.length === 0 && (r.port !== undefined || r.proto !== undefined))
      return { rcode: 'NXDOMAIN', why: `Service ${ns}/${name} has no port ${r.port ?? ''}/${r.proto ?? ''}` };
    if (qtype === 'SRV') return srvOf(ports.map((p) => ({ target: fqdn, port: p.port, ip: svc.spec.clusterIP ?? '' })));
    if (qtype === 'AAAA') return nodata();
    return { rcode: 'NOERROR', addresses: [svc.spec.clusterIP] };
  }
  const records: { target: string; port: number; ip: string }[] = [];
  for (const p of ports) {
    for (const b of readyBackends(store, svc, p)) {
      const host = endpointHostname(store, svc, b);
      if (r.endpoint !== undefined && host.toLowerCase() !== r.endpoint) continue;
      records.push({ target: `${host}.${fqdn}`, port: b.port, ip: b.ip });
    }
  }
  // A Service without ports: CoreDNS still answers A for its endpoints (port -1, left out of SRV answers).
  if ((svc.spec.ports ?? []).length === 0 && r.port === undefined && r.proto === undefined) {
    for (const b of readyAddresses(store, svc)) {
      const host = endpointHostname(store, svc, b);
      if (r.endpoint === undefined || host.toLowerCase() === r.endpoint) records.push({ target: `${host}.${fqdn}`, port: -1, ip: b.ip });
    }
  }
  if (records.length === 0) {
    return {
      rcode: 'NXDOMAIN',
      why:
        r.endpoint === undefined
          ? `headless Service ${ns}/${name} has no ready endpoints`
          : `Service ${ns}/${name} has no ready endpoint named ${r.endpoint}`,
    };
  }
  if (qtype === 'SRV') return srvOf(records.filter((x) => x.port !== -1));
  if (qtype === 'AAAA') return nodata();
  return { rcode: 'NOERROR', addresses: [...new Set(records.map((x) => x.ip))] };
}

/** reverse.go serviceRecordForIP: a ClusterIP first, else every Service with that ready endpoint. */
function reverse(store: Store, zone: string, ip: string): string[] {
  const services = store.scan<Service>('Service');
  const byClusterIp = services.find((s) => s.spec.clusterIP === ip || (s.spec.clusterIPs ?? []).includes(ip));
  if (byClusterIp) return [`${byClusterIp.metadata.name}.${byClusterIp.metadata.namespace ?? 'default'}.svc.${zone}`];
  const names: string[] = [];
  for (const s of services) {
    if (s.spec.type === 'ExternalName') continue;
    for (const b of readyAddresses(store, s)) {
      if (b.ip === ip) names.push(`${endpointHostname(store, s, b)}.${s.metadata.name}.${s.metadata.namespace ?? 'default'}.svc.${zone}`);
    }
  }
  return names;
}

/** `d.c.b.a.in-addr.arpa` → a.b.c.d, else undefined (dnsutil.ExtractAddressFromReverse). */
export function addressFromReverse(name: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
  if (!m) return undefined;
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  return isIp(ip) ? ip : undefined;
}

/** The reverse name of an IPv4 address: 10.96.0.1 → 1.0.96.10.in-addr.arpa. */
export function reverseName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** Answer a query for `fqdn` (no trailing dot needed) the way CoreDNS in zone `zone` would. */
export function corednsAnswer(store: Store, zone: string, fqdn: string, qtype: QType = 'A'): DnsRecord {
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  const z = zone.toLowerCase();
  if (name.endsWith('.in-addr.arpa') || name === 'in-addr.arpa') {
    const ip = addressFromReverse(name);
    const names = ip && qtype === 'PTR' ? reverse(store, zone, ip) : [];
    // `fallthrough in-addr.arpa`: what the kubernetes plugin does not know goes on to forward.
    return names.length > 0 ? { rcode: 'NOERROR', addresses: [], ptr: names } : forwarded(name);
  }
  if (name !== z && !name.endsWith(`.${z}`)) return forwarded(name);
  if (name === z || name === `svc.${z}` || name === `pod.${z}`) return nodata();
  const labels = name.slice(0, -(z.length + 1)).split('.');
  const kind = labels[labels.length - 1];
  const ns = labels[labels.length - 2];
  if ((kind === 'svc' || kind === 'pod') && labels.length === 2) {
    return namespaceExists(store, ns) ? nodata() : { rcode: 'NXDOMAIN', why: `there is no namespace ${ns}` };
  }
  if (kind === 'svc' && labels.length === 3) return service(store, zone, { svc: labels[0], ns: labels[1] }, qtype);
  if (kind === 'svc' && labels.length === 4) return service(store, zone, { svc: labels[1], ns: labels[2], endpoint: labels[0] }, qtype);
  if (kind === 'svc' && labels.length === 5) {
    const strip = (s: string) => s.replace(/^_/, '');
    return service(store, zone, { svc: labels[2], ns: labels[3], port: strip(labels[0]), proto: strip(labels[1]) }, qtype);
  }
  if (kind === 'pod' && labels.length === 3) {
    const ip = labels[0].replace(/-/g, '.');
    if (!isIp(ip)) return { rcode: 'NXDOMAIN', why: `${labels[0]} is not a dashed IPv4 address` };
    if (!namespaceExists(store, labels[1])) return { rcode: 'NXDOMAIN', why: `there is no namespace ${labels[1]}` };
    return qtype === 'A' ? { rcode: 'NOERROR', addresses: [ip] } : nodata();
  }
  return { rcode: 'NXDOMAIN', why: `${name} is not a Service (<svc>.<ns>.svc.${zone}) or pod (<a-b-c-d>.<ns>.pod.${zone}) name` };
}
