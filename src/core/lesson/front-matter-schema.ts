// The front matter schema: one field table per YAML mapping, with checks and documented defaults.
import type { SourcePos } from '../errors.ts';
import { bool, int, list, located, oneOf, record, str, type Rule } from './schema.ts';
import { obj, opt, req, tagged } from './schema-object.ts';
import { checkCidr, checkDnsLabel, checkDnsSubdomain, checkDuration, checkIpv4 } from './net-syntax.ts';

const kebab = (s: string) => (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) ? undefined : `"${s}" is not kebab-case (like pod-networking)`);
const nonEmpty = (s: string) => (s.trim() === '' ? 'must not be empty' : undefined);
const bcp47 = (s: string) => (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(s) ? undefined : `"${s}" is not a language tag like zh-CN or en`);
const absolute = (s: string) => (s.startsWith('/') ? undefined : `"${s}" must be an absolute path`);
const version = (s: string) => (/^v?\d+\.\d+(\.\d+)?$/.test(s) ? undefined : `"${s}" is not a version like v1.32`);
const userName = (s: string) => (/^[a-z_][a-z0-9_-]*$/.test(s) ? undefined : `"${s}" is not a user name`);
const nodeOrCidr = (s: string) => (s.includes('/') ? checkCidr(s) : checkDnsSubdomain(s));

/** A setup step's manifests: the text, and where its first line is in the file. */
export interface ManifestText {
  text: string;
  pos: SourcePos;
}

/** A YAML string whose position is its first content line (the line after `|` for block scalars). */
const MANIFESTS = 'YAML manifests as a string (use `manifests: |`)';
const manifestText: Rule<ManifestText> = {
  expects: MANIFESTS,
  read(node, ctx, path) {
    const text = str(nonEmpty, MANIFESTS).read(node, ctx, path);
    return text === undefined ? undefined : { text, pos: ctx.contentPosOf(node) };
  },
};

/** Fields of one `cluster.nodes[]` entry. */
export const NODE_FIELDS = {
  name: req(str(checkDnsSubdomain), 'Node name (DNS name), e.g. henry001.'),
  role: req(oneOf(['control-plane', 'worker'] as const), 'control-plane or worker.'),
  ip: opt(str(checkIpv4), 'Host address (InternalIP); allocated from cluster.nodeCIDR when absent.'),
  podCIDR: opt(str(checkCidr), "The node's pod block (Calico block, flannel subnet); allocated when absent."),
  labels: opt(record(str()), 'Extra node labels (string values).'),
  taints: opt(
    list(
      obj({
        key: req(str(nonEmpty), 'Taint key.'),
        value: opt(str(), 'Taint value.'),
        effect: req(oneOf(['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const), 'Taint effect.'),
      }),
    ),
    'Extra taints; a control-plane node is tainted NoSchedule unless schedulable: true.',
  ),
  schedulable: opt(bool(), 'true lets pods schedule onto a control-plane node (default false).'),
};

/** Fields of `cluster.workstation`; the defaults are applied in cluster.ts. */
export const WORKSTATION_FIELDS = {
  node: opt(str(checkDnsSubdomain), 'Node whose host shell runs cells without on=/in= (default: the first control-plane node).'),
  cwd: opt(str(absolute), 'Working directory, where file cells are written (default /root, or /home/USER for another user).'),
  user: opt(str(userName), 'Shell user (default root).'),
};

/** Fields of one `cluster.pins[]` entry. */
export const PIN_FIELDS = {
  pod: req(str(checkDnsSubdomain), 'Pod name.'),
  namespace: opt(str(checkDnsLabel), 'Pod namespace (default: default).'),
  node: opt(str(checkDnsSubdomain), 'Node the pod is scheduled on.'),
  ip: opt(str(checkIpv4), "The pod's IP (must be inside the node's pod block)."),
};

/** Field tables of `cluster.faults[]`, one per `kind`. */
export const FAULT_VARIANTS = {
  'drop-route': {
    kind: req(oneOf(['drop-route'] as const), 'drop-route'),
    node: req(str(checkDnsSubdomain), 'The node that loses the route.'),
    to: req(str(nodeOrCidr), 'A node name (its pod block) or a CIDR.'),
  },
  'node-down': {
    kind: req(oneOf(['node-down'] as const), 'node-down'),
    node: req(str(checkDnsSubdomain), 'The node that is down (NotReady, unreachable).'),
  },
};

/** Fields of `cluster`. */
export const CLUSTER_FIELDS = {
  cni: opt(oneOf(['calico', 'flannel', 'kindnet'] as const), 'CNI model (default calico).'),
  os: opt(
    oneOf(['centos', 'debian', 'ubuntu'] as const),
    "The nodes' operating system: their shells' prompts and tools (default debian; the article's nodes are centos).",
  ),
  podCIDR: opt(str(checkCidr), 'Cluster pod CIDR (default calico 192.168.0.0/16, flannel/kindnet 10.244.0.0/16).'),
  serviceCIDR: opt(str(checkCidr), 'Service CIDR (default 10.96.0.0/12; kube-dns at .10).'),
  nodeCIDR: opt(str(checkCidr), 'Subnet of node addresses (default 172.18.0.0/16 for kindnet, else 10.0.0.0/24).'),
  domain: opt(str(checkDnsSubdomain), 'Cluster DNS domain (default cluster.local).'),
  kubernetesVersion: opt(str(version), "Kubernetes version the simulator imitates (default: the simulator's)."),
  nodes: req(list(located(obj(NODE_FIELDS)), 1), 'The nodes, at least one control-plane.'),
  workstation: opt(located(obj(WORKSTATION_FIELDS)), 'Where run cells without on=/in= execute.'),
  pins: opt(list(located(obj(PIN_FIELDS))), 'Where named pods land and which IPs they get.'),
  faults: opt(list(located(tagged('kind', FAULT_VARIANTS))), 'Faults injected to teach failures.'),
};

/** Fields of one `setup[]` step. */
export const SETUP_FIELDS = {
  after: opt(str(checkDuration), 'Simulated time that passes after this step (e.g. 95m), so AGE columns read naturally.'),
  manifests: req(manifestText, 'YAML manifests (one or more documents) applied in order.'),
};

/** The top-level front matter table. */
export const FRONT_MATTER_FIELDS = {
  id: req(str(kebab), 'Lesson id, kebab-case.'),
  title: req(str(nonEmpty), 'Lesson title.'),
  lang: req(str(bcp47), 'Language tag (zh-CN, en, …).'),
  description: opt(str(nonEmpty), 'One line about the lesson, shown under its title in the lesson list.'),
  minutes: opt(int(1, 600), 'Estimated time to work through the lesson, in minutes (the lesson list shows it).'),
  solution: opt(
    oneOf(['reveal'] as const),
    "reveal: the web page may show the exercise cells' reference solutions on request (never in the student copy).",
  ),
  order: opt(int(1, 1000), 'Place in the lesson list: lower first (default 1); lessons of one order keep the order of their files.'),
  seed: opt(int(0, 4294967295), 'Seed of the random generator (default 1).'),
  cluster: req(obj(CLUSTER_FIELDS), 'The cluster the lesson runs on.'),
  setup: opt(list(obj(SETUP_FIELDS)), 'Objects that exist before the lesson starts, in order.'),
};

/** Reads the whole front matter. */
export const frontMatterRule = obj(FRONT_MATTER_FIELDS);
