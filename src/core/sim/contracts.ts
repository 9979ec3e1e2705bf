// The seams inside the simulator: what the control plane, the network, and the processes offer each other.
// Each area implements its interface in its own folder; World (world.ts) wires them together.
import type { Hop, ReasonCode } from '../backend.ts';
import type { ClusterSpec, CniModel, FaultSpec, NodeOs, PinSpec } from '../lesson/model.ts';
import type { Api } from './api/api.ts';
import type { Pod } from './api/types.ts';
import type { Store } from './api/store.ts';
import type { Clock } from './clock.ts';
import type { Rng } from './rng.ts';

// ---------------------------------------------------------------------------------------------
// Topology (resolved front matter)

export interface ResolvedNode {
  name: string;
  role: 'control-plane' | 'worker';
  ip: string;
  /** The node's pod block: Calico IPAM block (/26), flannel subnet (/24), kindnet podCIDR (/24). */
  podCIDR: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
}

export interface ResolvedCluster {
  cni: CniModel;
  /** The nodes' operating system; absent means debian. */
  os?: NodeOs;
  podCIDR: string;
  serviceCIDR: string;
  nodeCIDR: string;
  domain: string;
  kubernetesVersion: string;
  nodes: ResolvedNode[];
  workstation: ClusterSpec['workstation'];
  pins: PinSpec[];
  faults: FaultSpec[];
}

// ---------------------------------------------------------------------------------------------
// Where a process runs: a node's host or a container in a pod (its network namespace is the pod's).

export type HostRef = { kind: 'node'; node: string } | { kind: 'pod'; namespace: string; pod: string; container: string };

/** A network namespace: a pod's (shared by its containers via the pause container) or a node's host namespace. */
export type NetnsRef = { kind: 'node'; node: string } | { kind: 'pod'; namespace: string; pod: string };

// ---------------------------------------------------------------------------------------------
// Processes (sim/proc): images and what their processes do.

/** A request that reached a listening process. */
export interface HttpRequest {
  method: string;
  path: string;
  host: string;
  headers: Record<string, string>;
  /** The client's address as the server sees it (after SNAT, if any). */
  clientIp: string;
  /** Answer without writing a request log line or counting the request (the netns backend reading the page a server would send). */
  unlogged?: boolean;
}

export interface HttpResponse {
  status: number;
  reason: string;
  /** In the order the server sends them. */
  headers: [string, string][];
  body: string;
}

/** A socket a process listens on; `http` answers HTTP requests, `tcp` accepts and says nothing (nc, databases). */
export interface Listener {
  port: number;
  protocol: 'TCP' | 'UDP';
  /** The process that owns it, for `ss`/explanations: "nginx", "agnhost netexec". */
  process: string;
  http?: (req: HttpRequest) => HttpResponse;
}

/** What starting a container's main process produced. */
export interface ContainerRun {
  /** Sockets it listens on while running. */
  listeners: Listener[];
  /** Lines the process writes to stdout/stderr at start (kubectl logs). */
  logs: string[];
  /** When each line of `logs` was written (simulated epoch ms, same order), for `kubectl logs --timestamps`. */
  logTimes?: number[];
  /** If the process exits by itself: after how long (simulated ms) and with what code. Undefined = runs forever. */
  exit?: { afterMs: number; code: number; logs?: string[] };
  /**
   * How long the process takes to exit after SIGTERM (pod deletion), in simulated ms. Undefined = it ignores SIGTERM
   * (like `sleep` as PID 1) and is killed when the grace period ends (exit code 137).
   */
  stopMs?: number;
  /**
   * What the process does when one of its listeners cannot bind because the port is taken in its network namespace
   * (another container of the pod, or the node for hostNetwork pods). Undefined = exit 1 after a generic log line.
   */
  bindError?: (listener: Listener) => { afterMs: number; code: number; logs: string[] };
}

export interface ImageInfo {
  /** Repository without tag/registry defaults: "nginx", "busybox", "registry.k8s.io/e2e-test-images/agnhost". */
  repository: string;
  /** Which shell `kubectl exec -it POD -- sh|bash` finds; null = none (distroless). */
  shells: string[];
  /** Commands present in the image's PATH (the shell answers 127 `not found` for others). */
  commands: string[];
  /** Prompt flavour for its interactive shell. */
  prompt: 'bash' | 'busybox' | 'sh';
  /** Which ping is installed, if any. */
  ping?: 'iputils' | 'busybox';
  /** Default working directory. */
  workdir: string;
  /** Pull time in simulated ms (ContainerCreating lasts this long). */
  pullMs: number;
  /** Compressed size in bytes, for the kubelet's `Image size: N bytes.` event; a size is derived from the name when absent. */
  sizeBytes?: number;
}

export interface ImageCatalog {
  /** undefined = the image does not exist (ErrImagePull). */
  lookup(image: string): ImageInfo | undefined;
  /** Start a container's main process: interpret its command/args against the image's entrypoint. */
  start(pod: Pod, containerName: string, world: World): ContainerRun;
}

// ---------------------------------------------------------------------------------------------
// Network (sim/net): IPAM, interfaces, routes, kube-proxy, CoreDNS, the packet walk.

export interface Interface {
  name: string;
  index: number;
  mac: string;
  mtu: number;
  /** CIDR notation, e.g. "192.168.217.16/32". */
  addresses: string[];
  state: 'UP' | 'DOWN' | 'UNKNOWN';
  /** "veth", "bridge", "loopback", "ipip", "vxlan", "ether". */
  type: string;
  /** For veths: the peer's ifindex and name ("eth0@if12"). */
  peer?: { index: number; name: string };
  flags: string[];
  /** Queueing discipline as `ip link` shows it ("noqueue", "fq_codel", "noop" for a device that is down). */
  qdisc?: string;
  /** True when the addresses were configured with a broadcast, so `ip addr` prints `brd <last address>`. */
  brd?: boolean;
  /** The bridge this device is a port of (`master cni0`). */
  master?: string;
  /** For veths: the netnsid of the namespace the peer lives in (`link-netnsid 0`). */
  linkNetnsId?: number;
}

export interface Route {
  /** As `ip route` prints it: "default", a CIDR ("10.244.0.0/16"), or a bare address for a host route ("192.168.217.16"). */
  dst: string;
  via?: string;
  dev: string;
  proto?: string;
  scope?: string;
  src?: string;
  onlink?: boolean;
  blackhole?: boolean;
}

/**
 * A name lookup's result. `server` is the nameserver asked, "/etc/hosts" for a hosts-file hit, '' for an IP literal.
 * `tried` lists the names queried in order (after search-domain expansion).
 * `refused`: the server's port answered with ICMP port unreachable (kube-dns without endpoints is REJECTed by
 * kube-proxy): BusyBox nslookup then prints "write to '<server>': Connection refused", bind's
 * ";; communications error to <server>#53: connection refused"; the rcode is still 'timeout' (no server answered).
 */
export type DnsAnswer =
  | {
      ok: true;
      query: string;
      fqdn: string;
      addresses: string[];
      server: string;
      cname?: string;
      tried?: string[];
      /** PTR and SRV queries (ResolveOptions.qtype): the names, the service records and their additional A records. */
      ptr?: string[];
      srv?: { priority: number; weight: number; port: number; target: string }[];
      extra?: { name: string; ip: string }[];
      /** Simulated time the lookup took, when it waited on a slow answer (CoreDNS forwarding to a silent upstream). */
      elapsedMs?: number;
      /** The server's replies lack the RA flag (CoreDNS's authoritative answers: bind9 nslookup says "Got recursion not available"). */
      noRecursion?: boolean;
    }
  | {
      ok: false;
      query: string;
      /** NODATA: the name exists but has no record of the type (an ExternalName's CNAME whose target did not resolve). */
      rcode: 'NXDOMAIN' | 'SERVFAIL' | 'NODATA' | 'timeout';
      server: string;
      reason: string;
      tried?: string[];
      refused?: boolean;
      cname?: string;
      /** A timeout although the server is up: it answered nothing within ResolveOptions.patienceMs (CoreDNS still waiting on its upstream). */
      late?: boolean;
      /** Simulated time the lookup took before failing, when the model knows it (else the tool's own timeout). */
      elapsedMs?: number;
      /** As for an answer: the replies that came lacked the RA flag. */
      noRecursion?: boolean;
    };

/** How `resolve` looks a name up. Defaults: glibc rules, /etc/hosts first, the namespace's resolv.conf nameserver. */
export interface ResolveOptions {
  /** Search-list rules: glibc tries the name as typed first when it has >= ndots dots, musl then skips the search list. */
  libc?: 'glibc' | 'musl';
  /** Skip /etc/hosts (nslookup and dig ask the server directly). */
  noHosts?: boolean;
  /** Ask this server instead of resolv.conf's first nameserver (`nslookup NAME SERVER`). */
  server?: string;
  /** Do not apply search domains (dig without +search). */
  noSearch?: boolean;
  /** The record type asked for (default A). */
  qtype?: 'A' | 'AAAA' | 'PTR' | 'SRV';
  /**
   * How long the client waits for one reply before giving up on the server (default: glibc 10 s — a 5 s timeout
   * and a retransmission that a late reply still matches —, musl 5 s). A reply that comes later is a timeout.
   */
  patienceMs?: number;
}

/** Why a connect/ping failed locally, as the kernel's errno: "Network is unreachable", "No route to host", "Invalid argument". */
export type NetErrno = 'ENETUNREACH' | 'EHOSTUNREACH' | 'EINVAL' | 'EMSGSIZE';

export interface ConnectResult {
  outcome: 'connected' | 'refused' | 'timeout' | 'unreachable' | 'no-endpoints';
  hops: Hop[];
  reason: string;
  /** Where the connection landed (after DNAT): the namespace, its address, and the listener. */
  peer?: { netns: NetnsRef; ip: string; port: number; listener: Listener };
  /** The source address the server sees. */
  clientIp?: string;
  /** Simulated round-trip time in ms (for curl -v timing, ping time=). */
  rttMs: number;
  /** For `unreachable`: the errno connect() returned (ENETUNREACH no route, EHOSTUNREACH neighbour did not answer ARP, EINVAL blackhole route). */
  errno?: NetErrno;
  /** What NetworkPolicy said (a drop, the rule that allowed it, a policy the CNI ignores), as codes for translation. */
  policy?: ReasonCode[];
}

export interface PingOptions {
  ttl?: number;
  /** The echo sequence number (1 for a new ping's first request): captures and conntrack show it. */
  seq?: number;
  /** IP packet size with DF set (ping -M do): larger than a device's MTU on the way, it is refused. */
  dfSize?: number;
}

export interface TraceProbe {
  proto: 'UDP' | 'ICMP' | 'TCP';
  ttl: number;
  /** Destination port (UDP, TCP). */
  port: number;
  /** IP packet size with DF set (tracepath), if any. */
  dfSize?: number;
}

/**
 * The answer to a probe: an ICMP time exceeded from a router, the destination answering (ICMP port unreachable for
 * UDP, echo reply for ICMP, SYN-ACK or RST for TCP), an ICMP unreachable from a router (traceroute's !H, !N), a DF
 * packet refused for its size, or nothing.
 */
export type TraceAnswer =
  | { kind: 'exceeded'; from: string; rttMs: number; hops: Hop[]; replyTtl: number }
  | { kind: 'reached'; from: string; rttMs: number; hops: Hop[]; replyTtl: number }
  | { kind: 'unreachable'; from: string; code: 'H' | 'N'; rttMs: number; hops: Hop[] }
  | { kind: 'too-big'; from?: string; mtu: number; rttMs: number; hops: Hop[] }
  | { kind: 'none'; rttMs: number; hops: Hop[] };

export interface PingResult {
  outcome: 'reply' | 'timeout' | 'unreachable';
  /** TTL of the reply as the sender sees it (64 minus routed hops of the reply's path). */
  ttl?: number;
  hops: Hop[];
  reason: string;
  rttMs: number;
  /** For `unreachable`: the router address that sent the ICMP error (iputils "From X icmp_seq=1 Destination Host Unreachable"). */
  from?: string;
  /** For `unreachable` with `from`: the ICMP error, in iputils' words. */
  icmp?: 'Destination Host Unreachable' | 'Destination Net Unreachable' | 'Time to live exceeded' | 'Frag needed and DF set';
  /** For `unreachable` without `from`: the local send error (ping: connect: Network is unreachable; sendmsg: Invalid argument). */
  errno?: NetErrno;
  /** The path MTU that refused a DF packet: the local device's (EMSGSIZE) or the one a router reported. */
  mtu?: number;
  /** What NetworkPolicy said, as for ConnectResult. */
  policy?: ReasonCode[];
}

export interface Dataplane {
  /**
   * Give a pod its IP on its node (CNI ADD); honours pins and Calico's ipAddrs annotation. Returns the IP (the node's
   * for hostNetwork pods). When the CNI fails (block full, requested IP taken) it throws PodlabError('backend-error')
   * whose message is the plugin's error; tryAttachPod returns the same failure as a value.
   */
  attachPod(pod: Pod, node: string): string;
  /**
   * CNI ADD with the failure as a value: the message is the plugin's error, for the control plane's
   * FailedCreatePodSandBox event.
   */
  tryAttachPod(pod: Pod, node: string): { ok: true; ip: string } | { ok: false; message: string };
  /** Release the pod's IP (CNI DEL). */
  detachPod(namespace: string, name: string): void;
  /** The namespace's interfaces (for `ip addr` / `ip link`). */
  interfaces(ns: NetnsRef): Interface[];
  /** The namespace's main routing table (for `ip route`). */
  routes(ns: NetnsRef): Route[];
  /** The resolver config a process in this namespace uses (/etc/resolv.conf). */
  resolvConf(ns: NetnsRef): { nameservers: string[]; search: string[]; options: string[] };
  /** The namespace's /etc/hosts entries in file order (IPv6 lines included), the same data `resolve` reads. */
  hosts(ns: NetnsRef): { ip: string; names: string[] }[];
  /** Resolve a name as the namespace's resolver would (search domains, ndots:5), through CoreDNS or /etc/hosts. */
  resolve(from: NetnsRef, name: string, options?: ResolveOptions): DnsAnswer;
  /** Open a TCP (or send a UDP) connection from `from` to ip:port; kube-proxy rules apply. */
  connect(from: NetnsRef, ip: string, port: number, protocol: 'TCP' | 'UDP'): ConnectResult;
  /** One ICMP echo from `from` to ip (with the IP TTL and a DF size when given: ping -t, ping -M do -s). */
  ping(from: NetnsRef, ip: string, options?: PingOptions): PingResult;
  /** One traceroute probe with the given TTL: who answered it, and how. */
  trace(from: NetnsRef, ip: string, probe: TraceProbe): TraceAnswer;
  /** The primary address of a namespace (pod IP, node InternalIP). */
  addressOf(ns: NetnsRef): string | undefined;
  /** The neighbour (ARP) table (`ip neigh`): what traffic resolved, aged on the clock. */
  neighbours(ns: NetnsRef): { dst: string; dev: string; lladdr: string; state: 'REACHABLE' | 'STALE' | 'PERMANENT' }[];
  /** Packets and bytes a device sent and received, counted from the walks (`ip -s link`). */
  deviceCounters(ns: NetnsRef, dev: string): { rxBytes: number; rxPackets: number; txBytes: number; txPackets: number };
  /**
   * For the matrix by classes: a text equal for two attached pods whose network the walk cannot tell apart (their
   * own address, veth and names aside): devices, routes, every node's and the router's route to them (not its
   * listeners: they matter where a request is delivered, and the caller adds them).
   * Undefined for a hostNetwork or unattached pod.
   */
  networkClass(ns: NetnsRef): string | undefined;
}

// ---------------------------------------------------------------------------------------------
// Control plane (sim/control): controllers on the simulated clock.

export interface ControlPlane {
  /** Run every controller until nothing changes, at the current simulated time. */
  settle(): void;
  /**
   * Advance simulated time by ms, firing lifecycle timers and settling once per simulated instant, after the last
   * timer due at it.
   */
  advance(ms: number): void;
  /** The running process of a container (listeners/logs), if the container is running now. */
  running(namespace: string, pod: string, container: string): ContainerRun | undefined;
  /** All listeners in a pod's network namespace (all its running containers) or on a node's host. */
  listeners(ns: NetnsRef): Listener[];
  /**
   * A container's log lines: the current (or last) run, or with `previous` the run before it; undefined if there is none.
   * A running process's `logs` is read at this instant (it grows as its handlers log requests and its loops run);
   * the kubelet keeps what it showed when the process ended.
   */
  logs(namespace: string, pod: string, container: string, previous: boolean): string[] | undefined;
  /** When each line `logs` returns was written (simulated epoch ms), where the process recorded it. */
  logTimes(namespace: string, pod: string, container: string, previous: boolean): number[] | undefined;
  /**
   * Run every controller once over every object, as a restarted controller manager would, and return how many
   * changes that made (store writes, pods the kubelets took up or let go): 0 when the controllers' work queues,
   * which normally limit each run to what changed, missed nothing. For tests.
   */
  resync(): number;
}

// ---------------------------------------------------------------------------------------------
// Files on hosts: the workstation's working directory, files in containers.

export interface FileSystem {
  read(path: string): string | undefined;
  /** Create or replace a file, creating missing parent directories; throws PodlabError('input-limit') past the size limits. */
  write(path: string, content: string): void;
  /** Entries directly under a directory, names only, sorted. undefined if not a directory. */
  list(dir: string): string[] | undefined;
  isDir(path: string): boolean;
  /** Remove a file or a directory (with its contents); false if nothing was there. */
  remove(path: string): boolean;
  // What programs use (sim/proc/os/fs/mem-fs.ts implements them all).
  /** Metadata of a path (symlinks are not modelled), or undefined if nothing is there. */
  stat(path: string): FileStat | undefined;
  /** Create a directory; with `parents`, create missing parents and accept an existing directory. */
  mkdir(path: string, options?: { parents?: boolean }): FsErrno | undefined;
  /** Write (or append to) a file as a program would: parents are not created; failures are values. */
  writeFile(path: string, content: string, options?: { append?: boolean }): FsErrno | undefined;
  /** Set a path's permission bits (chmod). */
  chmod(path: string, mode: number): FsErrno | undefined;
}

/** Why a file operation failed, named like errno; programs print it in their own words. */
export type FsErrno = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EFBIG' | 'ENOSPC' | 'EACCES';

/** What `stat` tells about a path. */
export interface FileStat {
  kind: 'file' | 'dir';
  /** Bytes (UTF-8) for files; 4096 for directories. */
  size: number;
  /** Last modification, simulated ms since the epoch. */
  mtimeMs: number;
  /** Permission bits, e.g. 0o644. */
  mode: number;
}

// ---------------------------------------------------------------------------------------------
// The world: one simulated cluster.

export interface World {
  readonly cluster: ResolvedCluster;
  readonly store: Store;
  readonly clock: Clock;
  readonly rng: Rng;
  readonly api: Api;
  readonly control: ControlPlane;
  readonly net: Dataplane;
  readonly images: ImageCatalog;
  /** The filesystem of a host (a node, or a container: containers of a pod have separate filesystems). */
  fs(host: HostRef): FileSystem;
}
