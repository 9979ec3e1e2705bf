// Reading submissions from disk: one folder per student; files are size-checked before they are read, never followed out.
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { byCodePoint, type Lesson, LESSON_LIMITS, MANIFEST_MAX_BYTES, PodlabError, type Submission, type SubmittedFile } from '../../core/index.ts';

/** Size limits of what is read from a submission. */
export const SUBMISSION_LIMITS = {
  /** A file an exercise file cell names (a manifest): the simulator's manifest limit (4 MiB). */
  maxFileBytes: MANIFEST_MAX_BYTES,
  /** A lesson Markdown file: the lesson parser's own limit. */
  maxMarkdownBytes: LESSON_LIMITS.maxBytes,
  /** Markdown files read per submission (the first by name is graded; the rest are only noted). */
  maxMarkdownFiles: 1,
} as const;

/** One student folder found under the submissions folder. */
export interface StudentFolder {
  student: string;
  dir: string;
}

/** Every folder under `root` is a student (hidden ones skipped), sorted by name; files beside them are reported. */
export async function listStudents(root: string): Promise<{ students: StudentFolder[]; skipped: string[] }> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    throw new PodlabError('usage', `no such submissions folder: ${root}`);
  }
  const students: StudentFolder[] = [];
  const skipped: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) students.push({ student: e.name, dir: path.join(root, e.name) });
    else skipped.push(e.name);
  }
  students.sort((a, b) => byCodePoint(a.student, b.student));
  return { students, skipped: skipped.sort(byCodePoint) };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Read at most `limit` bytes; the caller already checked the size, this guards a file that grows meanwhile. */
async function readBounded(file: string, limit: number): Promise<Uint8Array | undefined> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(limit + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, got, buffer.length - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > limit) return undefined;
    }
    return buffer.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/** Text of a file, or why it is not usable text. */
function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return decoder.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

type Read = { file: SubmittedFile } | { note: string } | { refuse: string } | undefined;

/** Read one candidate file: a regular file inside the folder, under its size limit, valid UTF-8. */
async function readCandidate(dir: string, realDir: string, rel: string, limit: number): Promise<Read> {
  const full = path.join(dir, ...rel.split('/'));
  let info;
  try {
    info = await lstat(full);
  } catch {
    return undefined;
  }
  if (info.isSymbolicLink()) return { note: `${rel}: a symbolic link; ignored` };
  if (!info.isFile()) return { note: `${rel}: not a regular file; ignored` };
  const real = await realpath(full);
  if (!real.startsWith(realDir + path.sep)) return { note: `${rel}: outside the submission folder; ignored` };
  if (info.size > limit) return { refuse: `${rel} is ${info.size} bytes, over the ${limit}-byte limit; it was not read` };
  const bytes = await readBounded(full, limit);
  if (!bytes) return { refuse: `${rel} grew past the ${limit}-byte limit while being read` };
  const content = asText(bytes);
  if (content === undefined) return { note: `${rel}: not UTF-8 text (binary?); ignored` };
  return { file: { path: rel, content } };
}

/**
 * Read what grading needs from one student's folder: Markdown files at its top level and the paths the
 * exercise's file cells name. Other entries are listed in the notes, unread. Never throws for bad contents.
 */
export async function readSubmission(folder: StudentFolder, lesson: Pick<Lesson, 'cells'>): Promise<Submission> {
  const out: Submission = { student: folder.student, files: [], notes: [] };
  const realDir = await realpath(folder.dir);
  const entries = (await readdir(folder.dir, { withFileTypes: true })).map((e) => e.name).sort(byCodePoint);
  const wanted = [...new Set(lesson.cells.filter((c) => c.exercise && c.kind === 'file').map((c) => (c.kind === 'file' ? c.path : '')))];
  const markdowns = entries.filter((n) => /\.md$/i.test(n));
  const candidates = [...markdowns.slice(0, SUBMISSION_LIMITS.maxMarkdownFiles), ...wanted.filter((w) => !markdowns.includes(w))];
  for (const rel of candidates) {
    const r = await readCandidate(folder.dir, realDir, rel, /\.md$/i.test(rel) ? SUBMISSION_LIMITS.maxMarkdownBytes : SUBMISSION_LIMITS.maxFileBytes);
    if (!r) continue;
    if ('file' in r) out.files.push(r.file);
    else if ('note' in r) out.notes.push(r.note);
    else {
      out.refused = r.refuse;
      break;
    }
  }
  const top = new Set(candidates.map((c) => c.split('/')[0]));
  for (const name of entries) {
    if (top.has(name) && !markdowns.slice(SUBMISSION_LIMITS.maxMarkdownFiles).includes(name)) continue;
    out.notes.push(markdowns.includes(name) ? `${name}: ignored; only the first Markdown file is graded` : `${name}: ignored; the exercise does not ask for it`);
  }
  return out;
}
