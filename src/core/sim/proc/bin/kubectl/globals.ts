// kubectl's global (persistent) flags, accepted before or after any subcommand.
import type { FlagSpec } from './flags.ts';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: "''", help: 'If present, the namespace scope for this CLI request' },
  { name: 'context', type: 'string', default: "''", help: 'The name of the kubeconfig context to use' },
  { name: 'cluster', type: 'string', default: "''", help: 'The name of the kubeconfig cluster to use' },
  { name: 'user', type: 'string', default: "''", help: 'The name of the kubeconfig user to use' },
  { name: 'kubeconfig', type: 'string', default: "''", help: 'Path to the kubeconfig file to use for CLI requests.' },
  { name: 'server', short: 's', type: 'string', default: "''", help: 'The address and port of the Kubernetes API server' },
  { name: 'token', type: 'string', default: "''", help: 'Bearer token for authentication to the API server' },
  { name: 'as', type: 'string', default: "''", help: 'Username to impersonate for the operation.' },
  {
    name: 'request-timeout',
    type: 'string',
    default: "'0'",
    help: 'The length of time to wait before giving up on a single server request.',
  },
  {
    name: 'insecure-skip-tls-verify',
    type: 'bool',
    default: 'false',
    help: "If true, the server's certificate will not be checked for validity.",
  },
  { name: 'cache-dir', type: 'string', default: "'$HOME/.kube/cache'", help: 'Default cache directory' },
  { name: 'match-server-version', type: 'bool', default: 'false', help: 'Require server version to match client version' },
  {
    name: 'warnings-as-errors',
    type: 'bool',
    default: 'false',
    help: 'Treat warnings received from the server as errors and exit with a non-zero exit code',
  },
  { name: 'v', short: 'v', type: 'int', default: '0', help: 'number for the log level verbosity' },
];

/** Global flags whose value is the next argument (to skip them while finding the subcommand). */
export function takesValue(arg: string): boolean {
  if (arg.includes('=')) return false;
  if (arg.startsWith('--')) {
    const spec = GLOBAL_FLAGS.find((f) => f.name === arg.slice(2));
    return !!spec && spec.type !== 'bool';
  }
  if (arg.length === 2 && arg.startsWith('-')) {
    const spec = GLOBAL_FLAGS.find((f) => f.short === arg[1]);
    return !!spec && spec.type !== 'bool';
  }
  return false;
}
