// A stub resolver's lookup: /etc/hosts, then each search-list candidate sent as a real UDP query to the nameserver.
// The query walks the network like any packet (kube-proxy DNATs kube-dns's ClusterIP to a CoreDNS pod); whoever
// answers on port 53 decides: CoreDNS (the store, coredns.ts), or nobody: the node subnet's router is the nodes'
// resolver, and in this offline cluster it never answers (neither a node's own lookups nor CoreDNS's forwards).
import type { Service } from '../../api/types.ts';
import type { DnsAnswer, ResolveOptions } from '../../contracts.ts';
import { isIp } from '../cidr.ts';
import type { Netns } from '../fabric.ts';
import { exchange, type ProbeEnv } from '../probe.ts';
import { corednsAnswer, type DnsRecord, type QType } from './coredns.ts';
import { lookupHosts, type HostsEntry } from './hosts.ts';
import type { ResolvConf } from './resolv-conf.ts';
import { ndotsOf } from './resolv-conf.ts';
import { searchCandidates } from './search.ts';

export interface ResolveEnv extends ProbeEnv {
  domain: string;
}

type QueryResult = { kind: 'answer'; record: DnsRecord } | { kind: 'no-answer'; refused: boolean; reason: string };

/** Send one query for `fqdn` to server:53 over UDP from `source`. */
function query(env: ResolveEnv, source: Netns, server: string, fqdn: string, qtype: QType): QueryResult {
  const { result, server: at } = exchange(env, source, server, 53, 'UDP');
  if (result.outcome !== 'connected' || !at) {
    const refused = result.outcome === 'refused' || result.outcome === 'no-endpoints';
    return { kind: 'no-answer', refused, reason: result.reason };
  }
  if (at.kind === 'router')
    return { kind: 'no-answer', refused: false, reason: `the node's resolver ${server} does not answer: the cluster is offline` };
  return { kind: 'answer', record: corednsAnswer(env.store, env.domain, fqdn, qtype) };
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
  const libc = options.libc ?? 'glibc';
  const qtype = options.qtype ?? 'A';
  const patience = options.patienceMs ?? (libc === 'musl' ? 5000 : 10_000);
  const tried: string[] = [];
  const whys = new Map<string, string>();
  let elapsed = 0;
  let servfail: string | undefined;
  let nodata: string | undefined;
  let replies = 0;
  // CoreDNS answers its zone authoritatively without the RA flag (qr aa rd), which bind9's nslookup remarks on.
  const at = () => ({ ...(elapsed > 0 ? { elapsedMs: elapsed } : {}), ...(replies > 0 ? { noRecursion: true } : {}) });
  for (const fqdn of searchCandidates(q, conf.search, ndotsOf(conf), libc, options.noSearch)) {
    tried.push(fqdn);
    const r = query(env, source, server, fqdn, qtype);
    if (r.kind === 'no-answer') {
      const reason = r.refused ? `the DNS server ${server} refused the query: ${r.reason}` : `no DNS server answered: ${r.reason}`;
      return { ok: false, query: name, rcode: 'timeout', server, reason, tried, ...(r.refused ? { refused: true } : {}), ...at() };
    }
    const rec = r.record;
    const delay = rec.delayMs ?? 0;
    if (delay > patience) {
      // CoreDNS is still waiting on its upstream when the client gives up: no answer at all.
      elapsed += patience;
      const why = rec.rcode === 'NOERROR' ? `${fqdn} is a CNAME to ${rec.cname ?? '?'}, which CoreDNS could not resolve upstream` : rec.why;
      const reason = `no DNS server answered: CoreDNS ${server} did not answer ${fqdn} within ${patience / 1000} s (${why})`;
      return { ok: false, query: name, rcode: 'timeout', server, reason, tried, late: true, ...at(), elapsedMs: elapsed };
    }
    elapsed += delay;
    replies++;
    if (rec.rcode === 'NOERROR') {
      const found = rec.addresses.length > 0 || (rec.ptr?.length ?? 0) > 0 || (rec.srv?.length ?? 0) > 0;
      if (found) {
        const extra = { ...(rec.cname ? { cname: rec.cname } : {}), ...(rec.ptr ? { ptr: rec.ptr } : {}) };
        const srv = rec.srv ? { srv: rec.srv, extra: rec.extra ?? [] } : {};
        return { ok: true, query: name, fqdn, addresses: rec.addresses, server, tried, ...extra, ...srv, ...at() };
      }
      if (rec.cname) {
        // A CNAME without addresses ends the search (glibc takes the non-empty answer; musl stops on NODATA).
        const reason = `${fqdn} is a CNAME to ${rec.cname}, which did not resolve: CoreDNS asked its upstream, which does not answer in this offline cluster`;
        return { ok: false, query: name, rcode: 'NODATA', server, reason, tried, cname: rec.cname, ...at() };
      }
      nodata = `${fqdn} exists but has no ${qtype} record`;
      if (libc === 'musl') break;
      continue;
    }
    whys.set(fqdn, rec.why);
    if (rec.rcode === 'SERVFAIL') {
      // glibc's res_nsearch counts a SERVFAIL and goes on with the next candidate; musl stops (EAI_AGAIN).
      servfail ??= rec.why;
      if (libc === 'musl') break;
    }
  }
  if (nodata !== undefined) return { ok: false, query: name, rcode: 'NODATA', server, reason: nodata, tried, ...at() };
  const inCluster = tried.some((t) => !whys.get(t)?.includes('CoreDNS forwarded'));
  if (servfail !== undefined && !inCluster) return { ok: false, query: name, rcode: 'SERVFAIL', server, reason: servfail, tried, ...at() };
  const elsewhere = otherNamespaces(env, q);
  const hint = elsewhere.length > 0 ? `; a Service ${q} exists in namespace ${elsewhere.join(', ')} (use ${q}.${elsewhere[0]})` : '';
  const reason = `CoreDNS found no record for ${tried.join(', ')}${mainWhy(q, conf, env.domain, whys)}${hint}`;
  return { ok: false, query: name, rcode: servfail !== undefined ? 'SERVFAIL' : 'NXDOMAIN', server, reason, tried, ...at() };
}
