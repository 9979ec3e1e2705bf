// A stub resolver's lookup: /etc/hosts, then each search-list candidate sent as a real UDP query to the nameserver.
// The query walks the network like any packet (kube-proxy DNATs kube-dns's ClusterIP to a CoreDNS pod); whoever
// answers on port 53 decides: the node subnet's router (upstream: knows no cluster name) or CoreDNS (the store).
import type { Service } from '../../api/types.ts';
import type { DnsAnswer, ResolveOptions } from '../../contracts.ts';
import { isIp } from '../cidr.ts';
import type { Netns } from '../fabric.ts';
import { exchange, type ProbeEnv } from '../probe.ts';
import { corednsAnswer, type DnsRecord } from './coredns.ts';
import { lookupHosts, type HostsEntry } from './hosts.ts';
import type { ResolvConf } from './resolv-conf.ts';
import { ndotsOf } from './resolv-conf.ts';
import { searchCandidates } from './search.ts';

export interface ResolveEnv extends ProbeEnv {
  domain: string;
}

type QueryResult = { kind: 'answer'; record: DnsRecord; upstream: boolean } | { kind: 'no-answer'; refused: boolean; reason: string };

/** Send one query for `fqdn` to server:53 over UDP from `source`. */
function query(env: ResolveEnv, source: Netns, server: string, fqdn: string): QueryResult {
  const { result, server: at } = exchange(env, source, server, 53, 'UDP');
  if (result.outcome !== 'connected' || !at) {
    const refused = result.outcome === 'refused' || result.outcome === 'no-endpoints';
    return { kind: 'no-answer', refused, reason: result.reason };
  }
  if (at.kind === 'router')
    return { kind: 'answer', upstream: true, record: { rcode: 'NXDOMAIN', why: `the node's resolver ${server} knows no cluster names` } };
  return { kind: 'answer', upstream: false, record: corednsAnswer(env.store, env.domain, fqdn) };
}

/** "web" exists as a Service in other namespaces: a hint for a short-name miss. */
function otherNamespaces(env: ResolveEnv, name: string): string[] {
  if (name.includes('.')) return [];
  return env.store
    .scan<Service>('Service')
    .filter((s) => s.metadata.name === name)
    .map((s) => s.metadata.namespace ?? 'default');
}

/**
 * The explanation for the candidate the user most likely meant: "web" → web.<ns>.svc, "web.prod" → web.prod.svc
 * (and the name itself when "prod" is no namespace: it may be an outside name), longer names → the name itself.
 */
function mainWhy(q: string, conf: ResolvConf, domain: string, whys: Map<string, string>): string {
  const bare = q.replace(/\.$/, '');
  const dots = (bare.match(/\./g) ?? []).length;
  const meant =
    bare.endsWith(`.${domain}`) || dots > 1 ? [bare] : dots === 0 ? [`${bare}.${conf.search[0] ?? ''}`] : [`${bare}.svc.${domain}`];
  if (dots === 1 && whys.get(meant[0])?.startsWith('there is no namespace')) meant.push(bare);
  const found = meant.map((m) => whys.get(m)).filter((w): w is string => w !== undefined);
  return found.length > 0 ? ` (${found.join('; ')})` : '';
}

/** Resolve `name` from `source` with its resolv.conf and hosts file. */
export function resolveName(
  env: ResolveEnv,
  source: Netns,
  name: string,
  conf: ResolvConf,
  hosts: HostsEntry[],
  options: ResolveOptions = {},
): DnsAnswer {
  const q = name.trim();
  if (isIp(q)) return { ok: true, query: name, fqdn: q, addresses: [q], server: '' };
  if (!options.noHosts) {
    const ip = lookupHosts(hosts, q);
    if (ip) return { ok: true, query: name, fqdn: q.replace(/\.$/, ''), addresses: [ip], server: '/etc/hosts' };
  }
  const server = options.server ?? conf.nameservers[0] ?? '127.0.0.1';
  const tried: string[] = [];
  const whys = new Map<string, string>();
  let upstream = false;
  for (const fqdn of searchCandidates(q, conf.search, ndotsOf(conf), options.libc, options.noSearch)) {
    tried.push(fqdn);
    const r = query(env, source, server, fqdn);
    if (r.kind === 'no-answer') {
      const reason = r.refused ? `the DNS server ${server} refused the query: ${r.reason}` : `no DNS server answered: ${r.reason}`;
      return { ok: false, query: name, rcode: 'timeout', server, reason, tried, ...(r.refused ? { refused: true } : {}) };
    }
    upstream = r.upstream;
    if (r.record.rcode === 'NOERROR') return { ok: true, query: name, fqdn, addresses: r.record.addresses, server, tried };
    whys.set(fqdn, r.record.why);
  }
  const elsewhere = otherNamespaces(env, q);
  const hint = elsewhere.length > 0 ? `; a Service ${q} exists in namespace ${elsewhere.join(', ')} (use ${q}.${elsewhere[0]})` : '';
  const reason = upstream
    ? `the node's resolver ${server} knows nothing of the cluster, so ${tried.join(', ')} did not resolve: Service names resolve only through CoreDNS`
    : `CoreDNS found no record for ${tried.join(', ')}${mainWhy(q, conf, env.domain, whys)}${hint}`;
  return { ok: false, query: name, rcode: 'NXDOMAIN', server, reason, tried };
}
