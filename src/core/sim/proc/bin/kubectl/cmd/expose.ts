// `kubectl expose pod|deployment|rs|svc NAME --port=P`: a Service selecting what the object selects (or its labels).
import type { KObject } from '../../../../api/types.ts';
import type { KubectlCommand } from '../command.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { refFor, resolveArgs } from '../resolve.ts';
import { checkMutationOutput, printOperation, printWarnings } from './print-result.ts';
import { DRY_RUN_FLAG, dryRunStrategy, FILENAME_FLAGS } from './shared-flags.ts';
import { readObjectsFromFlags } from '../apply/read.ts';

/** The selector the new Service gets (polymorphichelpers.MapBasedSelectorForObject). */
function selectorOf(obj: KObject): Record<string, string> | string {
  switch (obj.kind) {
    case 'Pod': {
      const l = obj.metadata.labels ?? {};
      if (Object.keys(l).length === 0) return 'the pod has no labels and cannot be exposed';
      return { ...l };
    }
    case 'Service':
      if (!obj.spec?.selector || Object.keys(obj.spec.selector).length === 0) return 'the service has no pod selector set';
      return { ...obj.spec.selector };
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = obj.spec?.selector ?? {};
      if (sel.matchExpressions?.length)
        return `couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`;
      return { ...(sel.matchLabels ?? {}) };
    }
  }
  return `cannot expose a ${obj.kind}`;
}

/** Ports found on the object when --port is absent (container ports or the service's ports). */
function portsOf(obj: KObject): { port: number; name?: string; protocol?: string }[] {
  if (obj.kind === 'Service')
    return (obj.spec?.ports ?? []).map((p: { port: number; name?: string; protocol?: string }) => ({
      port: p.port,
      name: p.name,
      protocol: p.protocol,
    }));
  const spec = obj.kind === 'Pod' ? obj.spec : obj.spec?.template?.spec;
  const out: { port: number; name?: string; protocol?: string }[] = [];
  for (const c of (spec?.containers ?? []) as { ports?: { containerPort: number; name?: string; protocol?: string }[] }[]) {
    for (const p of c.ports ?? []) out.push({ port: p.containerPort, name: p.name, protocol: p.protocol });
  }
  return out;
}

function exposeOne(k: Kube, f: Flags, obj: KObject): string | number {
  const selector = f.str('selector')
    ? Object.fromEntries(
        f
          .str('selector')
          .split(',')
          .map((kv) => kv.split('=') as [string, string]),
      )
    : selectorOf(obj);
  if (typeof selector === 'string') return `couldn't retrieve selectors via --selector flag or introspection: ${selector}`;
  const protocol = f.str('protocol') || undefined;
  let ports: Record<string, unknown>[];
  if (f.has('port')) {
    const port = Number(f.str('port'));
    if (!Number.isInteger(port)) return `invalid port: ${f.str('port')}`;
    const target = f.str('target-port');
    ports = [{ port, protocol: protocol ?? 'TCP', targetPort: target ? (/^\d+$/.test(target) ? Number(target) : target) : port }];
  } else {
    const found = portsOf(obj);
    if (found.length === 0) return "couldn't find port via --port flag or introspection";
    ports = found.map((p, i) => ({
      ...(found.length > 1 ? { name: p.name ?? `port-${i + 1}` } : {}),
      port: p.port,
      protocol: protocol ?? p.protocol ?? 'TCP',
      targetPort: f.str('target-port') ? f.str('target-port') : p.port,
    }));
  }
  const name = f.str('name') || obj.metadata.name;
  let labels: Record<string, string> | undefined =
    obj.metadata.labels && Object.keys(obj.metadata.labels).length ? { ...obj.metadata.labels } : undefined;
  if (f.str('labels'))
    labels = Object.fromEntries(
      f
        .str('labels')
        .split(',')
        .map((kv) => kv.split('=') as [string, string]),
    );
  const spec: Record<string, unknown> = { ports, selector };
  if (f.str('type')) spec.type = f.str('type');
  if (f.str('cluster-ip')) spec.clusterIP = f.str('cluster-ip');
  if (f.str('external-ip')) spec.externalIPs = [f.str('external-ip')];
  if (f.str('session-affinity')) spec.sessionAffinity = f.str('session-affinity');
  const svc: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: obj.metadata.namespace ?? k.namespace, ...(labels ? { labels } : {}) },
    spec,
  };
  const dry = dryRunStrategy(f.str('dry-run'), f.has('dry-run'));
  if (!dry.ok) return dry.error;
  if (dry.mode === 'client') {
    printOperation(
      k,
      { ...svc, metadata: { creationTimestamp: null as unknown as string, ...svc.metadata }, status: { loadBalancer: {} } },
      'exposed',
      f.str('output'),
      'client',
    );
    return 0;
  }
  const r = k.api.create(svc, { fieldManager: 'kubectl-expose', dryRun: dry.mode === 'server' });
  if (!r.ok) return k.failStatus(r.status);
  printWarnings(k, r.warnings);
  printOperation(k, r.object, 'exposed', f.str('output'), dry.mode);
  return 0;
}

function run(k: Kube, f: Flags): number {
  const outErr = checkMutationOutput(f.str('output'));
  if (outErr) return k.fail(outErr);
  let objects: KObject[] = [];
  if (f.list('filename').length) {
    const read = readObjectsFromFlags(k, f);
    if (!read.ok) return k.fail(read.error);
    if (read.errors.length) return k.fail(read.errors[0]);
    for (const item of read.items) {
      const g = k.api.get(refFor(item.type, item.object.metadata.name, item.object.metadata.namespace ?? k.namespace));
      if (!g.ok) return k.failStatus(g.status);
      objects.push(g.object);
    }
  } else {
    if (f.args.length === 0) {
      return k.usageError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    const resolved = resolveArgs(f.args);
    if (!resolved.ok) return k.fail(resolved.error);
    for (const req of resolved.requests) {
      if (!['Pod', 'Service', 'Deployment', 'ReplicaSet'].includes(req.type.kind)) {
        return k.fail(`cannot expose a ${req.type.kind}.${req.type.group ? req.type.group : ''}`.replace(/\.$/, ''));
      }
      if (req.names.length === 0) return k.fail('resource(s) were provided, but no name was specified');
      for (const name of req.names) {
        const g = k.api.get(refFor(req.type, name, k.namespace));
        if (!g.ok) return k.failStatus(g.status);
        objects.push(g.object);
      }
    }
  }
  objects = objects.slice();
  for (const obj of objects) {
    const r = exposeOne(k, f, obj);
    if (typeof r === 'string') return k.fail(r);
    if (r !== 0) return r;
  }
  return 0;
}

export const exposeCommand: KubectlCommand = {
  name: 'expose',
  group: 'Basic Commands (Beginner):',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: 'Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port.',
  usage:
    'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  examples: [
    '# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000',
    'kubectl expose rc nginx --port=80 --target-port=8000',
    '',
    '# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"',
    'kubectl expose pod valid-pod --port=444 --name=frontend',
  ],
  flags: [
    ...FILENAME_FLAGS,
    DRY_RUN_FLAG,
    {
      name: 'port',
      type: 'string',
      default: "''",
      help: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
    },
    {
      name: 'target-port',
      type: 'string',
      default: "''",
      help: 'Name or number for the port on the container that the service should direct traffic to. Optional.',
    },
    { name: 'protocol', type: 'string', default: "''", help: "The network protocol for the service to be created. Default is 'TCP'." },
    { name: 'name', type: 'string', default: "''", help: 'The name for the newly created object.' },
    {
      name: 'type',
      type: 'string',
      default: "''",
      help: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
    },
    {
      name: 'selector',
      type: 'string',
      default: "''",
      help: 'A label selector to use for this service. Only equality-based selector requirements are supported.',
    },
    { name: 'labels', short: 'l', type: 'string', default: "''", help: 'Labels to apply to the service created by this call.' },
    {
      name: 'cluster-ip',
      type: 'string',
      default: "''",
      help: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
    },
    {
      name: 'external-ip',
      type: 'string',
      default: "''",
      help: 'Additional external IP address (not managed by Kubernetes) to accept for the service.',
    },
    {
      name: 'session-affinity',
      type: 'string',
      default: "''",
      help: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'",
    },
    { name: 'output', short: 'o', type: 'string', default: "''", help: 'Output format. One of: (json, yaml, name).' },
  ],
  run,
};
