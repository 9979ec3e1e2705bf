// Which programs exist on a host and where they live: node hosts have the tools marked for nodes,
// containers exactly the commands their image lists. Also resolves `./script` and `/usr/bin/x` paths.
import type { FileSystem } from '../../contracts.ts';
import { basename, dirname, resolvePath } from './fs/paths.ts';
import type { ToolInfo } from '../bin/tool.ts';
import type { HostInfo } from './host-info.ts';

/** What a command name finds. */
export type Found =
  | { kind: 'tool'; tool: ToolInfo; path: string }
  /** The image (or the node) ships it but podlab has no model of it (an image's own daemon, say). */
  | { kind: 'unsimulated'; name: string; path: string; on?: 'node' }
  /** An executable text file: run it with the host's sh. */
  | { kind: 'script'; path: string }
  | { kind: 'missing'; reason: 'missing' | 'is-dir' | 'no-exec' };

const BIN_DIRS = new Set(['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

/**
 * Programs a kubeadm node (Debian 12 or Ubuntu server, with kubeadm's prerequisites: conntrack, socat, cri-tools,
 * iptables for kube-proxy) has that podlab does not simulate: typing one says so in one line, never "command not
 * found". A simulated tool of the same name takes precedence.
 */
export const NODE_UNSIMULATED: readonly string[] = [
  'containerd',
  'crictl',
  'ctr',
  'ethtool',
  'ip6tables',
  'iptables',
  'iptables-restore',
  'iptables-save',
  'journalctl',
  'kubeadm',
  'kubelet',
  'mtr',
  'nft',
  'socat',
  'sysctl',
  'systemctl',
];

/** Names of the programs installed on a host, sorted (for completion and `which`). */
export function installedPrograms(info: HostInfo, tools: Map<string, ToolInfo>): string[] {
  if (info.host.kind === 'node')
    return [...new Set([...[...tools.values()].filter((t) => t.on !== 'image').map((t) => t.name), ...NODE_UNSIMULATED])].sort();
  return [...new Set(info.image?.commands ?? [])].sort();
}

/** The program a name (no slash) finds on this host, if any. */
export function findInstalled(info: HostInfo, tools: Map<string, ToolInfo>, name: string): Found | undefined {
  const path = programPath(info, name);
  if (info.host.kind === 'node') {
    const tool = tools.get(name);
    if (tool && tool.on !== 'image') return { kind: 'tool', tool, path };
    return NODE_UNSIMULATED.includes(name) ? { kind: 'unsimulated', name, path, on: 'node' } : undefined;
  }
  if (!info.image?.commands.includes(name)) return undefined;
  const tool = tools.get(name);
  return tool ? { kind: 'tool', tool, path } : { kind: 'unsimulated', name, path };
}

/** Look a command word up as a shell does: names through PATH, words with a slash as paths. */
export function findCommand(info: HostInfo, tools: Map<string, ToolInfo>, fs: FileSystem, cwd: string, word: string): Found {
  if (!word.includes('/')) return findInstalled(info, tools, word) ?? { kind: 'missing', reason: 'missing' };
  const path = resolvePath(cwd, word);
  if (BIN_DIRS.has(dirname(path))) {
    const found = findInstalled(info, tools, basename(path));
    if (found) return found;
  }
  if (fs.isDir(path)) return { kind: 'missing', reason: 'is-dir' };
  if (fs.read(path) === undefined) return { kind: 'missing', reason: 'missing' };
  const mode = fs.stat(path)?.mode ?? 0o644;
  return mode & 0o111 ? { kind: 'script', path } : { kind: 'missing', reason: 'no-exec' };
}

/** Where `which` and `type` say a program lives: kubectl in /usr/bin on nodes, BusyBox applets in /bin ... */
export function programPath(info: HostInfo, name: string): string {
  return `${info.os.binDir}/${name}`;
}
