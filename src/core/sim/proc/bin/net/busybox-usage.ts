// BusyBox usage texts (printed to stderr, exit 1, on a usage error), headed by the image's build banner.

const USAGE: Record<string, string> = {
  netstat: `Usage: netstat [-ral] [-tuwx] [-enWp]

Display networking information

\t-r\tRouting table
\t-a\tAll sockets
\t-l\tListening sockets
\t\tElse: connected sockets
\t-t\tTCP sockets
\t-u\tUDP sockets
\t-w\tRaw sockets
\t-x\tUnix sockets
\t\tElse: all socket types
\t-e\tOther/more information
\t-n\tDon't resolve names
\t-W\tWide display
\t-p\tShow PID/program name for sockets
`,
  ps: `Usage: ps [-o COL1,COL2=HEADER] [-T]

Show list of processes

\t-o COL1,COL2=HEADER\tSelect columns for display
\t-T\t\t\tShow threads
`,
  ping: `Usage: ping [OPTIONS] HOST

Send ICMP ECHO_REQUESTs to HOST

\t-4,-6\t\tForce IP or IPv6 name resolution
\t-c CNT\t\tSend only CNT pings
\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)
\t-i SECS\t\tInterval
\t-A\t\tPing as soon as reply is received
\t-t TTL\t\tSet TTL
\t-I IFACE/IP\tSource interface or IP address
\t-W SEC\t\tSeconds to wait for the first response (default 10)
\t\t\t(after all -c CNT packets are sent)
\t-w SEC\t\tSeconds until ping exits (default:infinite)
\t\t\t(can exit earlier with -c CNT)
\t-q\t\tQuiet, only display output at start/finish
\t-p HEXBYTE\tPayload pattern
`,
  wget: `Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
\t[--post-data STR | --post-file FILE] [-Y on/off]
\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

\t--spider\tOnly check URL existence: $? is 0 if exists
\t--header STR\tAdd STR (of form 'header: value') to headers
\t--post-data STR\tSend STR using POST method
\t--post-file FILE\tSend FILE using POST method
\t--no-check-certificate\tDon't validate the server's certificate
\t-c\t\tContinue retrieval of aborted transfer
\t-q\t\tQuiet
\t-P DIR\t\tSave to DIR (default .)
\t-S    \t\tShow server response
\t-T SEC\t\tNetwork read timeout is SEC seconds
\t-O FILE\t\tSave to FILE ('-' for stdout)
\t-o LOGFILE\tLog messages to FILE
\t-U STR\t\tUse STR for User-Agent header
\t-Y on/off\tUse proxy
`,
  nslookup: `Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]

Query DNS about HOST

QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any
`,
  ip: `Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]

OPTIONS := -f[amily] inet|inet6|link | -o[neline]

ip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]
ip route list|flush|add|del|change|append|replace|test ROUTE
ip link set IFACE [up|down] [arp on|off] [multicast on|off]
\t[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]
\t[master IFACE | nomaster] [netns PID]
ip tunnel add|change|del|show [NAME]
\t[mode ipip|gre|sit] [remote ADDR] [local ADDR] [ttl TTL]
ip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]
ip rule [list] | add|del SELECTOR ACTION
`,
  /** Debian's small nc (no NC_110_COMPAT): as transcripts/busybox-nc-ok.txt shows it. */
  'nc-small': `Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]

Open a pipe to IP:PORT or FILE

\t-l\tListen mode, for inbound connects
\t\t(use -ll with -e for persistent server)
\t-p PORT\tLocal port
\t-w SEC\tConnect timeout
\t-i SEC\tDelay interval for lines sent
\t-f FILE\tUse file (ala /dev/ttyS0) instead of network
\t-e PROG\tRun PROG after connect
`,
  nc: `Usage: nc [OPTIONS] HOST PORT  - connect
nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

\t-e PROG\tRun PROG after connect (must be last)
\t-l\tListen mode, for inbound connects
\t-lk\tWith -e, provides persistent server
\t-p PORT\tLocal port
\t-s ADDR\tLocal address
\t-w SEC\tTimeout for connects and final net reads
\t-i SEC\tDelay interval for lines sent
\t-n\tDon't do DNS resolution
\t-u\tUDP mode
\t-b\tAllow broadcast
\t-v\tVerbose
\t-o FILE\tHex dump traffic
\t-z\tZero-I/O mode (scanning)
`,
};

/** "BusyBox v1.37.0 (...) multi-call binary.\n\nUsage: ...". */
export function busyboxUsage(banner: string | undefined, applet: string): string {
  return `${banner ?? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.'}\n\n${USAGE[applet] ?? ''}`;
}
