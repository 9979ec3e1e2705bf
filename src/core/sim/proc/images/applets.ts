// Command lists of the base images: BusyBox applet sets (Docker busybox, Alpine) and a Debian/Ubuntu userland.

/** Applets of the Docker Hub `busybox` image (busybox defconfig, NC_110_COMPAT): the ones lessons reach for. */
export const BUSYBOX_APPLETS = [
  '[', '[[', 'addgroup', 'adduser', 'arp', 'arping', 'ash', 'awk', 'base64', 'basename', 'bc', 'brctl', 'cat', 'chgrp', 'chmod',
  'chown', 'chroot', 'clear', 'cmp', 'cp', 'crond', 'cut', 'date', 'dd', 'df', 'diff', 'dirname', 'dmesg', 'dnsd', 'dnsdomainname',
  'du', 'echo', 'ed', 'egrep', 'env', 'ether-wake', 'expr', 'false', 'fgrep', 'find', 'free', 'fuser', 'getty', 'grep', 'gunzip',
  'gzip', 'halt', 'head', 'hexdump', 'hostid', 'hostname', 'httpd', 'hush', 'id', 'ifconfig', 'ifdown', 'ifup', 'inetd', 'init',
  'ip', 'ipaddr', 'iplink', 'ipneigh', 'iproute', 'iprule', 'iptunnel', 'kill', 'killall', 'less', 'link', 'ln', 'logger', 'login',
  'ls', 'lsof', 'md5sum', 'mkdir', 'mkfifo', 'mknod', 'mktemp', 'more', 'mount', 'mv', 'nameif', 'nc', 'netstat', 'nice', 'nohup',
  'nslookup', 'ntpd', 'od', 'passwd', 'pgrep', 'pidof', 'ping', 'ping6', 'pkill', 'pmap', 'poweroff', 'printenv', 'printf', 'ps',
  'pwd', 'rdate', 'readlink', 'realpath', 'reboot', 'renice', 'reset', 'rm', 'rmdir', 'route', 'sed', 'seq', 'sh', 'sha1sum',
  'sha256sum', 'sha512sum', 'sleep', 'sort', 'split', 'stat', 'strings', 'stty', 'su', 'sync', 'sysctl', 'tac', 'tail', 'tar',
  'tcpsvd', 'tee', 'telnet', 'telnetd', 'test', 'tftp', 'time', 'timeout', 'top', 'touch', 'tr', 'traceroute', 'traceroute6',
  'true', 'truncate', 'tty', 'udhcpc', 'udpsvd', 'umount', 'uname', 'uniq', 'unzip', 'uptime', 'usleep', 'vi', 'watch', 'wc',
  'wget', 'which', 'whoami', 'xargs', 'yes', 'zcat',
];

/** Alpine's busybox package: like the above without the busybox-extras applets (httpd, telnet, tftp, inetd ...). */
export const ALPINE_APPLETS = BUSYBOX_APPLETS.filter(
  (a) => !['httpd', 'telnet', 'telnetd', 'tftp', 'inetd', 'dnsd', 'tcpsvd', 'udpsvd', 'ether-wake', 'hush', 'ed', 'bc'].includes(a),
).concat(['apk']);

/** What Debian and Ubuntu images have on PATH: coreutils, bash/dash, grep, sed, mawk, util-linux basics. No curl, ping, ip. */
export const DEBIAN_COMMANDS = [
  '[', 'apt', 'apt-get', 'awk', 'base64', 'basename', 'bash', 'cat', 'chgrp', 'chmod', 'chown', 'cp', 'cut', 'dash', 'date', 'dd',
  'df', 'diff', 'dirname', 'dpkg', 'du', 'echo', 'egrep', 'env', 'expr', 'false', 'fgrep', 'find', 'getent', 'grep', 'gunzip',
  'gzip', 'head', 'hostname', 'id', 'kill', 'ln', 'ls', 'md5sum', 'mkdir', 'mktemp', 'more', 'mount', 'mv', 'nice', 'nohup', 'nproc',
  'od', 'printenv', 'printf', 'pwd', 'readlink', 'realpath', 'rm', 'rmdir', 'sed', 'seq', 'sh', 'sha256sum', 'sleep', 'sort',
  'split', 'stat', 'su', 'sync', 'tac', 'tail', 'tar', 'tee', 'test', 'timeout', 'touch', 'tr', 'true', 'truncate', 'tty', 'uname',
  'uniq', 'wc', 'whoami', 'xargs', 'yes', 'zcat',
];

/** Tools that are full programs rather than applets when an image installs them (netshoot, agnhost). */
export function withoutApplets(applets: string[], replaced: string[]): string[] {
  return applets.filter((a) => !replaced.includes(a));
}
