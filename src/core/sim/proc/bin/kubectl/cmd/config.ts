// `kubectl config view|current-context|get-contexts`: the one kubeconfig the simulated workstation has (kubeadm's).
import type { KubectlCommand } from '../command.ts';
import { serverUrl } from '../cluster.ts';
import { printYaml } from '../output/go-yaml.ts';
import { TabWriter } from '../tabwriter.ts';

const CONTEXT = 'kubernetes-admin@kubernetes';

const view: KubectlCommand = {
  name: 'view',
  group: 'Settings Commands:',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  usage: 'config view [flags] [options]',
  flags: [
    { name: 'minify', type: 'bool', default: 'false', help: 'Remove all information not used by current-context from the output' },
    { name: 'raw', type: 'bool', default: 'false', help: 'Display raw byte data and sensitive data' },
    { name: 'output', short: 'o', type: 'string', default: "'yaml'", help: 'Output format.' },
  ],
  run(k, f) {
    const secret = f.bool('raw') ? 'REDACTED' : 'DATA+OMITTED';
    k.out(
      printYaml({
        apiVersion: 'v1',
        clusters: [{ cluster: { 'certificate-authority-data': secret, server: serverUrl(k.ctx.cluster) }, name: 'kubernetes' }],
        contexts: [{ context: { cluster: 'kubernetes', user: 'kubernetes-admin' }, name: CONTEXT }],
        'current-context': CONTEXT,
        kind: 'Config',
        preferences: {},
        users: [{ name: 'kubernetes-admin', user: { 'client-certificate-data': secret, 'client-key-data': secret } }],
      }),
    );
    return 0;
  },
};

const currentContext: KubectlCommand = {
  name: 'current-context',
  group: 'Settings Commands:',
  short: 'Display the current-context',
  usage: 'config current-context [flags] [options]',
  flags: [],
  run(k) {
    k.out(`${CONTEXT}\n`);
    return 0;
  },
};

const getContexts: KubectlCommand = {
  name: 'get-contexts',
  group: 'Settings Commands:',
  short: 'Describe one or many contexts',
  usage: 'config get-contexts [(-o|--output=)name)] [flags] [options]',
  flags: [{ name: 'output', short: 'o', type: 'string', default: "''", help: 'Output format. One of: (name).' }],
  run(k, f) {
    if (f.str('output') === 'name') {
      k.out(`${CONTEXT}\n`);
      return 0;
    }
    const tw = new TabWriter();
    tw.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    tw.write(`*\t${CONTEXT}\tkubernetes\tkubernetes-admin\t\n`);
    k.out(tw.flush());
    return 0;
  },
};

export const configCommand: KubectlCommand = {
  name: 'config',
  group: 'Settings Commands:',
  short: 'Modify kubeconfig files',
  long: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
  usage: 'config SUBCOMMAND [options]',
  flags: [],
  subcommands: [view, currentContext, getContexts],
  run(k) {
    k.out(
      'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands:\n  current-context   Display the current-context\n  get-contexts      Describe one or many contexts\n  view              Display merged kubeconfig settings or a specified kubeconfig file\n\nUsage:\n  kubectl config SUBCOMMAND [options]\n',
    );
    return 0;
  },
};
