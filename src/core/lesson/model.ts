// The Lesson model: what parsing a lesson Markdown file yields. Plain data, no behaviour.
import type { Diagnostic, SourcePos } from '../errors.ts';

/** The CNI models the simulator knows. */
export type CniModel = 'calico' | 'flannel' | 'kindnet';

/** Operating systems a node can run in the simulator. */
export type NodeOs = 'centos' | 'debian' | 'ubuntu';

/** One node of the lesson's cluster, from front matter `cluster.nodes`. */
export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  /** The node's host address (InternalIP); allocated from `cluster.nodeCIDR` when absent. */
  ip?: string;
  /** The node's pod block (Calico IPAM block, flannel subnet); allocated when absent. */
  podCIDR?: string;
  labels?: Record<string, string>;
  /** Extra taints; a control-plane node always gets node-role.kubernetes.io/control-plane:NoSchedule unless `schedulable: true`. */
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  schedulable?: boolean;
  /** Where the node is declared in the front matter (for diagnostics). */
  pos?: SourcePos;
}

/** An author's pin: where a named pod lands and which IP it gets (the article's lesson pins its transcripts' IPs). */
export interface PinSpec {
  pod: string;
  namespace?: string;
  node?: string;
  ip?: string;
  /** Where the pin is declared in the front matter (for diagnostics). */
  pos?: SourcePos;
}

/** A fault an author injects to teach a failure. */
export type FaultSpec =
  | { kind: 'drop-route'; node: string; to: string; pos?: SourcePos } // node loses its route to another node's pod block (`to` = node name or CIDR)
  | { kind: 'node-down'; node: string; pos?: SourcePos }; // `pos`: where the fault is declared in the front matter

/** One step of the state that exists before the lesson starts. */
export interface SetupStep {
  /** YAML text of one or more manifests (multi-document allowed). */
  manifests: string;
  /** Simulated time that passes after this step (e.g. "95m"), so AGE columns read naturally. */
  after?: string;
  pos: SourcePos;
}

/** The lesson's cluster, from front matter `cluster`. */
export interface ClusterSpec {
  cni: CniModel;
  /** The nodes' operating system (prompt style, osImage, kernel); default debian. */
  os?: NodeOs;
  /** Cluster pod CIDR (Calico IP pool); defaults: calico 192.168.0.0/16, flannel/kindnet 10.244.0.0/16. */
  podCIDR?: string;
  /** Service CIDR; default 10.96.0.0/12 (kube-dns at .10). */
  serviceCIDR?: string;
  /** Subnet of node host addresses; default 172.18.0.0/16 (kind) for kindnet, 10.0.0.0/24 otherwise. */
  nodeCIDR?: string;
  /** Cluster DNS domain; default cluster.local. */
  domain?: string;
  kubernetesVersion?: string;
  nodes: NodeSpec[];
  /** Where run cells without `on=` execute: a node's host shell, with this working directory. */
  workstation: { node: string; cwd: string; user: string; pos?: SourcePos };
  pins: PinSpec[];
  faults: FaultSpec[];
  setup: SetupStep[];
}

/** What the reachability of an expectation should be. */
export type ReachVerdict = 'ok' | 'blocked' | 'refused' | 'timeout' | 'nxdomain' | 'no-route';

/** What every expectation carries: the line as written, where it is, and its [modifiers]. */
export interface ExpectationCommon {
  /** The line as written, trimmed. */
  text: string;
  pos: SourcePos;
  /** `[hidden]`: kept out of the page and the student copy; evaluated when grading. */
  hidden: boolean;
  /** `[points=N]`; 1 when absent. */
  points?: number;
  /** `[id=NAME]`, unique in the lesson. */
  id?: string;
  /** `[simulator]`: holds only on the simulator (pinned IPs, TTLs, injected faults); skipped on real clusters. */
  simulatorOnly?: boolean;
}

/** Which pods of a selector a reach check speaks about: at least one (`any`, the default) or every one (`all`). */
export type Quantifier = 'any' | 'all';

/**
 * A reachability expectation: `busybox -> nginx-pod:80 ok`, `henry003 -> nginx-pod icmp ok`,
 * `all app=api -> deploy/db:5432 ok`. A side may be a selector (`deploy/api`, `rs/x`, `app=api`, `ns/app=api`)
 * that the check resolves to pods on the cluster when it runs.
 */
export interface ReachExpectation extends ExpectationCommon {
  kind: 'reach';
  /** A pod name (optionally ns/name), a node name, or a selector. */
  from: string;
  /** A pod, node, Service name, DNS name, IP or selector. */
  to: string;
  port?: number;
  protocol: 'tcp' | 'udp' | 'icmp';
  expect: ReachVerdict;
  /** For selector sides: `any` (default) or `all`, as written before the source. */
  quantifier?: Quantifier;
}

/** An output matcher on the cell's transcript or exit code. */
export interface OutputExpectation extends ExpectationCommon {
  kind: 'output';
  /** `applied`: one of kubectl apply's lines `KIND[.GROUP]/NAME created|configured|unchanged` for `value` (KIND/NAME). */
  matcher: 'contains' | 'not-contains' | 'regex' | 'exit-code' | 'applied';
  value: string;
  /** RegExp flags for `regex` (`output matches /ttl=6[34]/i` gives "i"). */
  flags?: string;
  /** `output of N …`, `exit of N …`: the check sees only the N-th line of the cell (1-based) and its output. */
  line?: number;
}

/** The object kinds object checks and selectors know, by the canonical name; `OBJECT_KINDS` lists aliases. */
export type ObjectKind = 'pod' | 'service' | 'deployment' | 'replicaset' | 'node';

/** An object-state expectation, asked of the cluster: `object svc/web exists`, `object deploy/web ready 3`. */
export interface ObjectExpectation extends ExpectationCommon {
  kind: 'object';
  resource: ObjectKind;
  name: string;
  namespace?: string;
  state: 'exists' | 'absent' | 'ready';
  /** For `ready N`: the ready replicas (workloads), ready endpoints (Services); a pod or node is ready or not. */
  count?: number;
}

export type Expectation = ReachExpectation | OutputExpectation | ObjectExpectation;

/**
 * A named value, captured after its cell ran and usable as `$NAME` in later cells' lines and in checks:
 * `capture IP = pod/busybox .status.podIP` (from the cluster) or `capture TTL = output /ttl=(\d+)/` (from the output).
 */
export interface Capture {
  name: string;
  text: string;
  pos: SourcePos;
  from: { kind: 'object'; ref: string; field: string } | { kind: 'output'; regex: string; flags?: string; line?: number };
}

/** Where a run cell executes. */
export type CellTarget =
  { kind: 'workstation' } | { kind: 'node'; node: string } | { kind: 'pod'; pod: string; namespace?: string; container?: string };

interface CellBase {
  /** Stable id: the `id=` attribute, else `<section-number>-<index>`. */
  id: string;
  /** Section heading path this cell belongs to, e.g. "2.1". */
  section: string;
  /** The fence's info string as written. */
  info: string;
  pos: SourcePos;
  /** Hidden cells are kept out of the student copy and not shown in the page (grading). */
  hidden: boolean;
  /** An exercise cell is written by the learner; its content in the lesson is the reference solution. */
  exercise: boolean;
  /** Expectations attached to this cell (from the `expect` block that follows it). */
  expectations: Expectation[];
  /** Named values captured after the cell ran (`capture` lines of its expect block); absent when none. */
  captures?: Capture[];
  /** Free attributes the schema accepted (e.g. `timeout=10s`). */
  attrs: Record<string, string>;
}

/** ```yaml file=nginx_pod.yaml: writes a file into the session's working directory. */
export interface FileCell extends CellBase {
  kind: 'file';
  path: string;
  lang: string;
  content: string;
}

/** ```sh run: lines typed into a terminal at `target`. */
export interface RunCell extends CellBase {
  kind: 'run';
  target: CellTarget;
  /** The lines as a user types them (one command per line; continuation lines joined). */
  lines: string[];
  /** Per-cell overrides; defaults come from tutorial.config.ts. */
  timeoutMs?: number;
}

export type Cell = FileCell | RunCell;

export interface Section {
  /** "1", "2", "2.1" — from the heading's own number when it has one, else counted. */
  number: string;
  title: string;
  level: number;
  pos: SourcePos;
}

export interface Lesson {
  id: string;
  title: string;
  lang: string;
  /** The front matter's one-line description, if any (the lesson list shows it). */
  description?: string;
  /** The front matter's estimated time in minutes, if any. */
  minutes?: number;
  /** `solution: reveal`: the web page may show the exercise cells' reference solutions when asked. */
  solution?: 'reveal';
  /** The front matter's place in the lesson list (lower first; absent counts as 1). */
  order?: number;
  file: string;
  seed: number;
  cluster: ClusterSpec;
  sections: Section[];
  cells: Cell[];
  /** The Markdown source, unchanged (renderers re-parse it with the same plugin). */
  source: string;
  /** Problems found while parsing; a lesson with errors must not be run. */
  diagnostics: Diagnostic[];
}
