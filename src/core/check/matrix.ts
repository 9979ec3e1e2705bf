// The reachability matrix: every lesson pod and node probing every lesson pod, next to what the lesson expects.
import type { Backend, ClusterView, Endpoint, ProbeClass, ProbeClassifier, ProbeOutcome, SourceClass } from '../backend.ts';
import type { Lesson, ReachExpectation } from '../lesson/model.ts';
import type { MatrixCell, ReachMatrix } from './types.ts';
import { endpointFor } from './endpoints.ts';
import { verdictAccepts } from './verdicts.ts';

/** Namespaces whose pods are the cluster's own, not the lesson's. */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'calico-system', 'kube-flannel', 'tigera-operator']);

/** At most this many pods per axis; a larger lesson gets the first ones by name (the matrix is for people). */
export const MATRIX_MAX_PODS = 24;

function podLabel(p: ClusterView['pods'][number]): string {
  return p.namespace === 'default' ? p.name : `${p.namespace}/${p.name}`;
}

type Target = ReachMatrix['targets'][number];

/** At most this many columns: pods by port, then Services by name and ClusterIP, then other names the checks use. */
export const MATRIX_MAX_TARGETS = 40;

/**
 * The columns: each lesson pod on the ports the lesson's checks probe it on, else its first declared port, else
 * (with `servicePorts`) the ports the Services selecting it send to, else ICMP; each Service port by name and by
 * ClusterIP; other names and addresses the lesson's reach checks use.
 */
function targetsOf(
  view: ClusterView,
  pods: ClusterView['pods'],
  expectations: ReachExpectation[],
  maxTargets: number,
  servicePorts = false,
): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  const add = (t: Target) => {
    const key = `${t.name}|${t.protocol}|${t.port ?? ''}`;
    if (seen.has(key) || out.length >= maxTargets) return;
    seen.add(key);
    out.push(t);
  };
  const checked = (name: string) => expectations.filter((e) => e.to === name && e.protocol !== 'icmp' && e.port !== undefined);
  for (const p of pods) {
    const name = podLabel(p);
    const fromChecks = checked(name);
    const declared = p.containers.flatMap((c) => c.ports)[0];
    if (fromChecks.length > 0) for (const e of fromChecks) add({ name, protocol: e.protocol, port: e.port, kind: 'pod' });
    if (declared !== undefined) add({ name, protocol: 'tcp', port: declared, kind: 'pod' });
    // A pod that declares no port (kubectl create deployment) is probed where its Services send traffic.
    const behind = fromChecks.length === 0 && declared === undefined && servicePorts ? serviceTargetPorts(view, p) : [];
    for (const t of behind) add({ name, protocol: t.protocol, port: t.port, kind: 'pod' });
    if (fromChecks.length === 0 && declared === undefined && behind.length === 0) add({ name, protocol: 'icmp', kind: 'pod' });
  }
  // The API server's own Service (default/kubernetes) is the cluster's, not the lesson's.
  for (const s of view.services.filter(
    (x) => !SYSTEM_NAMESPACES.has(x.namespace) && !(x.namespace === 'default' && x.name === 'kubernetes'),
  )) {
    const name = s.namespace === 'default' ? s.name : `${s.name}.${s.namespace}`;
    for (const port of s.ports) {
      const protocol = port.protocol.toLowerCase() === 'udp' ? 'udp' : 'tcp';
      add({ name, protocol, port: port.port, kind: 'service' });
      if (s.clusterIP && s.clusterIP !== 'None') add({ name: s.clusterIP, protocol, port: port.port, kind: 'cluster-ip' });
    }
  }
  for (const e of expectations) {
    if (out.some((t) => t.name === e.to)) continue;
    add(
      e.protocol === 'icmp' || e.port === undefined
        ? { name: e.to, protocol: 'icmp', kind: 'name' }
        : { name: e.to, protocol: e.protocol, port: e.port, kind: 'name' },
    );
  }
  return out;
}

/** The numeric ports the Services whose selector matches `pod` send to (targetPort, else the Service port). */
function serviceTargetPorts(view: ClusterView, pod: ClusterView['pods'][number]): { protocol: 'tcp' | 'udp'; port: number }[] {
  const out: { protocol: 'tcp' | 'udp'; port: number }[] = [];
  for (const s of view.services) {
    const keys = Object.keys(s.selector);
    if (s.namespace !== pod.namespace || keys.length === 0 || !keys.every((k) => pod.labels[k] === s.selector[k])) continue;
    for (const port of s.ports) {
      const target = /^\d+$/.test(port.targetPort) ? Number(port.targetPort) : port.targetPort === '' ? port.port : undefined;
      const protocol = port.protocol.toLowerCase() === 'udp' ? 'udp' : 'tcp';
      if (target !== undefined && !out.some((o) => o.port === target && o.protocol === protocol)) out.push({ protocol, port: target });
    }
  }
  return out;
}

/** How much of the cluster a matrix covers; the defaults are `podlab run`'s excerpt. */
export interface MatrixOptions {
  /** At most this many lesson pods per axis (default MATRIX_MAX_PODS; Infinity: every one). */
  maxPods?: number;
  /** At most this many columns (default MATRIX_MAX_TARGETS; Infinity: every one). */
  maxTargets?: number;
  /**
   * Outcomes only, by classes: probe once per class of (source, target) the backend cannot tell apart
   * (Backend.probeClasses) and give the class's outcome to every member. Cells then carry no reason, hops or
   * reason codes (those name the pair); the outcomes equal the pair-by-pair matrix's.
   */
  classes?: boolean;
  /**
   * Probe a pod that declares no port and that no check names on the ports its Services send to (the page's
   * matrix), instead of by ICMP (`podlab run`'s grid, kept as its goldens show it).
   */
  servicePorts?: boolean;
}

/** Outcomes as small numbers, for the class squares (0: not probed yet). */
const OUTCOMES: readonly ProbeOutcome[] = [
  'ok',
  'refused',
  'timeout',
  'no-route',
  'nxdomain',
  'no-endpoints',
  'no-source',
  'source-not-running',
  'error',
];
const OUTCOME_CODE = new Map(OUTCOMES.map((o, i) => [o, i + 1]));

/** The first expectation per (from, to, protocol, port), as `expectations.find` would pick it for a cell. */
function expectationIndex(expectations: ReachExpectation[]): (from: string, t: Target) => ReachExpectation | undefined {
  if (expectations.length === 0) return () => undefined;
  const first = new Map<string, ReachExpectation>();
  for (const e of expectations) {
    // An icmp column matches any port the expectation names; a tcp/udp column its own port only.
    const key = `${e.from}\0${e.to}\0${e.protocol}\0${e.protocol === 'icmp' ? '' : (e.port ?? '')}`;
    if (!first.has(key)) first.set(key, e);
  }
  return (from, t) => first.get(`${from}\0${t.name}\0${t.protocol}\0${t.protocol === 'icmp' ? '' : (t.port ?? '')}`);
}

/** Probe the matrix over the cluster as it is now (columns: see targetsOf). */
export async function computeMatrix(
  backend: Backend,
  lesson: Pick<Lesson, 'cluster' | 'cells'>,
  options: MatrixOptions = {},
): Promise<ReachMatrix> {
  const view = await backend.view();
  const pods = view.pods.filter((p) => !SYSTEM_NAMESPACES.has(p.namespace)).slice(0, options.maxPods ?? MATRIX_MAX_PODS);
  const expectations = lesson.cells.flatMap((c) => c.expectations).filter((e): e is ReachExpectation => e.kind === 'reach');
  const targets = targetsOf(view, pods, expectations, options.maxTargets ?? MATRIX_MAX_TARGETS, options.servicePorts);
  const sources = [...pods.map(podLabel), ...view.nodes.map((n) => n.name)];
  const classify = options.classes ? backend.probeClasses?.() : undefined;
  if (options.classes) {
    // Only the rows of sources the lesson's checks start from can have an expectation.
    const checked = new Set(expectations.map((e) => e.from));
    return byClasses(backend, lesson, classify, sources, targets, expectationIndex(expectations), checked);
  }
  const cells: MatrixCell[] = [];
  for (const from of sources) {
    const source = endpointFor(from, lesson);
    for (const t of targets) {
      if (from === t.name) continue;
      const exp = expectations.find(
        (e) => e.from === from && e.to === t.name && e.protocol === t.protocol && (t.protocol === 'icmp' || e.port === t.port),
      );
      const probe = await backend.probe(source, { host: t.name, port: t.port, protocol: t.protocol });
      cells.push({
        from,
        to: t.name,
        protocol: t.protocol,
        port: t.port,
        observed: probe.outcome,
        expected: exp?.expect,
        agrees: exp ? verdictAccepts(exp.expect, probe.outcome) : undefined,
        ...(probe.reasonCodes?.some(
          (c) => c.code === 'policy-denied-ingress' || c.code === 'policy-denied-egress' || c.code === 'admin-denied',
        )
          ? { policyDrop: true as const }
          : {}),
        ...(probe.reasonCodes?.length ? { reasonCodes: probe.reasonCodes } : {}),
        reason: probe.reason,
        hops: probe.hops,
      });
    }
  }
  return { sources, targets, cells };
}

/**
 * The squares of a matrix computed by classes, read without making its cells: row `i` (sources[i]) and column `j`
 * (targets[j]) give what the cell of that pair holds. A 3,000-pod matrix has 9 million squares; its cells, one object
 * each, cost as much to make as the probes.
 */
export interface MatrixSquares {
  /** The cell's `observed`; undefined where there is no cell (a source's own column). */
  observed(i: number, j: number): ProbeOutcome | undefined;
  /** The cell's `expected`. */
  expected(i: number, j: number): string | undefined;
  /** The cell's `agrees`. */
  agrees(i: number, j: number): boolean | undefined;
}

const SQUARES = new WeakMap<ReachMatrix, MatrixSquares>();

/**
 * The squares of a matrix computed by classes (undefined for any other): for callers that read outcomes only, such as
 * `podlab matrix`'s grid. It is kept beside the matrix, not in it, so the matrix's shape (JSON, structured clone) is
 * the pair-by-pair one.
 */
export function matrixSquares(m: ReachMatrix): MatrixSquares | undefined {
  return SQUARES.get(m);
}

/** How many squares a matrix has and how many differ from the lesson: from its squares when it has them, else its cells. */
export function matrixCounts(m: ReachMatrix): { squares: number; disagreements: number } {
  const view = SQUARES.get(m);
  if (!view) return { squares: m.cells.length, disagreements: m.cells.filter((c) => c.agrees === false).length };
  let squares = 0;
  let disagreements = 0;
  for (let i = 0; i < m.sources.length; i++)
    for (let j = 0; j < m.targets.length; j++) {
      if (view.observed(i, j) === undefined) continue;
      squares++;
      if (view.agrees(i, j) === false) disagreements++;
    }
  return { squares, disagreements };
}

/** A scope's columns, as a row of a classed source looks at them. */
interface ScopeColumns {
  /** Each column's target class (undefined: probed on its own from every row). */
  cols: (ProbeClass | undefined)[];
  /** Per target class id, its columns in order. */
  byClass: Map<number, number[]>;
  /** The columns no class holds. */
  loose: number[];
  /** Per pod, the classed columns that name it (probed on their own from that pod's row). */
  byPod: Map<string, number[]>;
  /** One more than the largest target class id. */
  width: number;
}

function scopeColumns(cols: (ProbeClass | undefined)[]): ScopeColumns {
  const sc: ScopeColumns = { cols, byClass: new Map(), loose: [], byPod: new Map(), width: 0 };
  cols.forEach((tc, j) => {
    if (!tc) return void sc.loose.push(j);
    sc.width = Math.max(sc.width, tc.id + 1);
    const same = sc.byClass.get(tc.id);
    if (same) same.push(j);
    else sc.byClass.set(tc.id, [j]);
    if (tc.pod === undefined) return;
    const mine = sc.byPod.get(tc.pod);
    if (mine) mine.push(j);
    else sc.byPod.set(tc.pod, [j]);
  });
  return sc;
}

/**
 * The matrix by classes: one probe per (source class, target class), its outcome kept in a square of bytes per
 * source class; a probe the classifier cannot class (or a pod probing itself) runs on its own. Every probe runs
 * here; the cells, one object per square, are made when `cells` is first read (a 3,000-pod matrix has 9 million).
 */
async function byClasses(
  backend: Backend,
  lesson: Pick<Lesson, 'cluster'>,
  classify: ProbeClassifier | undefined,
  sources: string[],
  targets: Target[],
  expectationFor: (from: string, t: Target) => ReachExpectation | undefined,
  checked: ReadonlySet<string>,
): Promise<ReachMatrix> {
  const T = targets.length;
  /** Per source class id, the outcome code per target class id. */
  const squares: Uint8Array[] = [];
  /** Per scope, each column's target class and where a row looks (see ScopeColumns). */
  const scopes = new Map<string, ScopeColumns>();
  /** Per row, its source class and the classes of its columns; outcomes of squares probed on their own. */
  const rows: { cls: SourceClass | undefined; cols: (ProbeClass | undefined)[] | undefined }[] = [];
  const alone = new Map<number, ProbeOutcome>();
  const probeAlone = async (i: number, j: number, source: Endpoint): Promise<void> => {
    alone.set(i * T + j, (await backend.probe(source, toTarget(targets[j]))).outcome);
  };
  for (let i = 0; i < sources.length; i++) {
    const from = sources[i];
    const source = endpointFor(from, lesson);
    const cls = classify?.source(source);
    if (!cls || !classify) {
      rows.push({ cls: undefined, cols: undefined });
      for (let j = 0; j < T; j++) if (from !== targets[j].name) await probeAlone(i, j, source);
      continue;
    }
    let sc = scopes.get(cls.scope);
    if (!sc) scopes.set(cls.scope, (sc = scopeColumns(targets.map((t) => classify.target(cls.scope, toTarget(t))))));
    const cols = sc.cols;
    rows.push({ cls, cols });
    let square = squares[cls.id];
    if (!square || square.length < sc.width) {
      const grown = new Uint8Array(Math.max(16, sc.width));
      if (square) grown.set(square);
      squares[cls.id] = square = grown;
    }
    // The columns this row probes, in column order as a pass over every column would meet them: for each target
    // class not yet probed from this source class, its first column the row may probe by class; and the columns
    // probed on their own (no class, or the source pod itself). A row of an already probed class visits each
    // target class once instead of every column (a 3,000-pod matrix has 9 million squares).
    const todo: number[] = [];
    for (const [id, js] of sc.byClass) {
      if (square[id] !== 0) continue;
      const j = js.find((j) => from !== targets[j].name && (cls.pod === undefined || cls.pod !== cols[j]?.pod));
      if (j !== undefined) todo.push(j);
    }
    for (const j of sc.loose) if (from !== targets[j].name) todo.push(j);
    if (cls.pod !== undefined) for (const j of sc.byPod.get(cls.pod) ?? []) if (from !== targets[j].name) todo.push(j);
    todo.sort((a, b) => a - b);
    for (const j of todo) {
      const tc = cols[j];
      if (!tc || (cls.pod !== undefined && cls.pod === tc.pod)) await probeAlone(i, j, source);
      else if (square[tc.id] === 0) square[tc.id] = OUTCOME_CODE.get((await backend.probe(source, toTarget(targets[j]))).outcome) ?? 0;
    }
  }
  // Only a few rows name a source the lesson's checks start from: the others have no expectation in any column.
  const outcomeAt = (i: number, j: number): ProbeOutcome | undefined => {
    const { cls, cols } = rows[i];
    const square = cls ? squares[cls.id] : undefined;
    const tc = cols?.[j];
    return (alone.size > 0 ? alone.get(i * T + j) : undefined) ?? OUTCOMES[(square && tc ? square[tc.id] : 0) - 1];
  };
  const observedAt = (i: number, j: number): ProbeOutcome | undefined => (sources[i] === targets[j].name ? undefined : outcomeAt(i, j));
  const rowChecked = sources.map((from) => checked.has(from));
  const expectedAt = (i: number, j: number): ReachExpectation | undefined =>
    rowChecked[i] ? expectationFor(sources[i], targets[j]) : undefined;
  const view: MatrixSquares = {
    observed: observedAt,
    expected: (i, j) => expectedAt(i, j)?.expect,
    agrees: (i, j) => {
      const exp = expectedAt(i, j);
      const observed = exp && observedAt(i, j);
      return exp && observed ? verdictAccepts(exp.expect, observed) : undefined;
    },
  };
  const build = (): MatrixCell[] => {
    const cells: MatrixCell[] = [];
    for (let i = 0; i < sources.length; i++) {
      const from = sources[i];
      for (let j = 0; j < T; j++) {
        const t = targets[j];
        if (from === t.name) continue;
        const observed = outcomeAt(i, j) as ProbeOutcome;
        const exp = expectedAt(i, j);
        cells.push({
          from,
          to: t.name,
          protocol: t.protocol,
          port: t.port,
          observed,
          expected: exp?.expect,
          agrees: exp ? verdictAccepts(exp.expect, observed) : undefined,
        });
      }
    }
    return cells;
  };
  const matrix = { sources, targets } as ReachMatrix;
  // A plain object still: `cells` reads as an own enumerable property (JSON, structured clone, deepEqual), made once.
  Object.defineProperty(matrix, 'cells', {
    enumerable: true,
    configurable: true,
    get(this: ReachMatrix) {
      const cells = build();
      Object.defineProperty(this, 'cells', { value: cells, enumerable: true, configurable: true, writable: true });
      return cells;
    },
  });
  SQUARES.set(matrix, view);
  return matrix;
}

function toTarget(t: Target): { host: string; port?: number; protocol: Target['protocol'] } {
  return { host: t.name, port: t.port, protocol: t.protocol };
}
