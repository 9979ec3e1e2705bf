// Redirections: `> file`, `>> file`, `2>&1`, `2>/dev/null`, `< file`, here-documents and here-strings.
import type { FileSystem, FsErrno } from '../../contracts.ts';
import { dirname, resolvePath } from '../os/fs/paths.ts';
import type { Redirect } from './ast.ts';
import { expandString, type Expander } from './expand.ts';
import { STRERROR } from './flavours.ts';
import { Input, NULL_SINK, type Io, type Sink } from '../os/io.ts';

/** Output to a file: collected while the command runs, appended to the file when it ends. */
export class FileSink implements Sink {
  private text = '';

  constructor(
    private readonly fs: FileSystem,
    readonly path: string,
  ) {}

  write(text: string): void {
    this.text += text;
  }

  /** Write what was collected; an error (file too large, disk full) comes back as errno. */
  flush(): FsErrno | undefined {
    if (this.text === '') return undefined;
    const text = this.text;
    this.text = '';
    if (this.fs.writeFile) return this.fs.writeFile(this.path, text, { append: true });
    this.fs.write(this.path, (this.fs.read(this.path) ?? '') + text);
    return undefined;
  }
}

export type Redirected = { ok: true; io: Io; files: FileSink[] } | { ok: false; status: number };

/** How a failed redirection is reported: the shell's own words, on the stderr in effect at that moment. */
export type RedirError = (stderr: Sink, file: string, mode: 'create' | 'open', errno: FsErrno | 'EBADF') => number;

/** Apply redirections left to right to a copy of `io`. Files for `>` are created (truncated) now. */
export function applyRedirects(redirects: Redirect[], io: Io, ex: Expander, fail: RedirError): Redirected {
  const cur: Io = { ...io };
  const files: FileSink[] = [];
  for (const r of redirects) {
    if (r.op === '<<' || r.op === '<<-') {
      cur.stdin = new Input(r.heredoc ? expandString(r.heredoc, ex) : '');
      continue;
    }
    const target = expandString(r.target, ex);
    if (r.op === '<<<') {
      cur.stdin = new Input(`${target}\n`);
      continue;
    }
    if (r.op === '>&' || r.op === '<&') {
      if (/^\d+$/.test(target) || target === '-') {
        const sink = target === '-' ? NULL_SINK : target === '1' ? cur.stdout : target === '2' ? cur.stderr : undefined;
        if (r.fd === 0 || r.op === '<&') {
          if (target !== '0' && target !== '-') return { ok: false, status: fail(cur.stderr, target, 'open', 'EBADF') };
          if (target === '-') cur.stdin = new Input('');
          continue;
        }
        if (!sink) return { ok: false, status: fail(cur.stderr, target, 'open', 'EBADF') };
        assign(cur, r.fd, sink);
        continue;
      }
    }
    const path = resolvePath(ex.shell.cwd, target);
    const fs = (): FileSystem => ex.fs;
    if ((r.op === '<' || r.op === '<>') && (path === '/dev/null' || path === '/dev/stdin')) {
      if (path === '/dev/null') cur.stdin = new Input('');
      continue;
    }
    if (r.op === '<' || r.op === '<>') {
      const content = fs().read(path);
      if (content === undefined && !fs().isDir(path)) {
        if (r.op === '<>' && fs().isDir(dirname(path))) fs().writeFile(path, '', { append: true });
        else return { ok: false, status: fail(cur.stderr, target, 'open', parentErrno(fs(), path)) };
      }
      cur.stdin = new Input(content ?? '');
      continue;
    }
    // >, >|, >>, &>, &>>, and >& FILE (bash: the same as &>).
    const append = r.op === '>>' || r.op === '&>>';
    const both = r.op === '&>' || r.op === '&>>' || r.op === '>&';
    let sink: Sink;
    const special = devices(cur)[path];
    if (special) sink = special;
    else {
      if (fs().isDir(path)) return { ok: false, status: fail(cur.stderr, target, 'create', 'EISDIR') };
      if (ex.createsParents) fs().mkdir(dirname(path), { parents: true });
      if (!fs().isDir(dirname(path))) return { ok: false, status: fail(cur.stderr, target, 'create', parentErrno(fs(), path)) };
      const errno = fs().writeFile(path, '', { append });
      if (errno) return { ok: false, status: fail(cur.stderr, target, 'create', errno) };
      const file = new FileSink(fs(), path);
      files.push(file);
      sink = file;
    }
    if (both) {
      cur.stdout = sink;
      cur.stderr = sink;
    } else assign(cur, r.fd, sink);
  }
  cur.tty = io.tty && cur.stdout === io.stdout && cur.stdin === io.stdin;
  return { ok: true, io: cur, files };
}

/** Flush redirected files; a write error is reported like coreutils' `write error`. */
export function flushFiles(files: FileSink[], stderr: Sink, program: string): void {
  for (const f of files) {
    const errno = f.flush();
    if (errno) stderr.write(`${program}: write error: ${STRERROR[errno as FsErrno]}\n`);
  }
}

function assign(io: Io, fd: number, sink: Sink): void {
  if (fd === 1) io.stdout = sink;
  else if (fd === 2) io.stderr = sink;
}

function devices(io: Io): Record<string, Sink> {
  return {
    '/dev/null': NULL_SINK,
    '/dev/stdout': io.stdout,
    '/dev/stderr': io.stderr,
    '/dev/tty': io.stdout,
    '/proc/self/fd/1': io.stdout,
    '/proc/self/fd/2': io.stderr,
  };
}

/** ENOENT, or ENOTDIR when a parent in the path is a file. */
function parentErrno(fs: FileSystem, path: string): FsErrno {
  let p = dirname(path);
  while (p !== '/') {
    if (fs.read(p) !== undefined && !fs.isDir(p)) return 'ENOTDIR';
    p = dirname(p);
  }
  return 'ENOENT';
}
