// `kubectl create -f FILE` and the generators `create deployment|service clusterip|namespace`.
import type { KObject } from '../../../../api/types.ts';
import { withLastApplied } from '../apply/last-applied.ts';
import { readObjectsFromFlags } from '../apply/read.ts';
import type { KubectlCommand } from '../command.ts';
import { plainError, serverError, withSource } from '../errors.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { placeInNamespace } from './apply.ts';
import { checkMutationOutput, printOperation, printWarnings, type DryRun } from './print-result.ts';
import { DRY_RUN_FLAG, dryRunStrategy, FILENAME_FLAGS, OUTPUT_FLAG } from './shared-flags.ts';
import { fieldValidation, VALIDATE_FLAG } from './validate.ts';

/** Create one object (or print it for --dry-run=client); an error line, or undefined. */
function createObject(k: Kube, f: Flags, obj: KObject, dry: DryRun, source?: string): string | undefined {
  const output = f.str('output');
  const toSend = f.bool('save-config') ? withLastApplied(obj) : obj;
  if (dry === 'client') {
    const shown = JSON.parse(JSON.stringify(toSend)) as KObject;
    shown.metadata = { creationTimestamp: null as unknown as string, ...shown.metadata };
    // the generators' pod templates carry an empty creationTimestamp too, as Go serialises a zero metav1.Time
    if (shown.spec?.template?.metadata) shown.spec.template.metadata = { creationTimestamp: null, ...shown.spec.template.metadata };
    printOperation(k, shown, 'created', output, dry);
    return undefined;
  }
  const r = k.api.create(toSend, {
    fieldManager: 'kubectl-create',
    fieldValidation: fieldValidation(f) ?? 'Strict',
    dryRun: dry === 'server',
  });
  if (!r.ok) return serverError(withSource(r.status, 'creating', source));
  printWarnings(k, r.warnings);
  printOperation(k, r.object, 'created', output, dry);
  return undefined;
}

/** Shared start of every create: -o and --dry-run checks. */
function prepare(k: Kube, f: Flags): { ok: true; dry: DryRun } | { ok: false; code: number } {
  const outErr = checkMutationOutput(f.str('output'));
  if (outErr) return { ok: false, code: k.fail(outErr) };
  const dry = dryRunStrategy(f.str('dry-run'), f.has('dry-run'));
  if (!dry.ok) return { ok: false, code: k.fail(dry.error) };
  return { ok: true, dry: dry.mode };
}

const GENERATOR_FLAGS = [
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  VALIDATE_FLAG,
  {
    name: 'save-config',
    type: 'bool' as const,
    default: 'false',
    help: 'If true, the configuration of current object will be saved in its annotation.',
  },
];

/** The container name kubectl derives from an image: last path segment, without tag or digest. */
export function containerNameFor(image: string): string {
  let name = image.split('/').pop() ?? image;
  name = name.split('@')[0].split(':')[0];
  return name.replace(/_/g, '-');
}

const createDeployment: KubectlCommand = {
  name: 'deployment',
  aliases: ['deploy'],
  group: 'Basic Commands (Beginner):',
  short: 'Create a deployment with the specified name',
  usage: 'create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  examples: ['# Create a deployment named my-dep that runs the busybox image', 'kubectl create deployment my-dep --image=busybox'],
  flags: [
    {
      name: 'image',
      type: 'stringSlice',
      default: '[]',
      help: 'Image names to run. A deployment can have multiple images set for multi-container pod.',
    },
    { name: 'replicas', short: 'r', type: 'int', default: '1', help: 'Number of replicas to create. Default is 1.' },
    { name: 'port', type: 'int', default: '-1', help: 'The containerPort that this deployment exposes.' },
    ...GENERATOR_FLAGS,
  ],
  run(k, f) {
    const p = prepare(k, f);
    if (!p.ok) return p.code;
    const name = f.args[0];
    if (!name) return k.usageError('NAME is required');
    const images = f.list('image');
    if (images.length === 0) return k.fail('required flag(s) "image" not set');
    const dash = f.parsed.argsLenAtDash;
    const command = dash > 0 ? f.args.slice(dash) : [];
    if (command.length && images.length > 1) return k.fail('cannot specify multiple --image options and command');
    const labels = { app: name };
    const containers = images.map((image, i) => {
      const c: Record<string, unknown> = { image, name: containerNameFor(image) };
      if (i === 0 && command.length) c.command = command;
      if (f.int('port', -1) > -1) c.ports = [{ containerPort: f.int('port', -1) }];
      c.resources = {};
      return c;
    });
    const deploy: KObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels, name, ...(k.explicitNamespace ? { namespace: k.namespace } : {}) },
      spec: {
        replicas: f.int('replicas', 1),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers } },
      },
      status: {},
    };
    const e = createObject(k, f, deploy, p.dry);
    return e ? k.fail(e) : 0;
  },
};

const createServiceClusterIp: KubectlCommand = {
  name: 'clusterip',
  group: 'Basic Commands (Beginner):',
  short: 'Create a ClusterIP service',
  usage: 'create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]',
  examples: ['# Create a new ClusterIP service named my-cs', 'kubectl create service clusterip my-cs --tcp=5678:8080'],
  flags: [
    { name: 'tcp', type: 'stringSlice', default: '[]', help: "Port pairs can be specified as '<port>:<targetPort>'." },
    {
      name: 'clusterip',
      type: 'string',
      default: "''",
      help: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).",
    },
    ...GENERATOR_FLAGS,
  ],
  run(k, f) {
    return createService(k, f, 'ClusterIP');
  },
};

const createServiceNodePort: KubectlCommand = {
  ...createServiceClusterIp,
  name: 'nodeport',
  short: 'Create a NodePort service',
  usage: 'create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
  examples: ['# Create a new NodePort service named my-ns', 'kubectl create service nodeport my-ns --tcp=5678:8080'],
  flags: [
    { name: 'tcp', type: 'stringSlice', default: '[]', help: "Port pairs can be specified as '<port>:<targetPort>'." },
    { name: 'node-port', type: 'int', default: '0', help: 'Port used to expose the service on each node in a cluster.' },
    ...GENERATOR_FLAGS,
  ],
  run(k, f) {
    return createService(k, f, 'NodePort');
  },
};

// `create service externalname` (kubectl pkg/cmd/create/create_service.go): --external-name is required (cobra checks
// it first) and must be a DNS-1123 subdomain; ports are optional.
const createServiceExternalName: KubectlCommand = {
  ...createServiceClusterIp,
  name: 'externalname',
  short: 'Create an ExternalName service',
  long: 'Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of\n only pods, which will allow application authors to reference services\n that exist off platform, on other clusters, or locally.',
  usage: 'create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]',
  examples: ['# Create a new ExternalName service named my-ns', 'kubectl create service externalname my-ns --external-name bar.com'],
  flags: [
    { name: 'tcp', type: 'stringSlice', default: '[]', help: "Port pairs can be specified as '<port>:<targetPort>'." },
    { name: 'external-name', type: 'string', default: "''", help: 'External name of service' },
    ...GENERATOR_FLAGS,
  ],
  run(k, f) {
    if (!f.has('external-name')) return k.fail('required flag(s) "external-name" not set');
    return createService(k, f, 'ExternalName');
  },
};

/** validation.IsDNS1123Subdomain. */
function isDns1123Subdomain(v: string): boolean {
  return v.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v);
}

function createService(k: Kube, f: Flags, type: 'ClusterIP' | 'NodePort' | 'ExternalName'): number {
  const p = prepare(k, f);
  if (!p.ok) return p.code;
  const name = f.args[0];
  if (!name) return k.usageError('NAME is required');
  const clusterIp = type === 'ClusterIP' ? f.str('clusterip') : '';
  const tcp = f.list('tcp');
  if (tcp.length === 0 && clusterIp !== 'None' && type !== 'ExternalName')
    return k.fail('at least one tcp port specifier must be provided');
  const externalName = type === 'ExternalName' ? f.str('external-name') : '';
  if (type === 'ExternalName' && !isDns1123Subdomain(externalName)) return k.fail(`invalid service external name ${externalName}`);
  const ports: Record<string, unknown>[] = [];
  for (const spec of tcp) {
    const [a, b] = spec.split(':');
    const port = Number(a);
    if (!Number.isInteger(port)) return k.fail(`strconv.Atoi: parsing "${a}": invalid syntax`);
    const target = b === undefined ? port : /^\d+$/.test(b) ? Number(b) : b;
    const sp: Record<string, unknown> = { name: spec.replace(/:/g, '-'), port, protocol: 'TCP', targetPort: target };
    if (type === 'NodePort' && f.int('node-port', 0) > 0) sp.nodePort = f.int('node-port', 0);
    ports.push(sp);
  }
  const labels = { app: name };
  // ServiceSpec.Ports is `omitempty`: no --tcp sends no ports at all
  const spec: Record<string, unknown> = { ...(ports.length ? { ports } : {}), selector: labels, type };
  if (clusterIp) spec.clusterIP = clusterIp;
  if (externalName) spec.externalName = externalName;
  const svc: KObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { labels, name, ...(k.explicitNamespace ? { namespace: k.namespace } : {}) },
    spec,
    status: { loadBalancer: {} },
  };
  const e = createObject(k, f, svc, p.dry);
  return e ? k.fail(e) : 0;
}

const createService_: KubectlCommand = {
  name: 'service',
  aliases: ['svc'],
  group: 'Basic Commands (Beginner):',
  short: 'Create a service using a specified subcommand',
  usage: 'create service [flags] [options]',
  flags: [],
  subcommands: [createServiceClusterIp, createServiceExternalName, createServiceNodePort],
  run(k) {
    k.out(
      'Create a service using a specified subcommand.\n\nAvailable Commands:\n  clusterip       Create a ClusterIP service\n  externalname    Create an ExternalName service\n  nodeport        Create a NodePort service\n\nUsage:\n  kubectl create service [flags] [options]\n',
    );
    return 0;
  },
};

const createNamespace: KubectlCommand = {
  name: 'namespace',
  aliases: ['ns'],
  group: 'Basic Commands (Beginner):',
  short: 'Create a namespace with the specified name',
  usage: 'create namespace NAME [--dry-run=server|client|none] [options]',
  examples: ['# Create a new namespace named my-namespace', 'kubectl create namespace my-namespace'],
  flags: [...GENERATOR_FLAGS],
  run(k, f) {
    const p = prepare(k, f);
    if (!p.ok) return p.code;
    const name = f.args[0];
    if (!name) return k.usageError('NAME is required');
    const e = createObject(k, f, { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} }, p.dry);
    return e ? k.fail(e) : 0;
  },
};

function run(k: Kube, f: Flags): number {
  const p = prepare(k, f);
  if (!p.ok) return p.code;
  if (f.list('filename').length === 0) {
    if (f.args.length) return k.fail(`Unexpected args: [${f.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
    return k.fail('must specify one of -f and -k');
  }
  const read = readObjectsFromFlags(k, f);
  if (!read.ok) return k.fail(read.error);
  if (read.items.length === 0 && read.errors.length === 0) return k.fail('no objects passed to create');
  const errors = read.errors.map(plainError);
  for (const item of read.items) {
    const nsErr = placeInNamespace(k, item);
    if (nsErr) {
      errors.push(plainError(nsErr));
      continue;
    }
    const e = createObject(k, f, item.object, p.dry, item.source);
    if (e) errors.push(e);
  }
  for (const e of errors) k.err(e + '\n');
  return errors.length ? 1 : 0;
}

export const createCommand: KubectlCommand = {
  name: 'create',
  group: 'Basic Commands (Beginner):',
  short: 'Create a resource from a file or from stdin',
  long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
  usage: 'create -f FILENAME [options]',
  examples: [
    '# Create a pod using the data in pod.json',
    'kubectl create -f ./pod.json',
    '',
    '# Create a pod based on the JSON passed into stdin',
    'cat pod.json | kubectl create -f -',
  ],
  flags: [...FILENAME_FLAGS, ...GENERATOR_FLAGS],
  subcommands: [createDeployment, createService_, createNamespace],
  run,
};
