// nicolaka/netshoot: Alpine plus the full network toolbox (iputils ping, iproute2, bind-tools, OpenBSD nc, curl);
// wget, ifconfig and route stay BusyBox applets. CMD zsh exits at once without a terminal.
import { ALPINE_APPLETS, withoutApplets } from './applets.ts';
import type { ImageFamily } from './family.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion } from './reference.ts';

const FULL_TOOLS = [
  'bash',
  'zsh',
  'curl',
  'ping',
  'ip',
  'ss',
  'nslookup',
  'dig',
  'host',
  'nc',
  'traceroute',
  'tcpdump',
  'nmap',
  'socat',
  'iperf3',
  'mtr',
  'jq',
  'vim',
  'strace',
  'iptables',
  'conntrack',
  'ethtool',
  'openssl',
  'http',
  'tshark',
  'netstat',
];
const APPLETS = withoutApplets(ALPINE_APPLETS, FULL_TOOLS);

export const netshootFamily: ImageFamily = {
  repositories: ['nicolaka/netshoot'],
  facts: (ref) => {
    if (ref.tag !== 'latest' && !tagVersion(ref.tag)) return undefined;
    return {
      info: {
        repository: 'nicolaka/netshoot',
        shells: ['sh', 'ash', 'bash', 'zsh'],
        commands: [...APPLETS, ...FULL_TOOLS],
        prompt: 'bash',
        ping: 'iputils',
        workdir: '/root',
        pullMs: pullTime('nicolaka/netshoot', ref.tag, 14500),
        sizeBytes: 208_000_000,
      },
      entrypoint: [],
      cmd: ['zsh'],
      toolset: {
        libc: 'musl',
        busybox: { applets: APPLETS, banner: 'BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.', ncBloaty: true },
      },
    };
  },
};
