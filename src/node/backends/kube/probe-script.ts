// The probe as run inside a real pod or node: a POSIX sh script that uses whichever client the image has, and the
// table that reads its outcome from what that client printed.
import type { ProbeOutcome } from '../../../core/index.ts';

/**
 * `sh -c SCRIPT probe HOST PORT PROTO TIMEOUT`: prints `PODLAB_PROBE <tool> <exit>` then the tool's output.
 * Clients in order of how clearly they report: curl -v, wget, nc -v, bash's /dev/tcp; ping for icmp; nslookup for udp/53.
 * Straight-line sh on purpose (no functions, no arithmetic): it must run in the smallest shells.
 */
export const PROBE_SCRIPT = `h="$1"; p="$2"; proto="$3"; t="$4"; tool=none; rc=127; out=
if [ "$proto" = icmp ]; then
  if command -v ping >/dev/null 2>&1; then tool=ping; out=$(ping -c 1 -W "$t" "$h" 2>&1 </dev/null); rc=$?; fi
elif [ "$proto" = udp ]; then
  if [ "$p" = 53 ] && command -v nslookup >/dev/null 2>&1; then tool=nslookup; out=$(nslookup -timeout="$t" kubernetes.default.svc.cluster.local "$h" 2>&1 </dev/null); rc=$?
  elif command -v nc >/dev/null 2>&1; then tool=nc-udp; out=$(nc -u -z -w "$t" "$h" "$p" 2>&1 </dev/null); rc=$?; fi
elif command -v curl >/dev/null 2>&1; then tool=curl; out=$(curl -sv -o /dev/null --connect-timeout "$t" -m "$t" "http://$h:$p/" 2>&1 </dev/null); rc=$?
elif command -v wget >/dev/null 2>&1; then tool=wget; out=$(wget -q -T "$t" -O /dev/null "http://$h:$p/" 2>&1 </dev/null); rc=$?
elif command -v nc >/dev/null 2>&1; then tool=nc; out=$(nc -vz -w "$t" "$h" "$p" 2>&1 </dev/null); rc=$?
elif command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then tool=bash; out=$(timeout "$t" bash -c "exec 3<>/dev/tcp/$h/$p" 2>&1 </dev/null); rc=$?
fi
echo "PODLAB_PROBE $tool $rc"
printf '%s\\n' "$out"
`;

/** What a client's output means, most specific first; the first match wins. */
export const OUTCOME_PATTERNS: { match: RegExp; outcome: ProbeOutcome; reason: string }[] = [
  {
    match: /^\* (Connected to|Established connection)|succeeded!|\bopen\b|server returned error|\b1 (packets )?received\b/m,
    outcome: 'ok',
    reason: 'connected',
  },
  { match: /connection refused/i, outcome: 'refused', reason: 'connection refused' },
  {
    match: /no route to host|network is unreachable|host is unreachable|Destination (Host|Net) Unreachable/i,
    outcome: 'no-route',
    reason: 'no route to host',
  },
  {
    match:
      /bad address|could not resolve|name or service not known|unknown host|can't resolve|NXDOMAIN|server can't find|temporary failure in name resolution/i,
    outcome: 'nxdomain',
    reason: 'the name did not resolve',
  },
  { match: /timed out|timeout|100% packet loss|no servers could be reached/i, outcome: 'timeout', reason: 'no answer before the timeout' },
];

/** Read the script's output: the outcome and a reason naming the client used. */
export function readProbeOutput(text: string, protocol: string): { outcome: ProbeOutcome; reason: string; tool: string } {
  const head = /PODLAB_PROBE (\S+) (\d+)\n?/.exec(text);
  if (!head) return { outcome: 'error', reason: `the probe did not run: ${text.trim().split('\n')[0] ?? ''}`, tool: '' };
  const [, tool, rc] = head;
  const body = text.slice(head.index + head[0].length);
  if (tool === 'none')
    return { outcome: 'error', reason: `the source has no ${protocol === 'icmp' ? 'ping' : 'curl, wget, nc or bash'} to probe with`, tool };
  const code = Number(rc);
  // exit 124 is `timeout` killing bash; curl 28 and wget's "timed out" are caught by the table
  if (code === 124) return { outcome: 'timeout', reason: `${tool}: no answer before the timeout`, tool };
  if (tool === 'bash' && code === 0) return { outcome: 'ok', reason: 'bash: connected', tool };
  if (tool === 'nc-udp')
    return {
      outcome: code === 0 ? 'ok' : 'refused',
      reason: code === 0 ? 'nc: datagram sent (UDP without a reply cannot be confirmed)' : 'nc: port unreachable',
      tool,
    };
  if (tool === 'nslookup')
    return {
      outcome: code === 0 || /NXDOMAIN|can't find/.test(body) ? 'ok' : 'timeout',
      reason: code === 0 ? 'nslookup: the server answered' : `nslookup: ${body.trim().split('\n').pop() ?? ''}`,
      tool,
    };
  for (const p of OUTCOME_PATTERNS) if (p.match.test(body)) return { outcome: p.outcome, reason: `${tool}: ${p.reason}`, tool };
  if (code === 0) return { outcome: 'ok', reason: `${tool}: connected`, tool };
  return { outcome: 'error', reason: `${tool} exited ${code}: ${body.trim().split('\n').pop() ?? ''}`, tool };
}
