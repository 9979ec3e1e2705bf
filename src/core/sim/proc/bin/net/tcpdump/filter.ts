// The part of pcap-filter(7) a learner types: protocols (ip, tcp, udp, icmp, arp, ip6, `ip proto N`), `[src|dst]
// host ADDR`, `[src|dst] net CIDR`, `[tcp|udp] [src|dst] port N`, `portrange A-B`, joined with and/&&, or/||, not/!
// and parentheses. As in libpcap, `and` and `or` have the same precedence and group left to right, and a filter
// reads the outermost headers: an IPIP packet on eth0 is `ip proto 4` between the nodes, not `icmp`.
import { containsIp, parseCidr, parseIp } from '../../../../net/cidr.ts';

/** What a filter sees of a packet: the outermost IPv4 header and its transport ports. */
export interface FilterView {
  proto: number;
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
}

export type Filter = (p: FilterView) => boolean;

const PROTO: Record<string, number> = { icmp: 1, igmp: 2, ipip: 4, tcp: 6, udp: 17, gre: 47, esp: 50, sctp: 132 };

export class FilterError extends Error {}

function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /\s*(\(|\)|&&|\|\||!|[^\s()!&|]+)/y;
  let end = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    out.push(m[1]);
    end = re.lastIndex;
  }
  if (text.slice(end).trim() !== '') throw new FilterError('syntax error in filter expression');
  return out;
}

const isAddr = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

/** Compile an expression; throws FilterError with libpcap's message. An empty expression accepts everything. */
export function compileFilter(text: string): Filter {
  const toks = tokenize(text);
  let i = 0;
  const peek = () => toks[i];
  const next = () => toks[i++];
  const syntax = (): never => {
    throw new FilterError('syntax error in filter expression');
  };

  const primitive = (): Filter => {
    let dir: 'src' | 'dst' | 'either' = 'either';
    let proto: number | undefined;
    let t = next();
    if (t === undefined) syntax();
    if (t === 'ip' && peek() === 'proto') {
      next();
      const p = next() ?? syntax();
      const n = /^\d+$/.test(p) ? Number(p) : PROTO[p.replace(/^\\/, '')];
      if (n === undefined) throw new FilterError(`unknown ip proto '${p}'`);
      return (v) => v.proto === n;
    }
    if (t === 'proto') {
      const p = next() ?? syntax();
      const n = /^\d+$/.test(p) ? Number(p) : PROTO[p.replace(/^\\/, '')];
      if (n === undefined) throw new FilterError(`unknown ip proto '${p}'`);
      return (v) => v.proto === n;
    }
    if (t === 'tcp' || t === 'udp' || t === 'icmp' || t === 'ip' || t === 'arp' || t === 'ip6' || t === 'sctp') {
      const n = t === 'ip' ? -1 : t === 'arp' || t === 'ip6' ? -2 : PROTO[t];
      const qualifier = peek();
      if (
        (t === 'tcp' || t === 'udp') &&
        (qualifier === 'port' || qualifier === 'src' || qualifier === 'dst' || qualifier === 'portrange')
      ) {
        proto = n;
        t = next();
      } else return (v) => (n === -1 ? true : n === -2 ? false : v.proto === n);
    }
    if (t === 'src' || t === 'dst') {
      dir = t;
      if (peek() === 'or' || peek() === 'and') {
        next();
        if (next() !== (t === 'src' ? 'dst' : 'src')) syntax();
        dir = 'either';
      }
      t = next() ?? syntax();
    }
    const addrs = (v: FilterView): string[] => (dir === 'src' ? [v.src] : dir === 'dst' ? [v.dst] : [v.src, v.dst]);
    const ports = (v: FilterView): (number | undefined)[] => (dir === 'src' ? [v.sport] : dir === 'dst' ? [v.dport] : [v.sport, v.dport]);
    const portProto = (v: FilterView) => (proto === undefined ? v.proto === 6 || v.proto === 17 || v.proto === 132 : v.proto === proto);
    if (t === 'host' || isAddr(t)) {
      const a = t === 'host' ? (next() ?? syntax()) : t;
      if (!isAddr(a)) throw new FilterError(`can't resolve host '${a}'`);
      return (v) => addrs(v).includes(a);
    }
    if (t === 'net') {
      const c = next() ?? syntax();
      const cidr = parseCidr(c.includes('/') ? c : `${c}/32`);
      if (!cidr) throw new FilterError(`invalid net '${c}'`);
      return (v) =>
        addrs(v).some((x) => {
          const n = parseIp(x);
          return n !== undefined && containsIp(cidr, n);
        });
    }
    if (t === 'port' || t === 'portrange') {
      const p = next() ?? syntax();
      const m = t === 'port' ? /^(\d+)$/.exec(p) : /^(\d+)-(\d+)$/.exec(p);
      const named: Record<string, number> = { http: 80, https: 443, domain: 53, ssh: 22 };
      const lo = m ? Number(m[1]) : named[p];
      const hi = m && m[2] !== undefined ? Number(m[2]) : lo;
      if (lo === undefined || lo > 65535)
        throw new FilterError(t === 'port' ? `illegal port number ${p} > 65535` : `illegal port range '${p}'`);
      return (v) => portProto(v) && ports(v).some((x) => x !== undefined && x >= lo && x <= hi);
    }
    return syntax();
  };

  const unary = (): Filter => {
    const t = peek();
    if (t === 'not' || t === '!') {
      next();
      const f = unary();
      return (v) => !f(v);
    }
    if (t === '(') {
      next();
      const f = expr();
      if (next() !== ')') syntax();
      return f;
    }
    return primitive();
  };

  const expr = (): Filter => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t === 'and' || t === '&&' || t === 'or' || t === '||') {
        next();
        const right = unary();
        const l = left;
        left = t === 'and' || t === '&&' ? (v) => l(v) && right(v) : (v) => l(v) || right(v);
      } else if (t !== undefined && t !== ')') {
        // libpcap allows an implicit `and` only after a qualifier list; a second primitive is an error.
        syntax();
      } else return left;
    }
  };

  if (toks.length === 0) return () => true;
  const f = expr();
  if (i < toks.length) syntax();
  return f;
}
