// Reading submissions from disk: one folder per student; files are size-checked before they are read, never followed out.
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import {
  byCodePoint,
  type Lesson,
  LESSON_LIMITS,
  MANIFEST_MAX_BYTES,
  PodlabError,
  type Submission,
  type SubmittedFile,
} from '../../core/index.ts';

/** Size limits of what is read from a submission. */
export const SUBMISSION_LIMITS = {
  /** A file an exercise file cell names (a manifest): the simulator's manifest limit (4 MiB). */
  maxFileBytes: MANIFEST_MAX_BYTES,
  /** A lesson Markdown file: the lesson parser's own limit; a larger `*.md` is set aside unread. */
  maxMarkdownBytes: LESSON_LIMITS.maxBytes,
  /** `*.md` entries examined per submission (by name); the rest are noted unread. Bounds the work a folder can cause. */
  maxMarkdownFiles: 16,
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

/** Why an entry cannot be a candidate, or undefined when it is a regular file inside the folder. */
async function setAside(full: string, rel: string, realDir: string): Promise<{ note: string } | { size: number } | undefined> {
  let info;
  try {
    info = await lstat(full);
  } catch {
    return undefined;
  }
  // lstat, never stat: a link is judged as a link and never opened, wherever it points.
  if (info.isSymbolicLink()) return { note: `${rel}: a symbolic link; ignored` };
  if (info.isDirectory()) return { note: `${rel}: a folder, not a file; ignored` };
  if (!info.isFile()) return { note: `${rel}: not a regular file; ignored` };
  const real = await realpath(full);
  if (!real.startsWith(realDir + path.sep)) return { note: `${rel}: outside the submission folder; ignored` };
  return { size: info.size };
}

/** Read one candidate file: a regular file inside the folder, under its size limit, valid UTF-8. */
async function readCandidate(dir: string, realDir: string, rel: string, limit: number, oversized: 'refuse' | 'note'): Promise<Read> {
  const full = path.join(dir, ...rel.split('/'));
  const aside = await setAside(full, rel, realDir);
  if (!aside || 'note' in aside) return aside;
  if (aside.size > limit) {
    const why = `${rel} is ${aside.size} bytes, over the ${limit}-byte limit; it was not read`;
    return oversized === 'refuse' ? { refuse: why } : { note: `${why}; ignored` };
  }
  let bytes;
  try {
    bytes = await readBounded(full, limit);
  } catch {
    return { note: `${rel}: not readable; ignored` };
  }
  if (!bytes)
    return oversized === 'refuse'
      ? { refuse: `${rel} grew past the ${limit}-byte limit while being read` }
      : { note: `${rel}: grew past the ${limit}-byte limit while being read; ignored` };
  const content = asText(bytes);
  if (content === undefined) return { note: `${rel}: not UTF-8 text (binary?); ignored` };
  return { file: { path: rel, content } };
}

/**
 * Which of the readable Markdown files is graded: the one named like the exercise file (case-insensitive),
 * else the only one; several others are an error that lists them. Never a silent pick by sort order.
 */
export function chooseMarkdown(names: string[], exerciseFile: string | undefined): { chosen?: string; error?: string } {
  if (names.length === 0) return {};
  const own = exerciseFile ? exerciseFile.split(/[\\/]/).pop()!.toLowerCase() : undefined;
  const named = names.find((n) => n.toLowerCase() === own);
  if (named) return { chosen: named };
  if (names.length === 1) return { chosen: names[0] };
  const list = names.join(', ');
  return {
    error: `${names.length} Markdown files and none is named ${own ?? 'like the exercise'}: ${list}; keep one, or name the answer ${own ?? 'like the exercise'}`,
  };
}

/**
 * Read what grading needs from one student's folder: the one Markdown file to grade and the paths the
 * exercise's file cells name. `*.md` entries that are links, folders, unreadable, binary or oversized are
 * set aside first, each with a note that says why; then `chooseMarkdown` picks among the rest. Other entries
 * are listed in the notes, unread. Never throws for bad contents.
 */
export async function readSubmission(folder: StudentFolder, lesson: Pick<Lesson, 'cells'> & { file?: string }): Promise<Submission> {
  const out: Submission = { student: folder.student, files: [], notes: [] };
  const realDir = await realpath(folder.dir);
  const entries = (await readdir(folder.dir, { withFileTypes: true })).map((e) => e.name).sort(byCodePoint);
  const wanted = [...new Set(lesson.cells.filter((c) => c.exercise && c.kind === 'file').map((c) => (c.kind === 'file' ? c.path : '')))];
  const markdowns = entries.filter((n) => /\.md$/i.test(n));
  const examined = markdowns.slice(0, SUBMISSION_LIMITS.maxMarkdownFiles);
  const readable: SubmittedFile[] = [];
  for (const rel of examined) {
    const r = await readCandidate(folder.dir, realDir, rel, SUBMISSION_LIMITS.maxMarkdownBytes, 'note');
    if (r && 'file' in r) readable.push(r.file);
    else if (r && 'note' in r) out.notes.push(r.note);
  }
  const pick = chooseMarkdown(
    readable.map((f) => f.path),
    lesson.file,
  );
  if (pick.error) out.refused = pick.error;
  const chosen = readable.find((f) => f.path === pick.chosen);
  if (chosen) out.files.push(chosen);
  for (const f of readable)
    if (f !== chosen && !pick.error) out.notes.push(`${f.path}: ignored; ${chosen!.path} is the Markdown file graded`);
  for (const name of markdowns.slice(SUBMISSION_LIMITS.maxMarkdownFiles)) {
    out.notes.push(`${name}: ignored unread; only the first ${SUBMISSION_LIMITS.maxMarkdownFiles} Markdown files are examined`);
  }
  for (const rel of wanted.filter((w) => !markdowns.includes(w))) {
    if (out.refused) break;
    const r = await readCandidate(folder.dir, realDir, rel, SUBMISSION_LIMITS.maxFileBytes, 'refuse');
    if (!r) continue;
    if ('file' in r) out.files.push(r.file);
    else if ('note' in r) out.notes.push(r.note);
    else out.refused = r.refuse;
  }
  const top = new Set([...markdowns, ...wanted].map((c) => c.split('/')[0]));
  for (const name of entries) {
    if (top.has(name)) continue;
    out.notes.push(`${name}: ignored; the exercise does not ask for it`);
  }
  return out;
}
