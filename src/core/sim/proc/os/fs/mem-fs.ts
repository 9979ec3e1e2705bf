// An in-memory file tree for one host: files, directories, permission bits, size limits, generated files.
import { PodlabError } from '../../../../errors.ts';
import type { FileStat, FileSystem, FsErrno } from '../../../contracts.ts';
import { basename, dirname, pathSegments } from './paths.ts';
import { utf8Length } from './utf8.ts';

/** Size limits of one host's filesystem. */
export interface FsLimits {
  /** Largest file, in UTF-8 bytes (EFBIG beyond). */
  maxFileBytes: number;
  /** All stored files of the host together (ENOSPC beyond). Generated files do not count. */
  maxTotalBytes: number;
}

/** 4 MiB per file, 64 MiB per host: plenty for manifests and logs, small enough for a browser tab. */
export const DEFAULT_FS_LIMITS: FsLimits = { maxFileBytes: 4 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };

interface FileNode {
  kind: 'file';
  content: string;
  size: number;
  mtimeMs: number;
  mode: number;
  /** Set for files computed from the model on every read (/etc/hosts); cleared when written over. */
  generate?: () => string;
}
interface DirNode {
  kind: 'dir';
  children: Map<string, FsNode>;
  mtimeMs: number;
  mode: number;
}
type FsNode = FileNode | DirNode;

const DIR_SIZE = 4096;

/** One host's files. Implements the FileSystem contract, including its optional members. */
export class MemFileSystem implements FileSystem {
  private readonly root: DirNode;
  private used = 0;

  constructor(
    private readonly now: () => number,
    private readonly limits: FsLimits = DEFAULT_FS_LIMITS,
  ) {
    this.root = { kind: 'dir', children: new Map(), mtimeMs: now(), mode: 0o755 };
  }

  read(path: string): string | undefined {
    const n = this.find(path);
    if (typeof n === 'string' || n.kind !== 'file') return undefined;
    return n.generate ? n.generate() : n.content;
  }

  write(path: string, content: string): void {
    const parentErr = this.mkdir(dirname(path), { parents: true });
    const err = parentErr ?? this.writeFile(path, content);
    if (!err) return;
    const bytes = utf8Length(content);
    if (err === 'EFBIG')
      throw new PodlabError('input-limit', `${path}: ${bytes} bytes is over the ${mib(this.limits.maxFileBytes)} limit per file`, {
        cause: err,
      });
    if (err === 'ENOSPC')
      throw new PodlabError('input-limit', `${path}: the host's files would pass the ${mib(this.limits.maxTotalBytes)} limit`, {
        cause: err,
      });
    throw new PodlabError('backend-error', `cannot write ${path}: ${err}`, { cause: err });
  }

  writeFile(path: string, content: string, options: { append?: boolean } = {}): FsErrno | undefined {
    const at = this.parentOf(path);
    if (typeof at === 'string') return at;
    const existing = at.dir.children.get(at.name);
    if (existing?.kind === 'dir' || at.name === '') return 'EISDIR';
    const old = existing ? (existing.generate ? existing.generate() : existing.content) : '';
    const next = options.append ? old + content : content;
    const size = utf8Length(next);
    if (size > this.limits.maxFileBytes) return 'EFBIG';
    const oldStored = existing && !existing.generate ? existing.size : 0;
    if (this.used - oldStored + size > this.limits.maxTotalBytes) return 'ENOSPC';
    this.used += size - oldStored;
    const mtimeMs = this.now();
    if (existing) Object.assign(existing, { content: next, size, mtimeMs, generate: undefined });
    else at.dir.children.set(at.name, { kind: 'file', content: next, size, mtimeMs, mode: 0o644 });
    at.dir.mtimeMs = mtimeMs;
    return undefined;
  }

  /** Put a file whose content is computed from the model on every read, until something writes over it. */
  generate(path: string, fn: () => string, mode = 0o644): void {
    this.mkdir(dirname(path), { parents: true });
    const at = this.parentOf(path);
    if (typeof at === 'string') return;
    at.dir.children.set(at.name, { kind: 'file', content: '', size: 0, mtimeMs: this.now(), mode, generate: fn });
  }

  list(dir: string): string[] | undefined {
    const n = this.find(dir);
    if (typeof n === 'string' || n.kind !== 'dir') return undefined;
    return [...n.children.keys()].sort(compareNames);
  }

  isDir(path: string): boolean {
    const n = this.find(path);
    return typeof n !== 'string' && n.kind === 'dir';
  }

  remove(path: string): boolean {
    const at = this.parentOf(path);
    if (typeof at === 'string' || !at.dir.children.has(at.name)) return false;
    this.used -= storedBytes(at.dir.children.get(at.name) as FsNode);
    at.dir.children.delete(at.name);
    at.dir.mtimeMs = this.now();
    return true;
  }

  stat(path: string): FileStat | undefined {
    const n = this.find(path);
    if (typeof n === 'string') return undefined;
    if (n.kind === 'dir') return { kind: 'dir', size: DIR_SIZE, mtimeMs: n.mtimeMs, mode: n.mode };
    const size = n.generate ? utf8Length(n.generate()) : n.size;
    return { kind: 'file', size, mtimeMs: n.mtimeMs, mode: n.mode };
  }

  mkdir(path: string, options: { parents?: boolean } = {}): FsErrno | undefined {
    let dir = this.root;
    const segs = pathSegments(path);
    for (let i = 0; i < segs.length; i++) {
      const child = dir.children.get(segs[i]);
      const last = i === segs.length - 1;
      if (child?.kind === 'dir') {
        if (last && !options.parents) return 'EEXIST';
        dir = child;
        continue;
      }
      if (child) return last ? 'EEXIST' : 'ENOTDIR';
      if (!last && !options.parents) return 'ENOENT';
      const made: DirNode = { kind: 'dir', children: new Map(), mtimeMs: this.now(), mode: 0o755 };
      dir.children.set(segs[i], made);
      dir.mtimeMs = made.mtimeMs;
      dir = made;
    }
    return undefined;
  }

  chmod(path: string, mode: number): FsErrno | undefined {
    const n = this.find(path);
    if (typeof n === 'string') return n;
    n.mode = mode & 0o7777;
    return undefined;
  }

  /** The node at a path, or why there is none (ENOENT, or ENOTDIR when a middle segment is a file). */
  private find(path: string): FsNode | FsErrno {
    let n: FsNode = this.root;
    for (const seg of pathSegments(path)) {
      if (n.kind !== 'dir') return 'ENOTDIR';
      const next: FsNode | undefined = n.children.get(seg);
      if (!next) return 'ENOENT';
      n = next;
    }
    // "file/" names a directory that is not there.
    if (n.kind === 'file' && /\/\.?$/.test(path)) return 'ENOTDIR';
    return n;
  }

  private parentOf(path: string): { dir: DirNode; name: string } | FsErrno {
    const parent = this.find(dirname(normalizeForParent(path)));
    if (typeof parent === 'string') return parent;
    if (parent.kind !== 'dir') return 'ENOTDIR';
    return { dir: parent, name: basename(normalizeForParent(path)) };
  }
}

/** "/a/b/../c" -> "/a/c"; keeps the path absolute so dirname/basename split it cleanly. */
function normalizeForParent(path: string): string {
  return '/' + pathSegments(path).join('/');
}

function storedBytes(n: FsNode): number {
  if (n.kind === 'file') return n.generate ? 0 : n.size;
  let total = 0;
  for (const c of n.children.values()) total += storedBytes(c);
  return total;
}

/** ls's C-locale order: byte order of the names. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mib(bytes: number): string {
  return `${bytes / (1024 * 1024)} MiB`;
}
