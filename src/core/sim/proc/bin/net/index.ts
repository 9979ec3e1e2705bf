// Table of the network tools (curl, wget, ping, nslookup, nc, ip, iptables); each decides its flavour from where it runs.
import type { ToolInfo } from '../tool.ts';
import { conntrack } from './conntrack/index.ts';
import { curl } from './curl/index.ts';
import { dig, host } from './dig/index.ts';
import { ip } from './ip/index.ts';
import { iptables, iptablesSave } from './iptables/index.ts';
import { nc } from './nc/index.ts';
import { netstat } from './netstat/index.ts';
import { nslookup } from './nslookup/index.ts';
import { ping } from './ping/index.ts';
import { ss } from './ss/index.ts';
import { tcpdump } from './tcpdump/index.ts';
import { tracepath } from './tracepath/index.ts';
import { traceroute } from './traceroute/index.ts';
import { wget } from './wget/index.ts';

export const netTools: ToolInfo[] = [
  { name: 'curl', run: curl, on: 'everywhere', summary: 'transfer a URL (curl 7.88.1)' },
  { name: 'ping', run: ping, on: 'everywhere', summary: 'send ICMP ECHO_REQUEST to network hosts' },
  { name: 'nslookup', run: nslookup, on: 'everywhere', summary: 'query Internet name servers' },
  { name: 'dig', run: dig, on: 'everywhere', summary: 'DNS lookup utility' },
  { name: 'host', run: host, on: 'everywhere', summary: 'DNS lookup utility' },
  { name: 'wget', run: wget, on: 'everywhere', summary: 'retrieve files via HTTP' },
  { name: 'ip', run: ip, on: 'everywhere', summary: 'show routing, devices and addresses' },
  { name: 'traceroute', run: traceroute, on: 'everywhere', summary: 'print the route packets trace to network host' },
  { name: 'tracepath', run: tracepath, on: 'node', summary: 'traces path to a network host discovering MTU along this path' },
  {
    name: 'iptables',
    run: iptables,
    on: 'node',
    summary: "administration tool for IPv4 packet filtering and NAT (kube-proxy's rules, read-only)",
  },
  { name: 'iptables-save', run: iptablesSave, on: 'node', summary: 'dump iptables rules' },
  { name: 'nc', run: nc, on: 'everywhere', summary: 'arbitrary TCP and UDP connections and listens' },
  { name: 'tcpdump', run: tcpdump, on: 'everywhere', summary: 'dump traffic on a network (the packets this line sends)' },
  { name: 'ss', run: ss, on: 'everywhere', summary: 'investigate sockets (the listeners the model has)' },
  { name: 'netstat', run: netstat, on: 'image', summary: 'print network connections (the listeners the model has)' },
  { name: 'conntrack', run: conntrack, on: 'everywhere', summary: 'command line interface for netfilter connection tracking' },
];
