// `kubectl logs POD [-c C] [--previous] [--tail N] [-f]`: the container's output; -f follows until the budget ends.
import type { KubectlCommand } from '../command.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { defaultContainer, findPod } from '../pod-target.ts';

const FOLLOW_STEP_MS = 1000;

function run(k: Kube, f: Flags): number {
  const args = f.args;
  if (args.length === 0) return k.usageError('expected POD or TYPE/NAME is a required argument for the logs command');
  if (args.length > 2) return k.usageError('expected at most 2 arguments: a pod and a container');
  const found = findPod(k, args[0]);
  if (!found.ok) {
    // kubectl logs reports a missing pod through its own error path, lower-case and with the namespace.
    if (found.status?.reason === 'NotFound')
      return k.fail(`error from server (NotFound): ${found.status.message} in namespace "${k.namespace}"`);
    return found.status ? k.failStatus(found.status) : k.fail(found.error ?? 'pod not found');
  }
  const pod = found.pod;
  let container = f.str('container') || args[1] || '';
  if (!container && !f.bool('all-containers')) container = defaultContainer(k, pod) ?? '';
  const names = f.bool('all-containers') ? ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name) : [container];
  const ref = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name };
  const tail = f.int('tail', -1);
  const options = { previous: f.bool('previous'), tail: tail >= 0 ? tail : undefined };
  const printed = new Map<string, string>();
  for (const name of names) {
    const r = k.api.logs(ref, name || undefined, options);
    if (!r.ok) return k.failStatus(r.status);
    const text = f.bool('prefix') ? prefixed(r.text, pod.metadata.name, name) : r.text;
    k.out(text);
    printed.set(name, r.text);
  }
  if (!f.bool('follow') || names.length !== 1) return 0;
  // -f: print what the container adds until it stops or the cell's budget runs out
  for (;;) {
    if (!k.sleep(FOLLOW_STEP_MS)) return 0;
    const r = k.api.logs(ref, names[0] || undefined, { previous: false });
    if (!r.ok) return 0;
    const before = printed.get(names[0]) ?? '';
    if (r.text.startsWith(before) && r.text.length > before.length) k.out(r.text.slice(before.length));
    printed.set(names[0], r.text);
    const g = k.api.get(ref);
    if (!g.ok || g.object.status?.phase === 'Succeeded' || g.object.status?.phase === 'Failed') return 0;
  }
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
    { name: 'since', type: 'duration', default: '0s', help: 'Only return logs newer than a relative duration like 5s, 2m, or 3h.' },
  ],
  run,
};
