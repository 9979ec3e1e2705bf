// Pathname expansion: `*.yaml`, `/etc/*.conf`, `dir/?`; matches sorted, dotfiles only for patterns starting with `.`.
import type { FileSystem } from '../../contracts.ts';
import { resolvePath } from '../os/fs/paths.ts';
import { compileGlob, globMatches } from './glob-match.ts';
import { hasGlob } from './pattern.ts';

/** The paths a pattern matches, sorted; [] when nothing matches (the shell then keeps the word as it is). */
export function expandGlob(fs: FileSystem, cwd: string, pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths: string[] = [absolute ? '/' : ''];
  for (const seg of segs) {
    if (seg === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      const dir = resolvePath(cwd, base === '' ? '.' : base);
      const join = (name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (!hasGlob(seg)) {
        const name = seg.replace(/\\(.)/g, '$1');
        if (exists(fs, resolvePath(dir, name))) next.push(join(name));
        continue;
      }
      const g = compileGlob(seg, { pathname: true });
      for (const name of fs.list(dir) ?? []) {
        if (name.startsWith('.') && !seg.startsWith('.')) continue;
        if (globMatches(g, name)) next.push(join(name));
      }
    }
    paths = next;
    if (paths.length === 0) return [];
  }
  if (pattern.endsWith('/')) paths = paths.filter((p) => fs.isDir(resolvePath(cwd, p))).map((p) => p + '/');
  return paths.sort();
}

function exists(fs: FileSystem, path: string): boolean {
  return fs.isDir(path) || fs.read(path) !== undefined;
}
