// What run and file cells share: the frame, the bar above the code, and the status words.
import { css } from 'lit';
import { t } from '../i18n/strings.ts';
import type { CellRun } from '../state/cell-run.ts';
import { inDoubt } from './run-context.ts';

export const cellStyles = css`
  :host { display: block; margin: 14px 0; border-radius: 8px; outline: none; }
  :host(:focus-visible) { box-shadow: 0 0 0 3px #0969da; }
  .cell { border: 1px solid var(--podlab-border, #d0d7de); border-radius: 8px; overflow: hidden; background: var(--podlab-bg, #fff); }
  :host([data-status='complete']) .cell { border-color: #2da44e99; }
  :host([data-status='error']) .cell, :host([data-verdict='fail']) .cell { border-color: #cf222e99; }
  .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; padding: 5px 8px 5px 12px; background: var(--podlab-bar, #f6f8fa); border-bottom: 1px solid var(--podlab-border, #d0d7de); font-size: 13px; }
  .where { font-family: var(--podlab-mono); color: var(--podlab-muted, #57606a); }
  .status { margin-left: auto; color: var(--podlab-muted, #57606a); }
  :host([data-status='complete']) .status { color: var(--podlab-success, #1a7f37); }
  :host([data-status='error']) .status, :host([data-verdict='fail']) .status { color: var(--podlab-danger, #cf222e); font-weight: 600; }
  :host([data-verdict='doubt']) .cell { border-color: #d4a72c; }
  :host([data-verdict='doubt']) .status { color: var(--podlab-attention-fg, #7d4e00); font-weight: 600; }
  ::slotted(pre) { margin: 0 !important; border-radius: 0 !important; border: 0 !important; }
  podlab-check-list { padding: 0 8px 8px; }
`;

/** One line for the bar: not run, queued, running, done with exit code, failed. */
export function statusText(lang: string, run: CellRun | undefined): string {
  if (!run || run.status === 'initial') return t(lang, 'notRun');
  if (run.status === 'pending') return t(lang, run.running ? 'running' : 'queued');
  const o = run.outcome;
  if (run.status === 'error' || !o) return t(lang, 'failed');
  const parts = [o.kind === 'file' ? t(lang, 'fileWritten') : t(lang, 'exit', { code: o.exitCode })];
  if (o.timedOut) parts.push(t(lang, 'timedOut'));
  if (o.truncated) parts.push(t(lang, 'truncated'));
  const checks = o.checks.filter((c) => !c.hidden);
  const failed = checks.filter((c) => !c.passed).length;
  if (checks.length > 0)
    parts.push(failed > 0 ? `${inDoubt(run) ? '?' : '✗'} ${failed}/${checks.length}` : `✓ ${checks.length}/${checks.length}`);
  return parts.join(' · ');
}

/**
 * Mark the host with how its visible checks went ("pass" / "fail"), or nothing before it ran or without checks;
 * "doubt" when checks failed on a cluster earlier runs had changed (never red merely for running twice).
 */
export function setVerdict(host: HTMLElement, run: CellRun | undefined): void {
  const checks = run?.status === 'complete' ? (run.outcome?.checks ?? []).filter((c) => !c.hidden) : [];
  if (checks.length === 0) delete host.dataset.verdict;
  else host.dataset.verdict = checks.every((c) => c.passed) ? 'pass' : inDoubt(run) ? 'doubt' : 'fail';
}
