// kube-proxy's iptables mode as the rules it writes, generated from the same Service/endpoint model the packet walk
// uses (readyBackends, in the same order): `iptables` and `iptables-save` on a node print these rules, and a test
// evaluates them against kubeProxy()'s decisions, so the text cannot drift from the behaviour.
//
// Names and comments as pkg/proxy/iptables/proxier.go (v1.32) writes them: servicePortChainName = "KUBE-SVC-" +
// base32(sha256(servicePortName + protocol))[:16], where servicePortName is "ns/name" or "ns/name:portName" and the
// protocol is lower case; "KUBE-EXT-" the same hash; servicePortEndpointChainName = "KUBE-SEP-" + base32(sha256(
// servicePortName + protocol + "ip:port"))[:16]. Rules are kept in the canonical order iptables-nft prints them
// (`-s -d -p` first, then the matches in the order given, then the target), checked against iptables v1.8.9.
import type { Service, ServicePort } from '../api/types.ts';
import type { Store } from '../api/store.ts';
import { affinitySeconds, usesClusterChain } from './kube-proxy.ts';
import { readyBackends } from './service-endpoints.ts';
import { serviceTable } from './service-table.ts';
import { base32, sha256 } from './sha256.ts';

export type Match =
  | { kind: 'comment'; text: string }
  | { kind: 'proto'; proto: 'tcp' | 'udp' | 'sctp'; dport?: number }
  | { kind: 'addrtype-local' }
  | { kind: 'addrtype-src-local' }
  | { kind: 'statistic'; probability: string }
  | { kind: 'mark-not'; mark: string }
  | { kind: 'ctstate'; state: string }
  /** sessionAffinity: ClientIP (`-m recent --rcheck --seconds T --reap` in KUBE-SVC, `--set` in KUBE-SEP). */
  | { kind: 'recent-check'; name: string; seconds: number }
  | { kind: 'recent-set'; name: string };

export type Target =
  | { kind: 'jump'; chain: string }
  | { kind: 'DNAT'; to: string }
  | { kind: 'REJECT' }
  | { kind: 'DROP' }
  | { kind: 'RETURN' }
  | { kind: 'MARK-or'; mark: string }
  | { kind: 'MARK-xor'; mark: string }
  | { kind: 'MASQUERADE' };

export interface Rule {
  chain: string;
  src?: { cidr: string; negated: boolean };
  dst?: string;
  proto?: 'tcp' | 'udp' | 'sctp';
  matches: Match[];
  target: Target;
}

export interface Table {
  name: 'filter' | 'nat';
  /** Built-in chains with their policy, in the kernel's order. */
  builtins: string[];
  /** User chains (sorted as iptables-nft lists them). */
  chains: string[];
  rules: Rule[];
}

const MASQ_MARK = '0x4000';

export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32(sha256(servicePortName + protocol)).slice(0, 16);
}

export function servicePortChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(servicePortName, protocol)}`;
}

export function serviceLocalChainName(servicePortName: string, protocol: string): string {
  return `KUBE-SVL-${portProtoHash(servicePortName, protocol)}`;
}

export function serviceExternalChainName(servicePortName: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(servicePortName, protocol)}`;
}

export function servicePortEndpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${base32(sha256(servicePortName + protocol + endpoint)).slice(0, 16)}`;
}

/** "ns/name:port" as ServicePortName.String() prints it (no ":" for an unnamed port). */
export function servicePortName(svc: Service, p: ServicePort): string {
  return `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name}${p.name ? `:${p.name}` : ''}`;
}

/**
 * kube-proxy writes `--probability %0.10f` of 1/(n-i); the kernel keeps it as a 31-bit fraction and iptables
 * prints it back with `%.11f` (libxt_statistic), so 1/3 reads 0.33333333349.
 */
export function probabilityText(remaining: number): string {
  const written = Number((1 / remaining).toFixed(10));
  const stored = Math.round(written * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

function lower(p: ServicePort): 'tcp' | 'udp' | 'sctp' {
  return (p.protocol ?? 'TCP').toLowerCase() as 'tcp' | 'udp' | 'sctp';
}

/**
 * The nat and filter tables kube-proxy keeps on `node`; `clusterCidr` is kube-proxy's --cluster-cidr (pod network).
 * Traffic policies of Local make them differ from node to node (KUBE-SVL-… holds the node's own endpoints).
 */
export function kubeProxyTables(store: Store, clusterCidr: string | undefined, node: string): { nat: Table; filter: Table } {
  const nat: Rule[] = [];
  const filter: Rule[] = [];
  const natChains = new Set(['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']);
  const svcRules: Rule[] = [];
  const perService: Rule[] = [];
  const nodePortRules: Rule[] = [];
  const comment = (text: string): Match => ({ kind: 'comment', text });
  nat.push({ chain: 'PREROUTING', matches: [comment('kubernetes service portals')], target: { kind: 'jump', chain: 'KUBE-SERVICES' } });
  nat.push({ chain: 'OUTPUT', matches: [comment('kubernetes service portals')], target: { kind: 'jump', chain: 'KUBE-SERVICES' } });
  nat.push({
    chain: 'POSTROUTING',
    matches: [comment('kubernetes postrouting rules')],
    target: { kind: 'jump', chain: 'KUBE-POSTROUTING' },
  });
  const fixed: Rule[] = [
    { chain: 'KUBE-MARK-MASQ', matches: [], target: { kind: 'MARK-or', mark: MASQ_MARK } },
    { chain: 'KUBE-POSTROUTING', matches: [{ kind: 'mark-not', mark: `${MASQ_MARK}/${MASQ_MARK}` }], target: { kind: 'RETURN' } },
    { chain: 'KUBE-POSTROUTING', matches: [], target: { kind: 'MARK-xor', mark: MASQ_MARK } },
    { chain: 'KUBE-POSTROUTING', matches: [comment('kubernetes service traffic requiring SNAT')], target: { kind: 'MASQUERADE' } },
  ];
  const ctNew: Match = { kind: 'ctstate', state: 'NEW' };
  filter.push({
    chain: 'INPUT',
    matches: [ctNew, comment('kubernetes externally-visible service portals')],
    target: { kind: 'jump', chain: 'KUBE-EXTERNAL-SERVICES' },
  });
  filter.push({
    chain: 'FORWARD',
    matches: [ctNew, comment('kubernetes service portals')],
    target: { kind: 'jump', chain: 'KUBE-SERVICES' },
  });
  filter.push({
    chain: 'FORWARD',
    matches: [ctNew, comment('kubernetes externally-visible service portals')],
    target: { kind: 'jump', chain: 'KUBE-EXTERNAL-SERVICES' },
  });
  filter.push({
    chain: 'OUTPUT',
    matches: [ctNew, comment('kubernetes service portals')],
    target: { kind: 'jump', chain: 'KUBE-SERVICES' },
  });
  const filterBody: Rule[] = [];

  const table = serviceTable(store);
  const seen = new Set<Service>();
  const services = [...table.byIp.values()].flat().filter((s) => !seen.has(s) && seen.add(s) !== undefined);
  for (const s of table.nodePorts) if (!seen.has(s) && seen.add(s) !== undefined) services.push(s);
  for (const svc of services) {
    const ip = svc.spec.clusterIP && svc.spec.clusterIP !== 'None' ? svc.spec.clusterIP : undefined;
    const nodePorts = svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer';
    for (const p of svc.spec.ports ?? []) {
      const name = servicePortName(svc, p);
      const proto = lower(p);
      const svcChain = servicePortChainName(name, proto);
      const backends = readyBackends(store, svc, p);
      if (backends.length === 0) {
        if (ip)
          filterBody.push({
            chain: 'KUBE-SERVICES',
            dst: `${ip}/32`,
            proto,
            matches: [comment(`${name} has no endpoints`), { kind: 'proto', proto, dport: p.port }],
            target: { kind: 'REJECT' },
          });
        if (nodePorts && p.nodePort)
          filterBody.push({
            chain: 'KUBE-EXTERNAL-SERVICES',
            proto,
            matches: [comment(`${name} has no endpoints`), { kind: 'addrtype-local' }, { kind: 'proto', proto, dport: p.nodePort }],
            target: { kind: 'REJECT' },
          });
        continue;
      }
      const local = backends.filter((b) => b.nodeName === node);
      const itpLocal = svc.spec.internalTrafficPolicy === 'Local';
      const etpLocal = nodePorts && svc.spec.externalTrafficPolicy === 'Local';
      const cluster = usesClusterChain(svc);
      const svlChain = serviceLocalChainName(name, proto);
      const seconds = affinitySeconds(svc);
      const masq = (chain: string): void => {
        if (ip && clusterCidr)
          perService.push({
            chain,
            src: { cidr: clusterCidr, negated: true },
            dst: `${ip}/32`,
            proto,
            matches: [comment(`${name} cluster IP`), { kind: 'proto', proto, dport: p.port }],
            target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
          });
      };
      const endpointRules = (chain: string, list: typeof backends): void => {
        natChains.add(chain);
        if (seconds !== undefined) {
          for (const b of list) {
            const sep = servicePortEndpointChainName(name, proto, `${b.ip}:${b.port}`);
            perService.push({
              chain,
              matches: [comment(`${name} -> ${b.ip}:${b.port}`), { kind: 'recent-check', name: sep, seconds }],
              target: { kind: 'jump', chain: sep },
            });
          }
        }
        list.forEach((b, i) => {
          const ep = `${b.ip}:${b.port}`;
          const sep = servicePortEndpointChainName(name, proto, ep);
          const last = i === list.length - 1;
          perService.push({
            chain,
            matches: last
              ? [comment(`${name} -> ${ep}`)]
              : [comment(`${name} -> ${ep}`), { kind: 'statistic', probability: probabilityText(list.length - i) }],
            target: { kind: 'jump', chain: sep },
          });
        });
      };
      if (ip) {
        if (itpLocal && local.length === 0) {
          filterBody.push({
            chain: 'KUBE-SERVICES',
            dst: `${ip}/32`,
            proto,
            matches: [comment(`${name} has no local endpoints`), { kind: 'proto', proto, dport: p.port }],
            target: { kind: 'DROP' },
          });
        } else {
          svcRules.push({
            chain: 'KUBE-SERVICES',
            dst: `${ip}/32`,
            proto,
            matches: [comment(`${name} cluster IP`), { kind: 'proto', proto, dport: p.port }],
            target: { kind: 'jump', chain: itpLocal ? svlChain : svcChain },
          });
        }
      }
      // The internal traffic chain (KUBE-SVC, or KUBE-SVL under internalTrafficPolicy: Local) masquerades what does
      // not come from the pod network; the other chain does not (proxier.go: "Set up internal traffic handling").
      if (cluster) {
        if (!itpLocal) masq(svcChain);
        endpointRules(svcChain, backends);
      }
      // KUBE-SVL exists only with local endpoints (proxier.go's usesLocalPolicyChain).
      if ((itpLocal || etpLocal) && local.length > 0) {
        if (itpLocal) masq(svlChain);
        endpointRules(svlChain, local);
      }
      if (nodePorts && p.nodePort) {
        // No local endpoint under externalTrafficPolicy: Local: what KUBE-EXT does not short-circuit to KUBE-SVC
        // (pod traffic, the node's own) reaches filter and is dropped there.
        if (etpLocal && local.length === 0)
          filterBody.push({
            chain: 'KUBE-EXTERNAL-SERVICES',
            proto,
            matches: [comment(`${name} has no local endpoints`), { kind: 'addrtype-local' }, { kind: 'proto', proto, dport: p.nodePort }],
            target: { kind: 'DROP' },
          });
        const ext = serviceExternalChainName(name, proto);
        natChains.add(ext);
        nodePortRules.push({
          chain: 'KUBE-NODEPORTS',
          proto,
          matches: [comment(name), { kind: 'proto', proto, dport: p.nodePort }],
          target: { kind: 'jump', chain: ext },
        });
        if (!etpLocal) {
          perService.push({
            chain: ext,
            matches: [comment(`masquerade traffic for ${name} external destinations`)],
            target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
          });
          perService.push({ chain: ext, matches: [], target: { kind: 'jump', chain: svcChain } });
        } else {
          if (cluster) {
            if (clusterCidr)
              perService.push({
                chain: ext,
                src: { cidr: clusterCidr, negated: false },
                matches: [comment(`pod traffic for ${name} external destinations`)],
                target: { kind: 'jump', chain: svcChain },
              });
            perService.push({
              chain: ext,
              matches: [comment(`masquerade LOCAL traffic for ${name} external destinations`), { kind: 'addrtype-src-local' }],
              target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
            });
            perService.push({
              chain: ext,
              matches: [comment(`route LOCAL traffic for ${name} external destinations`), { kind: 'addrtype-src-local' }],
              target: { kind: 'jump', chain: svcChain },
            });
          }
          if (local.length > 0) perService.push({ chain: ext, matches: [], target: { kind: 'jump', chain: svlChain } });
        }
      }
      const used = cluster ? backends : local;
      for (const b of used) {
        const ep = `${b.ip}:${b.port}`;
        const sep = servicePortEndpointChainName(name, proto, ep);
        natChains.add(sep);
        perService.push({
          chain: sep,
          src: { cidr: `${b.ip}/32`, negated: false },
          matches: [comment(name)],
          target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
        });
        const set: Match[] = seconds === undefined ? [] : [{ kind: 'recent-set', name: sep }];
        perService.push({
          chain: sep,
          proto,
          matches: [comment(name), ...set, { kind: 'proto', proto }],
          target: { kind: 'DNAT', to: ep },
        });
      }
    }
  }
  svcRules.push({
    chain: 'KUBE-SERVICES',
    matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { kind: 'addrtype-local' }],
    target: { kind: 'jump', chain: 'KUBE-NODEPORTS' },
  });
  const chains = [...natChains].sort();
  // iptables-nft lists rules chain by chain: built-ins first, then user chains in name order.
  const byChain = (rules: Rule[], order: string[]): Rule[] => order.flatMap((c) => rules.filter((r) => r.chain === c));
  const natRules = [...nat, ...fixed, ...svcRules, ...nodePortRules, ...perService];
  const filterChains = ['KUBE-EXTERNAL-SERVICES', 'KUBE-NODEPORTS', 'KUBE-SERVICES'];
  const natBuiltins = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'];
  const filterBuiltins = ['INPUT', 'FORWARD', 'OUTPUT'];
  return {
    nat: { name: 'nat', builtins: natBuiltins, chains, rules: byChain(natRules, [...natBuiltins, ...chains]) },
    filter: {
      name: 'filter',
      builtins: filterBuiltins,
      chains: filterChains,
      rules: byChain([...filter, ...filterBody], [...filterBuiltins, ...filterChains]),
    },
  };
}
