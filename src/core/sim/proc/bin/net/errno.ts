// Why a connection failed, as errno and as the C library words it (glibc on Debian, musl on Alpine).
import type { ConnectResult, NetErrno } from '../../../contracts.ts';

export type Errno = NetErrno | 'ECONNREFUSED' | 'ETIMEDOUT' | 'EINPROGRESS';

const GLIBC: Record<Errno, string> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  EINVAL: 'Invalid argument',
  EMSGSIZE: 'Message too long',
  EINPROGRESS: 'Operation now in progress',
};

const MUSL: Record<Errno, string> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Operation timed out',
  EHOSTUNREACH: 'Host is unreachable',
  ENETUNREACH: 'Network unreachable',
  EINVAL: 'Invalid argument',
  EMSGSIZE: 'Message too large',
  EINPROGRESS: 'Operation in progress',
};

/** strerror(errno) in the given C library. */
export function strerror(errno: Errno, libc: 'glibc' | 'musl' = 'glibc'): string {
  return (libc === 'musl' ? MUSL : GLIBC)[errno];
}

/** The errno a failed connect() returns. */
export function connectErrno(r: ConnectResult): Errno {
  if (r.outcome === 'refused' || r.outcome === 'no-endpoints') return 'ECONNREFUSED';
  if (r.outcome === 'timeout') return 'ETIMEDOUT';
  return r.errno ?? 'EHOSTUNREACH';
}

/** Linux gives up a connect() whose SYNs go unanswered after tcp_syn_retries=6: observed 133411 ms (curl-timeout lab). */
export const KERNEL_CONNECT_TIMEOUT_MS = 133_411;
/** A neighbour that does not answer ARP fails the connect with EHOSTUNREACH after about 3 s (3 probes, 1 s apart). */
export const ARP_FAILURE_MS = 3_050;

/** How long a failed connect() takes before it returns its error (timeouts excluded: the caller's limit decides). */
export function failureDelayMs(r: ConnectResult): number {
  if (r.outcome === 'unreachable' && (r.errno ?? 'EHOSTUNREACH') === 'EHOSTUNREACH' && r.rttMs < 1000) return ARP_FAILURE_MS;
  return r.rttMs;
}
