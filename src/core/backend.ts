// The Backend contract: everything that differs between the simulator and a real cluster sits behind it.
import type { CellTarget, ClusterSpec } from './lesson/model.ts';

/** Where a terminal opens: the lesson's workstation, a node's host, or a container of a pod. */
export type ShellTarget = CellTarget;

/** The source of a probe: a pod's network namespace or a node's host namespace. */
export type Endpoint = { kind: 'pod'; name: string; namespace?: string } | { kind: 'node'; name: string };

/** What a probe aims at: a pod, node or Service name, a DNS name, or an IP; with a port for TCP/UDP. */
export interface Target {
  host: string;
  port?: number;
  protocol: 'tcp' | 'udp' | 'icmp';
  /**
   * The verdict the lesson expects (`ok`, `refused`, `blocked` …), when a check is probing. A real backend retries a
   * probe only while the observed outcome differs from it (kubernetes/kubernetes#115283); the simulator ignores it.
   */
  expect?: string;
}

/** One step of a packet's path, as the backend saw it. */
export interface Hop {
  /** The network namespace the packet is in: "pod/default/busybox", "node/henry003". */
  at: string;
  /** What happened there, in one short sentence: "route 192.168.217.0/26 via 10.0.0.12 dev tunl0". */
  action: string;
}

/** A reason as data, for pages that translate it: a stable code ("policy-denied-ingress") and its parameters. */
export interface ReasonCode {
  code: string;
  params: Record<string, string>;
}

/**
 * How a probe ended. `ok` for TCP means connected; for ICMP an echo reply came back.
 * The rest name why not, most specific first.
 */
export type ProbeOutcome =
  | 'ok'
  | 'refused' // nothing listening on that port (TCP RST)
  | 'timeout' // dropped silently somewhere (no route on a router, policy, dead node)
  | 'no-route' // the source itself has no route (EHOSTUNREACH / ENETUNREACH)
  | 'nxdomain' // a name did not resolve
  | 'no-endpoints' // a Service without ready endpoints (kube-proxy rejects)
  | 'no-source' // the source pod or node does not exist
  | 'source-not-running' // the source pod exists but is not Running
  | 'error';

export interface Probe {
  from: Endpoint;
  target: Target;
  outcome: ProbeOutcome;
  /** One sentence for people: why it ended this way. */
  reason: string;
  /** The path as far as the packet got (empty where the backend cannot see it). */
  hops: Hop[];
  /** The IP the target resolved to, if any. */
  resolvedIp?: string;
  /** After Service DNAT: the endpoint that answered ("pod/default/nginx-7db9...:80"). */
  servedBy?: string;
  /** TTL of the ICMP reply, for icmp probes that succeeded. */
  ttl?: number;
  /** Parts of `reason` as codes with parameters (NetworkPolicy verdicts today), so a page can translate them. */
  reasonCodes?: ReasonCode[];
}

/** The result of one line typed into a terminal. */
export interface LineResult {
  /** What the terminal showed after the line was entered, up to (not including) the next prompt. Uses \n line ends. */
  output: string;
  /** Exit status of the line's last command (of the nested shell's line, inside a nested shell). */
  exitCode: number;
  /** Simulated or measured duration, in ms. */
  durationMs: number;
  timedOut: boolean;
  truncated: boolean;
}

export interface TypeOptions {
  timeoutMs: number;
  maxOutputBytes: number;
  /** Called with output as it arrives (a real backend streams; the simulator calls it once). */
  onOutput?: (chunk: string) => void;
  /** Structurally an AbortSignal (kept minimal so src/core needs no DOM types). */
  signal?: { readonly aborted: boolean };
}

/** An open terminal: a shell that lines are typed into; `kubectl exec -it` nests another shell in it. */
export interface Terminal {
  /** The prompt the terminal shows now, e.g. "[root@henry001 network]# " or "/ # ". */
  prompt(): string;
  /** How many shells deep the terminal is (1 = its own shell; 2 inside `kubectl exec -it`). */
  depth(): number;
  type(line: string, options: TypeOptions): Promise<LineResult>;
  /** Completion candidates for the partial line (for the browser's terminal); may be empty. */
  complete?(partial: string): string[];
  dispose(): Promise<void>;
}

/** Nodes, pods, services: what the topology picture shows. */
export interface ClusterView {
  nodes: {
    name: string;
    role: string;
    ip: string;
    podCIDR?: string;
    ready: boolean;
  }[];
  pods: {
    namespace: string;
    name: string;
    node?: string;
    ip?: string;
    phase: string;
    /** READY column text, e.g. "1/1". */
    ready: string;
    labels: Record<string, string>;
    containers: { name: string; image: string; ports: number[] }[];
    hostNetwork: boolean;
    /** NetworkPolicies ("ns/name") that select the pod, per direction they isolate; absent when none does. */
    isolation?: { ingress: string[]; egress: string[] };
  }[];
  services: {
    namespace: string;
    name: string;
    type: string;
    clusterIP?: string;
    ports: { port: number; targetPort: string; nodePort?: number; protocol: string }[];
    selector: Record<string, string>;
    /** "namespace/pod" of each ready endpoint. */
    endpoints: string[];
  }[];
  /**
   * Deployments and ReplicaSets, for selector targets (`deploy/api`) and object checks (`object deploy/web ready 3`);
   * absent on a backend that does not list them. `selector` is the workload's `spec.selector.matchLabels`.
   */
  workloads?: {
    kind: 'deployment' | 'replicaset';
    namespace: string;
    name: string;
    selector: Record<string, string>;
    /** spec.replicas. */
    replicas: number;
    /** status.readyReplicas (0 when absent). */
    readyReplicas: number;
  }[];
  /**
   * The namespace the lesson calls `default`, where it differs (a real cluster's session namespace);
   * checks map the lesson's `default` to it. Absent: `default`.
   */
  defaultNamespace?: string;
  /** A monotonically increasing version; the view changed when it changes. */
  version: number;
}

/** One end of a probe, classed: equal ids, equal treatment by the backend. */
export interface ProbeClass {
  /** A small whole number (sources and targets are numbered apart). */
  readonly id: number;
  /** The pod at this end ("namespace/name"), so that a pod probing itself is told apart; absent for a node. */
  readonly pod?: string;
}

/** A source's class, with what its targets' classes depend on. */
export interface SourceClass extends ProbeClass {
  /** Where the source resolves a bare pod name (its namespace): targets are classed per scope. */
  readonly scope: string;
}

/**
 * Probe classes, in two steps: the source's class once, then each target's class for the source's scope. Two probes
 * end with the same outcome when their sources' ids are equal, their targets' ids are equal, and either both or
 * neither probe a pod from itself (the source's `pod` equals the target's). Undefined: the probe runs on its own.
 */
export interface ProbeClassifier {
  source(from: Endpoint): SourceClass | undefined;
  target(scope: string, to: Target): ProbeClass | undefined;
}

export interface StartOptions {
  seed: number;
  /** Lesson id, used to name sandboxes and label objects on real clusters. */
  lessonId: string;
}

/**
 * A place lessons run: the built-in simulator or a real cluster.
 * Lifecycle: start() once, then any number of writeFile/openTerminal/probe/view, then stop().
 */
export interface Backend {
  /** "simulator", "kind", "kube". */
  readonly name: string;
  /** Build or attach to the cluster the lesson describes, including its setup objects. */
  start(cluster: ClusterSpec, options: StartOptions): Promise<void>;
  /** Put a file into the session's working directory on the workstation. */
  writeFile(path: string, content: string): Promise<void>;
  /** Open a terminal at `where`; the caller disposes it. */
  openTerminal(where: ShellTarget): Promise<Terminal>;
  /** The reachability primitive: try to reach `to` from `from` now; never throws for a failed connection. */
  probe(from: Endpoint, to: Target): Promise<Probe>;
  /** Optional, for a matrix by classes: a classifier valid until the cluster next changes (see ProbeClassifier). */
  probeClasses?(): ProbeClassifier;
  view(): Promise<ClusterView>;
  /** Tear everything down; safe to call twice. */
  stop(): Promise<void>;
}
