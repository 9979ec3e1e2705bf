// `kubectl version`: client, Kustomize and server versions, with kubectl's version-skew warning.
import type { KubectlCommand } from '../command.ts';
import { serverVersion } from '../../../../api/version.ts';
import { CLIENT_VERSION, KUSTOMIZE_VERSION } from '../cluster.ts';
import { goJson } from '../output/go-json.ts';
import { printYaml } from '../output/go-yaml.ts';

export const versionCommand: KubectlCommand = {
  name: 'version',
  group: 'Other Commands:',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  usage: 'version [flags] [options]',
  examples: ['# Print the client and server versions for the current context', 'kubectl version'],
  flags: [
    { name: 'client', type: 'bool', default: 'false', help: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', default: "''", help: "One of 'yaml' or 'json'." },
  ],
  run(k, f) {
    const clientOnly = f.bool('client');
    const server = serverVersion(k.ctx.cluster);
    const output = f.str('output');
    if (output !== '' && output !== 'json' && output !== 'yaml') return k.fail("--output must be 'yaml' or 'json'");
    if (output) {
      const [major, minor] = server.slice(1).split('.');
      const data: Record<string, unknown> = {
        clientVersion: {
          major: CLIENT_VERSION.major,
          minor: CLIENT_VERSION.minor,
          gitVersion: CLIENT_VERSION.gitVersion,
          platform: 'linux/amd64',
        },
        kustomizeVersion: KUSTOMIZE_VERSION,
      };
      if (!clientOnly) data.serverVersion = { major, minor, gitVersion: server, platform: 'linux/amd64' };
      k.out(output === 'json' ? goJson(data, '  ') + '\n' : printYaml(data));
      return 0;
    }
    k.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (clientOnly) return 0;
    k.out(`Server Version: ${server}\n`);
    const serverMinor = Number(server.slice(1).split('.')[1]);
    const clientMinor = Number(CLIENT_VERSION.minor);
    if (Math.abs(serverMinor - clientMinor) > 1) {
      k.err(
        `WARNING: version difference between client (${CLIENT_VERSION.major}.${clientMinor}) and server (${server.slice(1).split('.').slice(0, 2).join('.')}) exceeds the supported minor version skew of +/-1\n`,
      );
    }
    return 0;
  },
};
