// Port names as /etc/services on Debian 12 gives them (OpenBSD nc prints "[tcp/http]", "[tcp/*]" when unnamed).

const TCP: Record<number, string> = {
  21: 'ftp',
  22: 'ssh',
  23: 'telnet',
  25: 'smtp',
  53: 'domain',
  80: 'http',
  110: 'pop3',
  143: 'imap2',
  443: 'https',
  3306: 'mysql',
  5432: 'postgresql',
  6379: 'redis',
  8080: 'http-alt',
  8081: 'tproxy',
  11211: 'memcache',
};

/** The service name of a port, '*' when /etc/services has none. */
export function serviceName(port: number, proto: 'tcp' | 'udp' = 'tcp'): string {
  if (proto === 'udp' && port === 53) return 'domain';
  return TCP[port] ?? '*';
}
