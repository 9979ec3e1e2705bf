// POSIX path arithmetic for the simulated filesystems: normalize, resolve against a cwd, split.

/** Collapse `//`, `.` and `..` in an absolute path; the result starts with `/` and has no trailing slash (except `/`). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

/** Resolve `path` against the working directory `cwd` (absolute paths ignore it). */
export function resolvePath(cwd: string, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${cwd}/${path}`);
}

/** The segments of a normalized absolute path ("/" has none). */
export function pathSegments(path: string): string[] {
  return normalizePath(path)
    .split('/')
    .filter((s) => s !== '');
}

/** The directory part, as `dirname` prints it: "/a/b" -> "/a", "b" -> ".", "/" -> "/". */
export function dirname(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '.';
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : p.slice(0, i).replace(/\/+$/, '') || '/';
}

/** The last segment, as `basename` prints it: "/a/b/" -> "b", "/" -> "/". */
export function basename(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path.startsWith('/') ? '/' : '';
  return p.slice(p.lastIndexOf('/') + 1);
}
