// The operating systems a host can look like: which userland prints messages, where programs live, /etc/os-release.

/** GNU coreutils & co. (nodes, Debian images) or BusyBox applets (busybox, alpine images). */
export type Userland = 'gnu' | 'busybox';

export type HostOs = 'centos' | 'debian' | 'ubuntu' | 'busybox' | 'alpine';

export interface OsProfile {
  id: HostOs;
  userland: Userland;
  /** Directories under `/` of a fresh host. */
  rootDirs: string[];
  /** Where `which`/`type` say a program lives. */
  binDir: string;
  /** PATH of root's shell. */
  path: string;
  /** /etc/os-release, if the image has one. */
  osRelease?: string;
  /** Kernel release and version (`uname -r`, `uname -v`), for node hosts; containers show their node's. */
  kernel: { release: string; version: string };
}

const FHS = [
  'bin',
  'boot',
  'dev',
  'etc',
  'home',
  'lib',
  'lib64',
  'media',
  'mnt',
  'opt',
  'proc',
  'root',
  'run',
  'sbin',
  'srv',
  'sys',
  'tmp',
  'usr',
  'var',
];
const DOCKER_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The table of profiles; add a row to model another OS. */
export const OS_PROFILES: Record<HostOs, OsProfile> = {
  centos: {
    id: 'centos',
    userland: 'gnu',
    rootDirs: FHS,
    binDir: '/usr/bin',
    path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin',
    kernel: { release: '3.10.0-1160.el7.x86_64', version: '#1 SMP Mon Oct 19 16:18:59 UTC 2020' },
    osRelease: [
      'NAME="CentOS Linux"',
      'VERSION="7 (Core)"',
      'ID="centos"',
      'ID_LIKE="rhel fedora"',
      'VERSION_ID="7"',
      'PRETTY_NAME="CentOS Linux 7 (Core)"',
      'ANSI_COLOR="0;31"',
      'CPE_NAME="cpe:/o:centos:centos:7"',
      'HOME_URL="https://www.centos.org/"',
      'BUG_REPORT_URL="https://bugs.centos.org/"',
      '',
      'CENTOS_MANTISBT_PROJECT="CentOS-7"',
      'CENTOS_MANTISBT_PROJECT_VERSION="7"',
      'REDHAT_SUPPORT_PRODUCT="centos"',
      'REDHAT_SUPPORT_PRODUCT_VERSION="7"',
      '',
      '',
    ].join('\n'),
  },
  debian: {
    id: 'debian',
    userland: 'gnu',
    rootDirs: FHS,
    binDir: '/usr/bin',
    path: DOCKER_PATH,
    kernel: { release: '6.1.0-18-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)' },
    osRelease: [
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      'NAME="Debian GNU/Linux"',
      'VERSION_ID="12"',
      'VERSION="12 (bookworm)"',
      'VERSION_CODENAME=bookworm',
      'ID=debian',
      'HOME_URL="https://www.debian.org/"',
      'SUPPORT_URL="https://www.debian.org/support"',
      'BUG_REPORT_URL="https://bugs.debian.org/"',
      '',
    ].join('\n'),
  },
  ubuntu: {
    id: 'ubuntu',
    userland: 'gnu',
    rootDirs: FHS,
    binDir: '/usr/bin',
    path: DOCKER_PATH,
    kernel: { release: '5.15.0-105-generic', version: '#115-Ubuntu SMP Mon Apr 15 09:52:04 UTC 2024' },
    osRelease: [
      'PRETTY_NAME="Ubuntu 22.04.4 LTS"',
      'NAME="Ubuntu"',
      'VERSION_ID="22.04"',
      'VERSION="22.04.4 LTS (Jammy Jellyfish)"',
      'VERSION_CODENAME=jammy',
      'ID=ubuntu',
      'ID_LIKE=debian',
      'HOME_URL="https://www.ubuntu.com/"',
      'SUPPORT_URL="https://help.ubuntu.com/"',
      'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
      'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
      'UBUNTU_CODENAME=jammy',
      '',
    ].join('\n'),
  },
  busybox: {
    id: 'busybox',
    userland: 'busybox',
    rootDirs: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
    binDir: '/bin',
    path: DOCKER_PATH,
    kernel: { release: '6.1.0-18-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)' },
  },
  alpine: {
    id: 'alpine',
    userland: 'busybox',
    rootDirs: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
    binDir: '/bin',
    path: DOCKER_PATH,
    kernel: { release: '6.1.0-18-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)' },
    osRelease: [
      'NAME="Alpine Linux"',
      'ID=alpine',
      'VERSION_ID=3.19.1',
      'PRETTY_NAME="Alpine Linux v3.19"',
      'HOME_URL="https://alpinelinux.org/"',
      'BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"',
      '',
    ].join('\n'),
  },
};
