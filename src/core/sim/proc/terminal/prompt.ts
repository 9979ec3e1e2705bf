// Prompts: the PS1 each shell starts with on each OS, and bash-style rendering of its backslash escapes.
import type { HostInfo } from '../os/host-info.ts';
import type { ShellState } from '../shell/shell-state.ts';

/**
 * The PS1 a new interactive shell has: CentOS bash `[\u@\h \W]\$ ` (from /etc/bashrc), Debian bash
 * `\u@\h:\w\$ ` (from ~/.bashrc), bash started as `sh` `\s-\v\$ `, BusyBox ash `\w \$ `, dash `# ` or `$ `.
 */
export function defaultPs1(sh: ShellState, info: HostInfo | undefined): string {
  const root = sh.user === 'root';
  if (sh.flavour.name === 'dash') return root ? '# ' : '$ ';
  if (sh.flavour.name === 'ash') return '\\w \\$ ';
  if (sh.argv0.replace(/^.*\//, '') === 'sh') return '\\s-\\v\\$ ';
  return info?.os.id === 'centos' ? '[\\u@\\h \\W]\\$ ' : '\\u@\\h:\\w\\$ ';
}

/** bash's version as `\v` shows it, per OS. */
function bashVersion(info: HostInfo | undefined): string {
  return info?.os.id === 'centos' ? '4.2' : info?.os.id === 'ubuntu' ? '5.1' : '5.2';
}

/** Expand PS1 escapes: \u \h \H \w \W \$ \s \v \n \\ and the non-printing markers \[ \]. */
export function renderPrompt(ps1: string, sh: ShellState, info: HostInfo | undefined): string {
  const home = sh.get('HOME') ?? sh.home;
  const cwd = sh.cwd;
  const tilde = cwd === home ? '~' : cwd.startsWith(`${home}/`) && home !== '/' ? `~${cwd.slice(home.length)}` : cwd;
  const hostname = info?.hostname ?? 'localhost';
  const escapes: Record<string, string> = {
    u: sh.user,
    h: hostname.split('.')[0],
    H: hostname,
    w: tilde,
    W: cwd === home ? '~' : cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1),
    $: sh.user === 'root' ? '#' : '$',
    s: sh.argv0.replace(/^.*\//, ''),
    v: bashVersion(info),
    n: '\n',
    '\\': '\\',
    '[': '',
    ']': '',
  };
  return ps1.replace(/\\(.)/g, (m, c: string) => escapes[c] ?? m);
}
