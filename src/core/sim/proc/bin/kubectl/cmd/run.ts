// `kubectl run NAME --image=X`: create a pod (labels run=NAME), optionally attach (-it) and remove it (--rm).
import { mergePatch } from '../../../../api/patch.ts';
import type { KObject } from '../../../../api/types.ts';
import type { HostRef } from '../../../../contracts.ts';
import type { KubectlCommand } from '../command.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { waitUntil } from '../wait-util.ts';
import { interactiveShell } from './exec.ts';
import { checkMutationOutput, printOperation, printWarnings } from './print-result.ts';
import { DRY_RUN_FLAG, dryRunStrategy } from './shared-flags.ts';

function parseLabels(text: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) return `invalid label spec: ${part}`;
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

/** The pod kubectl's run generator builds. */
export function buildRunPod(name: string, f: Flags, labels: Record<string, string>, extra: string[]): KObject {
  const container: Record<string, unknown> = { name, image: f.str('image') };
  if (extra.length) container[f.bool('command') ? 'command' : 'args'] = extra;
  const env = f.list('env').map((e) => {
    const i = e.indexOf('=');
    return i < 0 ? { name: e } : { name: e.slice(0, i), value: e.slice(i + 1) };
  });
  if (env.length) container.env = env;
  if (f.has('image-pull-policy')) container.imagePullPolicy = f.str('image-pull-policy');
  if (f.has('port')) container.ports = [{ containerPort: f.int('port', 0) }];
  container.resources = {};
  const stdin = f.bool('stdin');
  if (stdin) {
    container.stdin = true;
    container.stdinOnce = true;
    if (f.bool('tty')) container.tty = true;
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: f.str('restart', 'Always') },
    status: {},
  };
}

function run(k: Kube, f: Flags): number {
  const dash = f.parsed.argsLenAtDash;
  const args = f.args;
  const name = args[0] ?? '';
  if (!name || dash === 0) return k.usageError('NAME is required for run');
  if (!f.has('image')) return k.fail('required flag(s) "image" not set');
  if (!f.str('image')) return k.fail('--image is required');
  const extra = dash > 0 ? args.slice(dash) : args.slice(1);
  const outErr = checkMutationOutput(f.str('output'));
  if (outErr) return k.fail(outErr);
  const dry = dryRunStrategy(f.str('dry-run'), f.has('dry-run'));
  if (!dry.ok) return k.fail(dry.error);
  const restart = f.str('restart', 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return k.fail(`invalid restart policy: ${restart}`);
  const stdin = f.bool('stdin');
  const tty = f.bool('tty');
  if (tty && !stdin) return k.fail('-i/--stdin is required for containers with -t/--tty=true');
  if (f.bool('rm') && !stdin) return k.fail('--rm should only be used for attached containers');
  let labels: Record<string, string> = { run: name };
  if (f.str('labels')) {
    const l = parseLabels(f.str('labels'));
    if (typeof l === 'string') return k.fail(l);
    labels = l;
  }
  let pod = buildRunPod(name, f, labels, extra);
  if (f.str('overrides')) {
    try {
      pod = mergePatch(pod, JSON.parse(f.str('overrides'))) as KObject;
    } catch (e: unknown) {
      return k.fail(e instanceof Error ? e.message : String(e));
    }
  }
  const output = f.str('output');
  if (f.bool('expose')) {
    if (!f.has('port')) return k.fail('--port must be set when exposing a service');
    const svc: KObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: k.namespace },
      spec: { ports: [{ port: f.int('port', 0), protocol: 'TCP', targetPort: f.int('port', 0) }], selector: labels },
    };
    if (dry.mode === 'client')
      printOperation(
        k,
        { ...svc, metadata: { ...svc.metadata, creationTimestamp: null as unknown as string } },
        'created',
        output,
        dry.mode,
      );
    else {
      const r = k.api.create(svc, { fieldManager: 'kubectl-run', dryRun: dry.mode === 'server' });
      if (!r.ok) return k.failStatus(r.status);
      printOperation(k, r.object, 'created', output, dry.mode);
    }
  }
  if (dry.mode === 'client') {
    printOperation(k, { ...pod, metadata: { creationTimestamp: null as unknown as string, ...pod.metadata } }, 'created', output, dry.mode);
    return 0;
  }
  pod.metadata.namespace = k.namespace;
  const r = k.api.create(pod, { fieldManager: 'kubectl-run', dryRun: dry.mode === 'server' });
  if (!r.ok) return k.failStatus(r.status);
  printWarnings(k, r.warnings);
  if (!stdin || dry.mode !== 'none') {
    printOperation(k, r.object, 'created', output, dry.mode);
    return 0;
  }
  return attach(k, f, name, extra);
}

/** -i/-t: wait for the pod to run, then open the session (a shell) or stream what the container printed. */
function attach(k: Kube, f: Flags, name: string, extra: string[]): number {
  const ref = { kind: 'Pod', namespace: k.namespace, name };
  const running = () => {
    const g = k.api.get(ref);
    const phase = g.ok ? g.object.status?.phase : undefined;
    return phase === 'Running' || phase === 'Succeeded' || phase === 'Failed';
  };
  const outcome = waitUntil(k, f.duration('pod-running-timeout', 60_000), running);
  if (outcome === 'budget') return 0;
  if (outcome === 'timeout') return k.fail('timed out waiting for the condition');
  const pod = k.api.get(ref);
  if (!pod.ok) return k.failStatus(pod.status);
  const host: HostRef = { kind: 'pod', namespace: k.namespace, pod: name, container: name };
  const image = f.str('image');
  const shells = k.ctx.images.lookup(image)?.shells ?? [];
  const shell = extra.length ? interactiveShell(extra) : shells[0];
  const rm = f.bool('rm');
  const tty = f.bool('tty') && k.ctx.tty;
  if (shell && pod.object.status?.phase === 'Running') {
    if (tty) k.err("If you don't see a command prompt, try pressing enter.\n");
    const api = k.api;
    k.ctx.openShell({
      host,
      program: shell,
      onExit: (io) => {
        if (tty) io.stderr(`Session ended, resume using 'kubectl attach ${name} -c ${name} -i -t' command when the pod is running\n`);
        if (rm) {
          const d = api.delete(ref);
          if (d.ok) io.stdout(`pod "${name}" deleted\n`);
        }
      },
    });
    return 0;
  }
  // Not a shell: the session shows what the container prints until it exits.
  const finished = () => {
    const g = k.api.get(ref);
    return !g.ok || g.object.status?.phase === 'Succeeded' || g.object.status?.phase === 'Failed';
  };
  if (waitUntil(k, 0, finished) === 'budget') return 0;
  const logs = k.api.logs(ref, name);
  if (logs.ok) k.out(logs.text);
  const final = k.api.get(ref);
  const statuses = (final.ok ? (final.object.status?.containerStatuses ?? []) : []) as { state?: { terminated?: { exitCode?: number } } }[];
  const code = statuses[0]?.state?.terminated?.exitCode ?? 0;
  if (rm) {
    const d = k.api.delete(ref);
    if (d.ok) k.out(`pod "${name}" deleted\n`);
  }
  if (code !== 0) return k.fail(`pod ${k.namespace}/${name} terminated (Error)`, code);
  return 0;
}

export const runCommand: KubectlCommand = {
  name: 'run',
  group: 'Basic Commands (Beginner):',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  usage:
    'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  examples: [
    '# Start a nginx pod',
    'kubectl run nginx --image=nginx',
    '',
    '# Start a hazelcast pod and let the container expose port 5701',
    'kubectl run hazelcast --image=hazelcast/hazelcast --port=5701',
    '',
    "# Start a busybox pod and keep it in the foreground, don't restart it if it exits",
    'kubectl run -i -t busybox --image=busybox --restart=Never',
  ],
  flags: [
    { name: 'image', type: 'string', default: "''", help: 'The image for the container to run.' },
    { name: 'port', type: 'int', default: '-1', help: 'The port that this container exposes.' },
    {
      name: 'labels',
      short: 'l',
      type: 'string',
      default: "''",
      help: 'Comma separated labels to apply to the pod. Will override previous values.',
    },
    {
      name: 'restart',
      type: 'string',
      default: "'Always'",
      help: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].',
    },
    {
      name: 'command',
      type: 'bool',
      default: 'false',
      help: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.",
    },
    { name: 'env', type: 'stringArray', default: '[]', help: 'Environment variables to set in the container.' },
    {
      name: 'stdin',
      short: 'i',
      type: 'bool',
      default: 'false',
      help: 'Keep stdin open on the container in the pod, even if nothing is attached.',
    },
    { name: 'tty', short: 't', type: 'bool', default: 'false', help: 'Allocate a TTY for the container in the pod.' },
    {
      name: 'rm',
      type: 'bool',
      default: 'false',
      help: "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.",
    },
    {
      name: 'expose',
      type: 'bool',
      default: 'false',
      help: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.',
    },
    { name: 'image-pull-policy', type: 'string', default: "''", help: 'The image pull policy for the container.' },
    { name: 'overrides', type: 'string', default: "''", help: 'An inline JSON override for the generated object.' },
    {
      name: 'pod-running-timeout',
      type: 'duration',
      default: '1m0s',
      help: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    },
    { name: 'output', short: 'o', type: 'string', default: "''", help: 'Output format. One of: (json, yaml, name).' },
    DRY_RUN_FLAG,
  ],
  run,
};
