// Lint rules about checks: output claims that break when a cell is run again, and named values used before they exist.
import type { Diagnostic } from '../errors.ts';
import type { Lesson } from './model.ts';
import { shellWords } from '../shell-words.ts';

/** Does the cell run `kubectl apply` (or `kubectl create … -f` is not: that one fails on a re-run anyway)? */
function runsApply(lines: string[]): boolean {
  return lines.some((l) => shellWords(l).commands.some((w) => w[0] === 'kubectl' && w.includes('apply')));
}

/**
 * `output contains "service/web created"` after `kubectl apply` fails when the cell is run again (kubectl then
 * says `configured` or `unchanged`): suggest `applied service/web` or an object check.
 */
export function rerunUnsafe(lesson: Lesson): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const cell of lesson.cells) {
    if (cell.kind !== 'run' || !runsApply(cell.lines)) continue;
    for (const e of cell.expectations) {
      if (e.kind !== 'output' || (e.matcher !== 'contains' && e.matcher !== 'regex')) continue;
      const m = /([a-z][a-z0-9.]*\/[a-z0-9][a-z0-9.-]*) created/.exec(e.value);
      if (!m) continue;
      const ref = m[1].replace(/\.[a-z0-9.]+\//, '/');
      out.push({
        severity: 'warning',
        code: 'lint-rerun-unsafe',
        message: `'${e.text}' fails when the cell is run again (kubectl apply then says configured or unchanged); write 'applied ${ref}' or 'object ${ref} exists'`,
        pos: e.pos,
      });
    }
  }
  return out;
}

/** `$NAME` in a cell's lines where NAME is captured only by this cell or a later one. */
export function valueBeforeCapture(lesson: Lesson): Diagnostic[] {
  const firstCapture = new Map<string, number>();
  lesson.cells.forEach((c, i) => c.captures?.forEach((k) => firstCapture.has(k.name) || firstCapture.set(k.name, i)));
  const out: Diagnostic[] = [];
  lesson.cells.forEach((c, i) => {
    if (c.kind !== 'run') return;
    const used = new Set(c.lines.flatMap((l) => [...l.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)].map((m) => m[1])));
    for (const name of used) {
      const at = firstCapture.get(name);
      if (at !== undefined && at >= i) {
        out.push({
          severity: 'warning',
          code: 'lint-value-order',
          message: `cell '${c.id}' uses $${name} before it is captured (in cell '${lesson.cells[at].id}')`,
          pos: c.pos,
        });
      }
    }
  });
  return out;
}
