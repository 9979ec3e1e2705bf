// connect() and ping(): a request walk, then the reply's own walk back (TTL and loss come from the real return path).
import type { ConnectResult, ControlPlane, Listener, NetnsRef, PingOptions, PingResult, TraceAnswer, TraceProbe } from '../contracts.ts';
import type { Rng } from '../rng.ts';
import type { Netns } from './fabric.ts';
import { findListener, listenersOf } from './listeners.ts';
import { deliveredReason, failureReason, lostReplyReason, type ReasonContext } from './reasons.ts';
import { walk, type Packet, type WalkEnv, type WalkResult } from './walk.ts';
import type { Crossing } from './capture.ts';
import { flowsOf } from './flows.ts';
import { reasonText, type ReasonCode } from './policy/explain.ts';
import { deliveredCodes, dropCode } from './policy/notes.ts';

export interface ProbeEnv extends WalkEnv {
  control: ControlPlane;
  serviceCIDR: string;
  /** Jitter for round-trip times (its own stream, so timing never shifts other choices). */
  rttRng: Rng;
}

/** Per namespace a packet passes, and per node-subnet link it crosses, in ms (before jitter). */
const MS_PER_NAMESPACE = 0.015;
const MS_PER_WIRE = 0.1;

function rtt(env: ProbeEnv, walks: WalkResult[]): number {
  const base = walks.reduce((t, w) => t + w.visits * MS_PER_NAMESPACE + w.wires * MS_PER_WIRE, 0);
  return Math.round(base * (0.8 + env.rttRng.next() * 0.5) * 1000) / 1000;
}

function refLabel(ref: NetnsRef): string {
  return ref.kind === 'node' ? `node ${ref.node}` : `pod ${ref.namespace}/${ref.pod}`;
}

/** The reply's walk from where the request was delivered back to the address the server saw. */
function replyWalk(env: ProbeEnv, req: WalkResult, crossings?: Crossing[]): WalkResult {
  const pkt: Packet = { proto: req.pkt.proto, src: req.pkt.dst, dst: req.pkt.src ?? '', dport: 0 };
  const unSnat = req.snats.map((x) => ({ at: x.at, ip: x.ip, to: x.original }));
  return walk(tapped(env, crossings), req.at, pkt, { nat: false, unSnat });
}

/** The env with a tap collecting crossings into `into` while a capture runs (flows.ts); the env itself otherwise. */
function tapped(env: ProbeEnv, into: Crossing[] | undefined): ProbeEnv {
  const tap = into && flowsOf(env.store)?.tap(into);
  return tap ? { ...env, tap } : env;
}

/** The reason codes of a request (a policy drop, or what policy said about a delivered one). */
function policyCodes(env: ProbeEnv, source: Netns, req: WalkResult): ReasonCode[] {
  if (!env.policy) return [];
  const drop = dropCode(env.policy, req);
  if (drop) return [drop];
  return req.end.kind === 'delivered' ? deliveredCodes(env.policy, source, req) : [];
}

/** The delivered sentence plus what policy said, and the codes as data when there are any. */
function withPolicy(reason: string, codes: ReasonCode[]): { reason: string; policy?: ReasonCode[] } {
  if (codes.length === 0) return { reason };
  return { reason: [reason, ...codes.map((c) => reasonText(c))].join('; '), policy: codes };
}

function backHome(reply: WalkResult, source: Netns): boolean {
  return reply.end.kind === 'delivered' && reply.at.id === source.id;
}

function noSource(from: NetnsRef): { reason: string } {
  return { reason: `${refLabel(from)} has no network namespace: it does not exist or is not running` };
}

/** Open a TCP connection (or send a UDP datagram) from `from` to ip:port. */
export function connect(env: ProbeEnv, from: NetnsRef, ip: string, port: number, protocol: 'TCP' | 'UDP'): ConnectResult {
  const source = env.fabric.resolve(from);
  if (!source) return { outcome: 'unreachable', errno: 'ENETUNREACH', hops: [], rttMs: 0, ...noSource(from) };
  return exchange(env, source, ip, port, protocol).result;
}

/** A connection attempt from a namespace; `server` is where it landed when the server's answer came back. */
export function exchange(
  env: ProbeEnv,
  source: Netns,
  ip: string,
  port: number,
  protocol: 'TCP' | 'UDP',
): { result: ConnectResult; server?: Netns } {
  const c: ReasonContext = { source, target: { ip, port, proto: protocol }, serviceCIDR: env.serviceCIDR, policy: env.policy };
  const reqC: Crossing[] = [];
  const repC: Crossing[] = [];
  const req = walk(tapped(env, reqC), source, { proto: protocol, dst: ip, dport: port }, { nat: true });
  const hops = [...req.hops];
  const done = <T extends { result: ConnectResult }>(r: T, outcome: 'answered' | 'refused' | 'silent'): T => {
    if (req.end.kind !== 'rejected') flowsOf(env.store)?.connection(r.result, protocol, req, reqC, repC, outcome);
    return r;
  };
  if (req.end.kind === 'rejected')
    return { result: { outcome: 'no-endpoints', hops, reason: failureReason(req, c), rttMs: rtt(env, [req, req]) } };
  if (req.end.kind === 'dropped') {
    const codes = policyCodes(env, source, req);
    return done(
      {
        result: {
          outcome: 'timeout',
          hops,
          reason: failureReason(req, c),
          rttMs: rtt(env, [req]),
          ...(codes.length ? { policy: codes } : {}),
        },
      },
      'silent',
    );
  }
  if (req.end.kind === 'unreachable') {
    const e = req.end;
    const timeout = e.icmp === 'Time to live exceeded';
    const errno = e.errno ?? (e.icmp === 'Destination Net Unreachable' ? 'ENETUNREACH' : 'EHOSTUNREACH');
    return done(
      {
        result: {
          outcome: timeout ? 'timeout' : 'unreachable',
          errno: timeout ? undefined : errno,
          hops,
          reason: failureReason(req, c),
          rttMs: rtt(env, [req]),
        },
      },
      'silent',
    );
  }
  const listener: Listener | undefined = findListener(listenersOf(env.control, env.fabric, req.at), req.pkt.dport, protocol);
  const last = hops[hops.length - 1];
  last.action += listener
    ? `: ${listener.process} listens on ${protocol} ${req.pkt.dport}`
    : `: nothing listens on ${protocol} ${req.pkt.dport}`;
  const reply = replyWalk(env, req, repC);
  if (!backHome(reply, source)) {
    hops.push(...reply.hops.map((h) => ({ at: h.at, action: `reply: ${h.action}` })));
    const what = listener ? (protocol === 'TCP' ? 'SYN-ACK' : 'answer') : protocol === 'TCP' ? 'TCP reset' : 'ICMP port unreachable';
    return done({ result: { outcome: 'timeout', hops, reason: lostReplyReason(reply, c, what), rttMs: rtt(env, [req]) } }, 'silent');
  }
  const result: ConnectResult = {
    outcome: listener ? 'connected' : 'refused',
    hops,
    ...withPolicy(deliveredReason(req, c, listener), policyCodes(env, source, req)),
    clientIp: req.pkt.src,
    rttMs: rtt(env, [req, reply]),
  };
  if (listener && req.at.ref) result.peer = { netns: req.at.ref, ip: req.pkt.dst, port: req.pkt.dport, listener };
  return done({ result, server: req.at }, listener ? 'answered' : protocol === 'TCP' ? 'refused' : 'silent');
}

/** Send one ICMP echo request from `from` to ip and follow the reply back. */
export function ping(env: ProbeEnv, from: NetnsRef, ip: string, options: PingOptions = {}): PingResult {
  const source = env.fabric.resolve(from);
  if (!source) return { outcome: 'unreachable', errno: 'ENETUNREACH', hops: [], rttMs: 0, ...noSource(from) };
  const c: ReasonContext = { source, target: { ip, port: 0, proto: 'ICMP' }, serviceCIDR: env.serviceCIDR, policy: env.policy };
  const reqC: Crossing[] = [];
  const repC: Crossing[] = [];
  const req = walk(
    tapped(env, reqC),
    source,
    { proto: 'ICMP', dst: ip, dport: 0 },
    { nat: true, ttl: options.ttl, dfSize: options.dfSize },
  );
  const hops = [...req.hops];
  const e = req.end;
  const size = options.dfSize === undefined ? 64 : options.dfSize - 20;
  const flows = flowsOf(env.store);
  if (e.kind !== 'delivered') {
    // While a capture runs, a router's ICMP error walks back to the sender (without teaching the neighbour tables).
    const back = e.kind === 'unreachable' && e.icmp && e.from && e.from !== req.pkt.src ? tapped(env, repC) : env;
    if (back !== env && e.kind === 'unreachable' && e.icmp && e.from) {
      const unSnat = req.snats.map((x) => ({ at: x.at, ip: x.ip, to: x.original }));
      walk(
        { ...back, onWalk: undefined },
        req.at,
        { proto: 'ICMP', src: e.from, dst: req.pkt.src ?? '', dport: 0 },
        { nat: false, unSnat },
      );
    }
    const error = back !== env && e.kind === 'unreachable' && e.icmp ? { icmp: e.icmp, mtu: e.mtu } : undefined;
    flows?.ping(source, req, reqC, repC, false, options.seq, size, error);
  }
  if (e.kind === 'unreachable') {
    // An ICMP error (also the one a sender gives itself when ARP fails) prints "From X ...", a local send error its errno.
    const icmp = e.icmp ? { from: e.from, icmp: e.icmp } : { errno: e.errno };
    if (e.mtu !== undefined)
      return { outcome: 'unreachable', hops, reason: hops[hops.length - 1]?.action ?? '', rttMs: rtt(env, [req]), mtu: e.mtu, ...icmp };
    return { outcome: 'unreachable', hops, reason: failureReason(req, c), rttMs: rtt(env, [req]), ...icmp };
  }
  if (e.kind !== 'delivered') {
    const codes = policyCodes(env, source, req);
    return { outcome: 'timeout', hops, reason: failureReason(req, c), rttMs: rtt(env, [req]), ...(codes.length ? { policy: codes } : {}) };
  }
  hops[hops.length - 1].action += ': echo reply sent';
  const reply = replyWalk(env, req, repC);
  flows?.ping(source, req, reqC, repC, backHome(reply, source), options.seq, size);
  if (!backHome(reply, source)) {
    hops.push(...reply.hops.map((h) => ({ at: h.at, action: `reply: ${h.action}` })));
    return { outcome: 'timeout', hops, reason: lostReplyReason(reply, c, 'echo reply'), rttMs: rtt(env, [req]) };
  }
  const ttl = 64 - reply.forwards;
  const reason = `${source.label} got an echo reply from ${req.pkt.dst} (${req.at.label}) with ttl=${ttl}: ${reply.forwards} router${reply.forwards === 1 ? '' : 's'} on the way back`;
  return { outcome: 'reply', ttl, hops, ...withPolicy(reason, policyCodes(env, source, req)), rttMs: rtt(env, [req, reply]) };
}

/**
 * One traceroute/tracepath probe with a TTL: the request's walk, then who answers. A router where the TTL runs out
 * answers time exceeded; the destination answers a UDP probe to a closed port with port unreachable (an open one
 * says nothing), an ICMP probe with an echo reply, a TCP probe with SYN-ACK or RST. The answer must find its way
 * back (its own walk), else the probe shows `*`.
 */
export function trace(env: ProbeEnv, from: NetnsRef, ip: string, probe: TraceProbe): TraceAnswer {
  const source = env.fabric.resolve(from);
  if (!source) return { kind: 'none', rttMs: 0, hops: [] };
  const proto = probe.proto;
  const req = walk(
    env,
    source,
    { proto, dst: ip, dport: proto === 'ICMP' ? 0 : probe.port },
    { nat: true, ttl: probe.ttl, dfSize: probe.dfSize },
  );
  const hops = [...req.hops];
  const e = req.end;
  const back = (answerFrom: string, at: Netns): WalkResult =>
    walk(
      env,
      at,
      { proto: 'ICMP', src: answerFrom, dst: req.pkt.src ?? '', dport: 0 },
      { nat: false, unSnat: req.snats.map((x) => ({ at: x.at, ip: x.ip, to: x.original })) },
    );
  if (e.kind === 'unreachable') {
    if (e.errno === 'EMSGSIZE' && e.mtu !== undefined) return { kind: 'too-big', mtu: e.mtu, rttMs: 0, hops };
    if (!e.from) return { kind: 'none', rttMs: rtt(env, [req]), hops };
    const reply = e.from === req.pkt.src ? undefined : back(e.from, req.at);
    if (reply && !backHome(reply, source)) return { kind: 'none', rttMs: rtt(env, [req]), hops };
    const ms = rtt(env, reply ? [req, reply] : [req]);
    if (e.icmp === 'Time to live exceeded')
      return { kind: 'exceeded', from: e.from, rttMs: ms, hops, replyTtl: 64 - (reply?.forwards ?? 0) };
    if (e.icmp === 'Frag needed and DF set') return { kind: 'too-big', from: e.from, mtu: e.mtu ?? 0, rttMs: ms, hops };
    return { kind: 'unreachable', from: e.from, code: e.icmp === 'Destination Net Unreachable' ? 'N' : 'H', rttMs: ms, hops };
  }
  if (e.kind !== 'delivered') return { kind: 'none', rttMs: rtt(env, [req]), hops };
  if (proto === 'UDP') {
    const open = findListener(listenersOf(env.control, env.fabric, req.at), req.pkt.dport, 'UDP');
    if (open) return { kind: 'none', rttMs: rtt(env, [req]), hops };
  }
  const reply = back(req.pkt.dst, req.at);
  if (!backHome(reply, source)) return { kind: 'none', rttMs: rtt(env, [req]), hops };
  return { kind: 'reached', from: req.pkt.dst, rttMs: rtt(env, [req, reply]), hops, replyTtl: 64 - reply.forwards };
}
