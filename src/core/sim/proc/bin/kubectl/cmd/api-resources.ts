// `kubectl api-resources`: the resource kinds the simulated API server serves.
import { apiVersionOf, RESOURCES } from '../../../../api/resources.ts';
import type { KubectlCommand } from '../command.ts';
import { servedBy } from '../resolve.ts';
import { TabWriter } from '../tabwriter.ts';

export const apiResourcesCommand: KubectlCommand = {
  name: 'api-resources',
  group: 'Other Commands:',
  short: 'Print the supported API resources on the server',
  usage: 'api-resources [flags] [options]',
  examples: ['# Print the supported API resources', 'kubectl api-resources'],
  flags: [
    {
      name: 'namespaced',
      type: 'bool',
      default: 'true',
      help: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
    },
    {
      name: 'no-headers',
      type: 'bool',
      default: 'false',
      help: "When using the default or custom-column output format, don't print headers (default print headers).",
    },
    { name: 'output', short: 'o', type: 'string', default: "''", help: 'Output format. One of: (wide, name).' },
    { name: 'api-group', type: 'string', default: "''", help: 'Limit to resources in the specified API group.' },
  ],
  run(k, f) {
    const served = servedBy(k.api);
    let list = RESOURCES.filter(served).sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.plural < b.plural ? -1 : 1));
    if (f.has('namespaced')) list = list.filter((t) => t.namespaced === f.bool('namespaced'));
    if (f.has('api-group')) list = list.filter((t) => t.group === f.str('api-group'));
    if (f.str('output') === 'name') {
      k.out(list.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + '\n').join(''));
      return 0;
    }
    const tw = new TabWriter();
    if (!f.bool('no-headers')) tw.write('NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n');
    for (const t of list) tw.write(`${t.plural}\t${t.shortNames.join(',')}\t${apiVersionOf(t)}\t${t.namespaced}\t${t.kind}\n`);
    k.out(tw.flush());
    return 0;
  },
};
