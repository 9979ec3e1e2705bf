// curl's command line: the options podlab models, parsed with curl's own rules and error texts.
import { getopt, type OptionSpec } from '../../getopt.ts';

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  head: boolean;
  include: boolean;
  fail: boolean;
  follow: boolean;
  insecure: boolean;
  output?: string;
  remoteName: boolean;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  writeOut?: string;
  method?: string;
  data?: string;
  headers: string[];
  userAgent?: string;
  help: boolean;
  version: boolean;
}

const SPEC: OptionSpec = {
  flags: 'sSvIifLkOhV',
  withValue: 'omwXHdA',
  long: {
    silent: { key: 's', value: false },
    'show-error': { key: 'S', value: false },
    verbose: { key: 'v', value: false },
    head: { key: 'I', value: false },
    include: { key: 'i', value: false },
    fail: { key: 'f', value: false },
    location: { key: 'L', value: false },
    insecure: { key: 'k', value: false },
    'remote-name': { key: 'O', value: false },
    help: { key: 'h', value: false },
    version: { key: 'V', value: false },
    output: { key: 'o', value: true },
    'max-time': { key: 'm', value: true },
    'connect-timeout': { key: 'connect-timeout', value: true },
    'write-out': { key: 'w', value: true },
    request: { key: 'X', value: true },
    header: { key: 'H', value: true },
    data: { key: 'd', value: true },
    'data-raw': { key: 'd', value: true },
    'user-agent': { key: 'A', value: true },
    url: { key: 'url', value: true },
    'no-progress-meter': { key: 'no-progress-meter', value: false },
  },
};

/** Parse, or the two-line complaint curl prints (exit 2). */
export function parseCurl(argv: string[]): { ok: true; options: CurlOptions & { noMeter: boolean } } | { ok: false; message: string } {
  const p = getopt(argv, SPEC);
  const hint = "curl: try 'curl --help' or 'curl --manual' for more information\n";
  if (!p.ok) {
    const what = p.kind === 'unknown' ? 'is unknown' : 'requires parameter';
    return { ok: false, message: `curl: option ${p.option}: ${what}\n${hint}` };
  }
  const o: CurlOptions & { noMeter: boolean } = {
    urls: [...p.args],
    silent: false,
    showError: false,
    verbose: false,
    head: false,
    include: false,
    fail: false,
    follow: false,
    insecure: false,
    remoteName: false,
    headers: [],
    help: false,
    version: false,
    noMeter: false,
  };
  for (const { key, value = '' } of p.opts) {
    const seconds = () => Math.round(Number.parseFloat(value) * 1000);
    switch (key) {
      case 's':
        o.silent = true;
        break;
      case 'S':
        o.showError = true;
        break;
      case 'v':
        o.verbose = true;
        break;
      case 'I':
        o.head = true;
        break;
      case 'i':
        o.include = true;
        break;
      case 'f':
        o.fail = true;
        break;
      case 'L':
        o.follow = true;
        break;
      case 'k':
        o.insecure = true;
        break;
      case 'O':
        o.remoteName = true;
        break;
      case 'h':
        o.help = true;
        break;
      case 'V':
        o.version = true;
        break;
      case 'o':
        o.output = value;
        break;
      case 'm':
        o.maxTimeMs = seconds();
        break;
      case 'connect-timeout':
        o.connectTimeoutMs = seconds();
        break;
      case 'w':
        o.writeOut = value;
        break;
      case 'X':
        o.method = value;
        break;
      case 'H':
        o.headers.push(value);
        break;
      case 'd':
        o.data = value;
        break;
      case 'A':
        o.userAgent = value;
        break;
      case 'url':
        o.urls.push(value);
        break;
      case 'no-progress-meter':
        o.noMeter = true;
        break;
    }
  }
  if (!o.help && !o.version && o.urls.length === 0) return { ok: false, message: hint };
  return { ok: true, options: o };
}

/** `curl --help` of curl 7.88.1 (the short menu). */
export const CURL_HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

export const CURL_VERSION = `curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13
Release-Date: 2023-02-20
Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp
Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd
`;
