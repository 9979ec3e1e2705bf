// Created names: the pods, workloads, Services and nodes a lesson creates, for lint's unknown-name checks.
import type { Diagnostic, SourcePos } from '../errors.ts';
import type { FileCell, Lesson } from './model.ts';
import { readManifests, type ManifestObject } from './manifests.ts';
import { shellWords } from '../shell-words.ts';
import { flagValue } from './flag-value.ts';

/** Names by kind, each as "namespace/name". Workloads' pods are named `<workload>-…`. */
export interface CreatedNames {
  pods: Set<string>;
  workloads: Set<string>;
  services: Set<string>;
  nodes: Set<string>;
  /** Labels of the pods the lesson creates, each with its namespace (for label selectors). */
  podLabels: { namespace: string; labels: Record<string, string> }[];
  /** YAML problems in file cells, found on the way (lint reports them as warnings). */
  fileDiagnostics: Diagnostic[];
}

/** What every cluster has before a lesson starts. */
const BUILT_IN = {
  services: ['default/kubernetes', 'kube-system/kube-dns'],
  workloads: ['kube-system/coredns'],
  podLabels: [{ namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }],
};

/** Kinds whose pods are named after them plus a suffix. */
const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

/** kubectl flags that take the next word as their value (so it is not a positional argument). */
const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '--image',
  '--port',
  '--type',
  '--name',
  '--target-port',
  '--replicas',
  '-l',
  '--selector',
  '-o',
  '--restart',
  '-c',
  '--labels',
  '--env',
  '--protocol',
  '--context',
  '-f',
  '--filename',
]);

/** A file cell that holds manifests (by language or file extension). */
export function isManifestFile(cell: FileCell): boolean {
  return ['yaml', 'yml', 'json'].includes(cell.lang) || /\.(ya?ml|json)$/.test(cell.path);
}

/** Split "ns/name" (default namespace "default") into a key "ns/name". */
export function nameKey(ref: string): string {
  return ref.includes('/') ? ref : `default/${ref}`;
}

function positional(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '--') break;
    if (words[i].startsWith('-')) {
      if (VALUE_FLAGS.has(words[i])) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

/** Objects a kubectl command line creates: run, create deployment|job|service, expose. */
export function kubectlCreates(line: string): ManifestObject[] {
  const out: ManifestObject[] = [];
  for (const words of shellWords(line).commands) {
    if (words[0] !== 'kubectl') continue;
    const namespace = flagValue(words, '-n', '--namespace');
    const [verb, a, b, c] = positional(words.slice(1));
    const add = (kind: string, name: string | undefined, podLabels?: Record<string, string>) =>
      name && out.push({ kind, name, namespace, ...(podLabels ? { podLabels } : {}) });
    // the labels kubectl gives the pods it makes: `run=NAME` (kubectl run), `app=NAME` (create deployment)
    if (verb === 'run') add('Pod', a, a ? { run: a } : undefined);
    else if (verb === 'create' && ['deployment', 'deploy', 'job'].includes(a))
      add(a === 'job' ? 'Job' : 'Deployment', b, a === 'job' || !b ? undefined : { app: b });
    else if (verb === 'create' && ['service', 'svc'].includes(a)) add('Service', c);
    else if (verb === 'expose') add('Service', flagValue(words, '--name') ?? (a?.includes('/') ? a.split('/')[1] : b));
  }
  return out;
}

/** Every name the lesson creates: setup manifests, manifest file cells, kubectl commands in run cells, nodes. */
export function createdNames(lesson: Lesson): CreatedNames {
  const names: CreatedNames = {
    pods: new Set(),
    workloads: new Set(BUILT_IN.workloads),
    services: new Set(BUILT_IN.services),
    nodes: new Set(lesson.cluster.nodes.map((n) => n.name)),
    podLabels: [...BUILT_IN.podLabels],
    fileDiagnostics: [],
  };
  const add = (o: ManifestObject) => {
    const key = `${o.namespace ?? 'default'}/${o.name}`;
    if (o.podLabels) names.podLabels.push({ namespace: o.namespace ?? 'default', labels: o.podLabels });
    if (o.kind === 'Pod') names.pods.add(key);
    else if (o.kind === 'Service') names.services.add(key);
    else if (WORKLOAD_KINDS.has(o.kind)) names.workloads.add(key);
  };
  for (const step of lesson.cluster.setup) readManifests(step.manifests, step.pos, 'error').objects.forEach(add);
  for (const cell of lesson.cells) {
    if (cell.kind === 'file' && isManifestFile(cell)) {
      const at: SourcePos = { file: cell.pos.file, line: cell.pos.line + 1, column: cell.pos.column };
      const read = readManifests(cell.content, at, 'warning');
      read.objects.forEach(add);
      names.fileDiagnostics.push(...read.diagnostics);
    } else if (cell.kind === 'run') {
      for (const line of cell.lines) kubectlCreates(line).forEach(add);
    }
  }
  return names;
}

/** Is `ref` ("pod" or "ns/pod") a pod the lesson creates, directly or as a workload's `<name>-…` pod? */
export function isKnownPod(names: CreatedNames, ref: string): boolean {
  const key = nameKey(ref);
  if (names.pods.has(key)) return true;
  return [...names.workloads].some((w) => key.startsWith(`${w}-`));
}
