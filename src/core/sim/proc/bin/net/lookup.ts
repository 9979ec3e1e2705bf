// A tool's name lookup as getaddrinfo does it: the resolver's answer, after the simulated time it took (CoreDNS holds a
// forwarded name 6 s before its SERVFAIL when its upstream never answers; musl gives up at 5 s), and glibc's words.
import type { DnsAnswer } from '../../../contracts.ts';
import type { ToolContext } from '../tool.ts';
import { isIpv4 } from './url.ts';
import type { ToolEnv } from './where.ts';

export type Lookup = { ip: string; fqdn: string } | { rcode: Extract<DnsAnswer, { ok: false }>['rcode']; aborted: boolean };

/** Resolve `host` (IP literals as they are) and let the lookup's simulated time pass; `aborted` when the budget cut it. */
export function lookupHost(ctx: ToolContext, env: ToolEnv, host: string): Lookup {
  if (isIpv4(host)) return { ip: host, fqdn: host };
  const ans = ctx.world.net.resolve(env.netns, host, { libc: env.libc });
  const aborted = ans.elapsedMs !== undefined && !ctx.sleep(ans.elapsedMs);
  if (ans.ok) return aborted ? { rcode: 'timeout', aborted } : { ip: ans.addresses[0], fqdn: ans.fqdn };
  return { rcode: ans.rcode, aborted };
}

/** gai_strerror (glibc) for a failed lookup: EAI_NONAME, EAI_NODATA, else EAI_AGAIN (SERVFAIL, no answer). */
export function gaiMessage(rcode: string): string {
  if (rcode === 'NXDOMAIN') return 'Name or service not known';
  if (rcode === 'NODATA') return 'No address associated with hostname';
  return 'Temporary failure in name resolution';
}
