// `kubectl describe TYPE [NAME_PREFIX] | TYPE/NAME | -l sel`: one describer per kind (a table), events at the end.
import { describeConfigMap } from '../describe/configmap.ts';
import type { KObject } from '../../../../api/types.ts';
import type { KubectlCommand } from '../command.ts';
import { describeDaemonSet } from '../describe/daemonset.ts';
import { describeDeployment } from '../describe/deployment.ts';
import { describeEndpointSlice } from '../describe/endpoint-slice.ts';
import { describeEvents, eventsFor } from '../describe/events.ts';
import { DESCRIBE_WITHOUT_EVENTS, describeNetworkPolicy } from '../describe/network-policy.ts';
import { describeNode } from '../describe/node.ts';
import { describePod } from '../describe/pod.ts';
import { describeService } from '../describe/service.ts';
import { describeUnstructured } from '../describe/unstructured.ts';
import { DescribeWriter, printAnnotations, printLabels } from '../describe/writer.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { refFor, resolveArgs, servedBy } from '../resolve.ts';
import { fetchInfos } from '../fetch.ts';

type Describer = (k: Kube, w: DescribeWriter, obj: KObject) => void;

/** Describers by kind; kinds without one get the generic Name/Namespace/Labels/Annotations form. */
const DESCRIBERS: Record<string, Describer> = {
  Pod: (k, w, o) => describePod(w, o, k.now()),
  Service: describeService,
  Deployment: describeDeployment,
  Node: describeNode,
  NetworkPolicy: describeNetworkPolicy,
  EndpointSlice: describeEndpointSlice,
  DaemonSet: describeDaemonSet,
  ConfigMap: describeConfigMap,
  // CRDs: kubectl has no describer for them and uses its generic one.
  AdminNetworkPolicy: (_k, w, o) => describeUnstructured(w, o),
  BaselineAdminNetworkPolicy: (_k, w, o) => describeUnstructured(w, o),
  CustomResourceDefinition: (_k, w, o) => describeUnstructured(w, o),
  IPPool: (_k, w, o) => describeUnstructured(w, o),
  BlockAffinity: (_k, w, o) => describeUnstructured(w, o),
};

function generic(_k: Kube, w: DescribeWriter, o: KObject): void {
  w.write(0, `Name:\t${o.metadata.name}\n`);
  if (o.metadata.namespace) w.write(0, `Namespace:\t${o.metadata.namespace}\n`);
  printLabels(w, 'Labels', o.metadata.labels);
  printAnnotations(w, 'Annotations', o.metadata.annotations);
}

/** The full text for one object. */
export function describeObject(k: Kube, obj: KObject, showEvents: boolean): string {
  const w = new DescribeWriter();
  (DESCRIBERS[obj.kind] ?? generic)(k, w, obj);
  if (showEvents && !DESCRIBE_WITHOUT_EVENTS.has(obj.kind)) describeEvents(w, eventsFor(k, obj), k.now());
  return w.toString();
}

function run(k: Kube, f: Flags): number {
  if (f.args.length === 0) {
    k.err('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    return k.usageError('Required resource not specified.');
  }
  const resolved = resolveArgs(f.args, servedBy(k.api));
  if (!resolved.ok) return k.fail(resolved.error);
  const objects: KObject[] = [];
  const errors: string[] = [];
  let code = 0;
  for (const req of resolved.requests) {
    if (req.names.length === 0) {
      const r = fetchInfos(k, [req], { allNamespaces: f.bool('all-namespaces'), selector: f.str('selector'), fieldSelector: '' });
      if (!r.ok) return k.fail(r.error);
      objects.push(...r.infos.flatMap((i) => i.objects));
      continue;
    }
    for (const name of req.names) {
      const g = k.api.get(refFor(req.type, name, k.namespace));
      if (g.ok) {
        objects.push(g.object);
        continue;
      }
      // like kubectl: a missing name may be a prefix of existing names
      const prefixed = k.api
        .list(req.type.kind, req.type.namespaced ? { namespace: k.namespace } : {})
        .filter((o) => o.metadata.name.startsWith(name));
      if (prefixed.length && g.status.reason === 'NotFound') objects.push(...prefixed);
      else errors.push(`Error from server (${g.status.reason}): ${g.status.message}`);
    }
  }
  const showEvents = f.bool('show-events', true);
  const texts = objects.map((o) => describeObject(k, o, showEvents));
  k.out(texts.join('\n\n'));
  for (const e of errors) {
    k.err(e + '\n');
    code = 1;
  }
  if (objects.length === 0 && errors.length === 0) {
    const allNs = f.bool('all-namespaces') || resolved.requests.some((r) => !r.type.namespaced);
    k.err(allNs ? 'No resources found\n' : `No resources found in ${k.namespace} namespace.\n`);
  }
  return code;
}

export const describeCommand: KubectlCommand = {
  name: 'describe',
  group: 'Troubleshooting and Debugging Commands:',
  short: 'Show details of a specific resource or group of resources',
  long: 'Show details of a specific resource or group of resources.\n\n Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector.',
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  examples: [
    '# Describe a node',
    'kubectl describe nodes kubernetes-node-emt8.c.myproject.internal',
    '',
    '# Describe a pod',
    'kubectl describe pods/nginx',
    '',
    '# Describe pods by label name=myLabel',
    'kubectl describe pods -l name=myLabel',
  ],
  flags: [
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: 'false',
      help: 'If present, list the requested object(s) across all namespaces.',
    },
    { name: 'selector', short: 'l', type: 'string', default: "''", help: 'Selector (label query) to filter on.' },
    { name: 'show-events', type: 'bool', default: 'true', help: 'If true, display events related to the described object.' },
    { name: 'chunk-size', type: 'int', default: '500', help: 'Return large lists in chunks rather than all at once.' },
  ],
  run,
};
