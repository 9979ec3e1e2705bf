// Reading lessons from disk: one file, or every lesson under a folder. The only place lesson files are read.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Lesson, parseLesson, PodlabError } from '../core/index.ts';

/** Lessons larger than this are refused before parsing. */
export const MAX_LESSON_BYTES = 2 * 1024 * 1024;

/** Read and parse one lesson file; the lesson's `file` is the path as given (relative paths stay relative). */
export async function loadLesson(file: string): Promise<Lesson> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new PodlabError('usage', `no such lesson file: ${file}`);
  }
  if (info.isDirectory()) throw new PodlabError('usage', `${file} is a folder; give a lesson file (or use a command that takes folders)`);
  if (info.size > MAX_LESSON_BYTES)
    throw new PodlabError('input-limit', `${file}: ${info.size} bytes is over the ${MAX_LESSON_BYTES}-byte lesson limit`);
  const source = await readFile(file, 'utf8');
  return parseLesson(source, toPosix(file));
}

/** Every `*.md` under the paths (files are taken as they are), sorted, skipping README.md and node_modules. */
export async function findLessonFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new PodlabError('usage', `no such file or folder: ${p}`);
    }
    if (info.isFile()) out.push(p);
    else await walk(p, out);
  }
  return out.sort();
}

async function walk(dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, out);
    else if (entry.isFile() && entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') out.push(full);
  }
}

/** The path lessons carry (in reports, errors, built sites): relative to the working directory when inside it. */
function toPosix(p: string): string {
  const rel = path.relative(process.cwd(), p);
  const shown = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
  return shown.split(path.sep).join('/');
}
