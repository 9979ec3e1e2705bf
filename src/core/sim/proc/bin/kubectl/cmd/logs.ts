// `kubectl logs (POD | TYPE/NAME | -l SELECTOR) [-c C] [--previous] [--tail N] [--timestamps] [--prefix] [-f]`: the
// containers' output; -f follows until the budget ends. Messages from kubectl's pkg/cmd/logs/logs.go (Complete:
// "only a selector (-l) or a POD name is allowed", "No resources found in %s namespace.", selectorTail 10) and
// pkg/polymorphichelpers/logsforobject.go ("Found %v pods, using pod/%v" on stderr when a controller has several).
import type { KObject } from '../../../../api/types.ts';
import { parseSelector } from '../../../../api/selector.ts';
import type { KubectlCommand } from '../command.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { defaultContainer, findPod } from '../pod-target.ts';

const FOLLOW_STEP_MS = 1000;
/** logs.go: `selectorTail int64 = 10`, the --tail a selector gets when --tail is not given. */
const SELECTOR_TAIL = 10;
/** logs.go: logsUsageErrStr, for no argument (and no selector) or more than two. */
const USAGE_ERROR =
  "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

interface Stream {
  pod: KObject;
  container: string;
}

function run(k: Kube, f: Flags): number {
  const args = f.args;
  const selectorText = f.str('selector');
  if ((args.length === 0 && !selectorText) || args.length > 2) return k.usageError(USAGE_ERROR);
  if (args.length === 1 && selectorText) return k.usageError('only a selector (-l) or a POD name is allowed');
  let pods: KObject[];
  if (selectorText) {
    const sel = parseSelector(selectorText);
    if (!sel.ok) return k.fail(sel.error);
    pods = k.api.list('Pod', { namespace: k.namespace, selector: sel.selector });
    if (pods.length === 0) {
      k.err(`No resources found in ${k.namespace} namespace.\n`);
      return 0;
    }
  } else {
    const found = findPod(k, args[0]);
    if (!found.ok) {
      // kubectl logs reports a missing pod through its own error path, lower-case and with the namespace.
      if (found.status?.reason === 'NotFound')
        return k.fail(`error from server (NotFound): ${found.status.message} in namespace "${k.namespace}"`);
      return found.status ? k.failStatus(found.status) : k.fail(found.error ?? 'pod not found');
    }
    if ((found.matched ?? 0) > 1) k.err(`Found ${found.matched} pods, using pod/${found.pod.metadata.name}\n`);
    pods = [found.pod];
  }
  const streams: Stream[] = [];
  for (const pod of pods) {
    let container = f.str('container') || args[1] || '';
    if (!container && !f.bool('all-containers')) container = defaultContainer(k, pod) ?? '';
    const names = f.bool('all-containers') ? ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name) : [container];
    for (const name of names) streams.push({ pod, container: name });
  }
  const tailFlag = f.int('tail', -1);
  const tail = tailFlag >= 0 ? tailFlag : selectorText && !f.has('tail') ? SELECTOR_TAIL : undefined;
  const maxRequests = f.int('max-log-requests', 5);
  if (f.bool('follow') && streams.length > maxRequests) {
    return k.fail(
      `you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`,
    );
  }
  const options = { previous: f.bool('previous'), tail, timestamps: f.bool('timestamps') };
  const printed = new Map<Stream, string>();
  const show = (s: Stream, text: string) => k.out(f.bool('prefix') ? prefixed(text, s.pod.metadata.name, s.container) : text);
  for (const s of streams) {
    const r = k.api.logs(refOf(s.pod), s.container || undefined, options);
    if (!r.ok) return k.failStatus(r.status);
    show(s, r.text);
    printed.set(s, r.text);
  }
  if (!f.bool('follow')) return 0;
  // -f: print what each container adds until they all stop or the cell's budget runs out
  for (;;) {
    if (!k.sleep(FOLLOW_STEP_MS)) return 0;
    let live = 0;
    for (const s of streams) {
      const r = k.api.logs(refOf(s.pod), s.container || undefined, { previous: false, timestamps: options.timestamps });
      if (!r.ok) continue;
      const before = printed.get(s) ?? '';
      if (r.text.startsWith(before) && r.text.length > before.length) show(s, r.text.slice(before.length));
      printed.set(s, r.text);
      const g = k.api.get(refOf(s.pod));
      if (g.ok && g.object.status?.phase !== 'Succeeded' && g.object.status?.phase !== 'Failed') live++;
    }
    if (live === 0) return 0;
  }
}

function refOf(pod: KObject) {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name };
}

function prefixed(text: string, pod: string, container: string): string {
  return text
    .split('\n')
    .map((l, i, all) => (i === all.length - 1 && l === '' ? l : `[pod/${pod}/${container}] ${l}`))
    .join('\n');
}

export const logsCommand: KubectlCommand = {
  name: 'logs',
  group: 'Troubleshooting and Debugging Commands:',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  examples: [
    '# Return snapshot logs from pod nginx with only one container',
    'kubectl logs nginx',
    '',
    '# Begin streaming the logs of the ruby container in pod web-1',
    'kubectl logs -f -c ruby web-1',
    '',
    '# Display only the most recent 20 lines of output in pod nginx',
    'kubectl logs --tail=20 nginx',
  ],
  flags: [
    { name: 'container', short: 'c', type: 'string', default: "''", help: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', default: 'false', help: 'Specify if the logs should be streamed.' },
    {
      name: 'previous',
      short: 'p',
      type: 'bool',
      default: 'false',
      help: 'If true, print the logs for the previous instance of the container in a pod if it exists.',
    },
    {
      name: 'tail',
      type: 'int',
      default: '-1',
      help: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
    },
    { name: 'all-containers', type: 'bool', default: 'false', help: "Get all containers' logs in the pod(s)." },
    { name: 'prefix', type: 'bool', default: 'false', help: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'timestamps', type: 'bool', default: 'false', help: 'Include timestamps on each line in the log output' },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: "''",
      help: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
    },
    {
      name: 'max-log-requests',
      type: 'int',
      default: '5',
      help: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.',
    },
    { name: 'since', type: 'duration', default: '0s', help: 'Only return logs newer than a relative duration like 5s, 2m, or 3h.' },
  ],
  run,
};
