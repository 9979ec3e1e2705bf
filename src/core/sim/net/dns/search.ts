// Search-list expansion: which fully qualified names a stub resolver queries, in order, for the name typed.
//
// glibc (res_nsearch): a name ending in "." is queried as is, only. With at least `ndots` dots it is tried as is
// first, then with each search domain; with fewer, each search domain first, then as is.
// musl (name_from_dns_search): the same, except that a name with at least `ndots` dots is only tried as is.
// With ndots:5 (every pod), "web", "web.prod" and even "web.prod.svc.cluster.local" (4 dots) go through the search
// list first: web.prod.svc.cluster.local.default.svc.cluster.local is asked before the name itself.

export type Libc = 'glibc' | 'musl';

/** The names to query, in order, without trailing dots. */
export function searchCandidates(name: string, search: string[], ndots: number, libc: Libc = 'glibc', noSearch = false): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  if (noSearch || search.length === 0) return [name];
  const dots = (name.match(/\./g) ?? []).length;
  const expanded = search.map((d) => `${name}.${d}`);
  if (dots >= ndots) return libc === 'musl' ? [name] : [name, ...expanded];
  return [...expanded, name];
}
