// `kubectl scale deployment/x --replicas=N`: the scale subresource; `deployment.apps/x scaled`.
import type { KubectlCommand } from '../command.ts';
import type { Kube } from '../kube.ts';
import type { Flags } from '../flags.ts';
import { refFor, resolveArgs } from '../resolve.ts';
import { printOperation } from './print-result.ts';

function run(k: Kube, f: Flags): number {
  if (!f.has('replicas')) return k.fail('required flag(s) "replicas" not set');
  const replicas = f.int('replicas', -1);
  if (replicas < 0) return k.fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (f.args.length === 0) {
    return k.usageError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const resolved = resolveArgs(f.args);
  if (!resolved.ok) return k.fail(resolved.error);
  let code = 0;
  for (const req of resolved.requests) {
    if (req.names.length === 0) return k.fail('resource(s) were provided, but no name was specified');
    for (const name of req.names) {
      const ref = refFor(req.type, name, k.namespace);
      if (f.has('current-replicas')) {
        const g = k.api.get(ref);
        if (!g.ok) return k.failStatus(g.status);
        const cur = g.object.spec?.replicas ?? 0;
        if (cur !== f.int('current-replicas', -1)) return k.fail(`Expected replicas to be ${f.int('current-replicas', -1)}, was ${cur}`);
      }
      const r = k.api.scale(ref, replicas);
      if (!r.ok) {
        code = k.failStatus(r.status);
        continue;
      }
      printOperation(k, r.object, 'scaled', f.str('output'));
    }
  }
  return code;
}

export const scaleCommand: KubectlCommand = {
  name: 'scale',
  group: 'Deploy Commands:',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: 'Set a new size for a deployment, replica set, replication controller, or stateful set.',
  usage: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  examples: [
    "# Scale a replica set named 'foo' to 3",
    'kubectl scale --replicas=3 rs/foo',
    '',
    "# Scale a deployment named 'mysql' to 3",
    'kubectl scale --replicas=3 deployment/mysql',
  ],
  flags: [
    { name: 'replicas', type: 'int', default: '0', help: 'The new desired number of replicas. Required.' },
    {
      name: 'current-replicas',
      type: 'int',
      default: '-1',
      help: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale.',
    },
    { name: 'output', short: 'o', type: 'string', default: "''", help: 'Output format. One of: (json, yaml, name).' },
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      help: "The length of time to wait before giving up on a scale operation, zero means don't wait.",
    },
  ],
  run,
};
