// Lint rules about cells: file cells nothing uses, and network probes without an expect block.
import type { Diagnostic } from '../errors.ts';
import type { FileCell, Lesson, RunCell } from './model.ts';
import { shellWords } from '../shell-words.ts';

/** Commands whose output a lesson usually makes a claim about. */
export const NETWORK_TOOLS = ['curl', 'ping', 'wget', 'nc', 'nslookup'];

/** Is the file cell's path (or a directory holding it, or `.` for top-level files) a word or part of a word in `line`? */
function mentions(line: string, path: string): boolean {
  if (line.includes(path)) return true;
  const words = shellWords(line)
    .commands.flat()
    .map((w) => w.replace(/^\.\//, '').replace(/\/$/, ''));
  const parts = path.split('/');
  const dirs = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
  if (parts.length === 1) dirs.push('.', '');
  return words.some((w) => dirs.includes(w));
}

/** A file cell should be used by some run cell line (e.g. `kubectl apply -f PATH`). */
export function unusedFiles(lesson: Lesson): Diagnostic[] {
  const runLines = lesson.cells.filter((c): c is RunCell => c.kind === 'run').flatMap((c) => c.lines);
  return lesson.cells
    .filter((c): c is FileCell => c.kind === 'file')
    .filter((f) => !runLines.some((line) => mentions(line, f.path)))
    .map((f) => ({
      severity: 'warning' as const,
      code: 'lint-unused-file',
      message: `file '${f.path}' is never used by a run cell`,
      pos: f.pos,
    }));
}

/** A run cell that runs curl, ping, wget, nc or nslookup should say what it expects. */
export function missingExpect(lesson: Lesson): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const c of lesson.cells) {
    if (c.kind !== 'run' || c.expectations.length > 0) continue;
    const tool = c.lines
      .flatMap((l) => shellWords(l).commands.flat())
      .map((w) => w.split('/').pop() ?? w)
      .find((w) => NETWORK_TOOLS.includes(w));
    if (tool)
      out.push({
        severity: 'warning',
        code: 'lint-missing-expect',
        message: `cell '${c.id}' runs ${tool} but has no expect block`,
        pos: c.pos,
      });
  }
  return out;
}
