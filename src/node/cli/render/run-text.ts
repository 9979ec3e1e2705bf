// Renders a RunReport for people: headings, cells with their transcripts, verdicts, the matrix, a closing line.
import {
  baseLang,
  checkSentence,
  matrixSquares,
  outcomeWord,
  ruleText,
  translateReason,
  type CellOutcome,
  type CheckResult,
  type Expectation,
  type Lesson,
  type ProbeOutcome,
  type ReachMatrix,
  type RunReport,
} from '../../../core/index.ts';
import { paint, type CliIO } from '../context.ts';

/** Matrix cell texts: short words that fit a grid. */
const OUTCOME_WORD: Record<string, string> = {
  ok: 'ok',
  refused: 'refused',
  timeout: 'timeout',
  'no-route': 'no-route',
  nxdomain: 'nxdomain',
  'no-endpoints': 'no-endpts',
  'no-source': 'no-src',
  'source-not-running': 'not-run',
  error: 'error',
};

/** The words around a check, per language: English keeps the rule as written (authors read it); Chinese gets sentences. */
const WORDS = {
  en: { expected: 'expected {e}, observed {o}: {r}', at: 'at {p}', hidden: ' [hidden]' },
  zh: { expected: '期望 {e}，实际 {o}：{r}', at: '位于 {p}', hidden: '（隐藏）' },
};

/**
 * One check; a failed one's reason in the lesson's language `lang` (see src/core/i18n; English when unknown). For a
 * Chinese lesson the check reads as the page shows it, a sentence (from `exp`, the expectation, when at hand), and
 * outcomes are words of that language.
 */
export function renderCheck(io: CliIO, c: CheckResult, lang = 'en', exp?: Expectation): string {
  const zh = baseLang(lang) === 'zh';
  const w = zh ? WORDS.zh : WORDS.en;
  const text = zh ? (exp ? checkSentence(lang, exp) : ruleText(c.text)) : c.text;
  if (c.skipped) return paint(io, 'dim', `  ○ ${text} (${zh ? translateReason(lang, c.reason) : c.reason})`) + '\n';
  const mark = c.passed ? paint(io, 'green', '✓') : paint(io, 'red', '✗');
  let s = `  ${mark} ${text}${c.hidden ? w.hidden : ''}\n`;
  if (!c.passed) {
    const reason = translateReason(lang, c.reason, c.reasonCodes);
    const word = (o: string) => (zh ? outcomeWord(lang, o) : o);
    const why =
      c.kind === 'reach' ? w.expected.replace('{e}', word(c.expected)).replace('{o}', word(c.observed)).replace('{r}', reason) : reason;
    s += `      ${paint(io, 'red', why)}\n`;
    for (const h of c.hops) s += paint(io, 'dim', `      · ${h.at}: ${h.action}`) + '\n';
    s += paint(io, 'dim', `      ${w.at.replace('{p}', `${c.pos.file}:${c.pos.line}`)}`) + '\n';
  }
  return s;
}

function cellHeader(io: CliIO, lesson: Lesson, o: CellOutcome): string {
  const cell = lesson.cells.find((c) => c.id === o.cellId);
  if (!cell) return '';
  if (cell.kind === 'file') {
    const n = cell.content.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').length;
    return paint(io, 'cyan', `▶ file ${cell.path} (${n} line${n === 1 ? '' : 's'})`) + '\n';
  }
  const where =
    cell.target.kind === 'workstation'
      ? lesson.cluster.workstation.node
      : cell.target.kind === 'node'
        ? cell.target.node
        : `pod ${cell.target.namespace ? `${cell.target.namespace}/` : ''}${cell.target.pod}`;
  return paint(io, 'cyan', `▶ run on ${where}`) + paint(io, 'dim', ` [${o.cellId}]`) + '\n';
}

function renderCell(io: CliIO, lesson: Lesson, o: CellOutcome): string {
  let s = cellHeader(io, lesson, o);
  if (o.kind === 'run') {
    s += o.output.endsWith('\n') || o.output === '' ? o.output : `${o.output}\n`;
  }
  if (o.timedOut) s += paint(io, 'yellow', `  ⏱ stopped: the cell ran past its time budget (${Math.round(o.durationMs / 1000)}s)`) + '\n';
  if (o.truncated) s += paint(io, 'yellow', '  ✂ output cut: the cell printed more than its output limit') + '\n';
  if (o.error) s += paint(io, 'red', `  ! ${o.error}`) + '\n';
  const expectations = lesson.cells.find((c) => c.id === o.cellId)?.expectations ?? [];
  for (const c of o.checks)
    s += renderCheck(
      io,
      c,
      lesson.lang,
      expectations.find((e) => e.text === c.text),
    );
  return s + '\n';
}

/** A text grid: rows are sources, columns targets; `*` marks a square that disagrees with the lesson. */
export function renderMatrix(io: CliIO, m: ReachMatrix): string {
  if (m.targets.length === 0) return '';
  const heads = m.targets.map((t) => (t.protocol === 'icmp' ? `${t.name} icmp` : `${t.name}:${t.port}`));
  const square = (
    observed: ProbeOutcome | undefined,
    agrees: boolean | undefined,
  ): { text: string; style: 'dim' | 'red' | 'green' | 'yellow' } => {
    if (observed === undefined) return { text: '-', style: 'dim' };
    const word = (OUTCOME_WORD[observed] ?? observed) + (agrees === false ? '*' : '');
    return { text: word, style: agrees === false ? 'red' : observed === 'ok' ? 'green' : 'yellow' };
  };
  let rows: { text: string; style: 'dim' | 'red' | 'green' | 'yellow' }[][];
  const squares = matrixSquares(m);
  if (squares) {
    // Read without making the cells. The first row of a source name stands for every row of that name, as the first
    // cell of each (from, to, protocol, port) does below.
    const first = new Map<string, number>();
    m.sources.forEach((src, i) => first.set(src, first.get(src) ?? i));
    rows = m.sources.map((src) => {
      const i = first.get(src) as number;
      return m.targets.map((_t, j) => square(squares.observed(i, j), squares.agrees(i, j)));
    });
  } else {
    // One lookup per square (a full matrix has millions): the first cell of each (from, to, protocol, port) wins.
    const key = (from: string, to: string, protocol: string, port: number | undefined) => `${from}\n${to}\n${protocol}\n${port ?? ''}`;
    const byKey = new Map<string, ReachMatrix['cells'][number]>();
    for (const x of m.cells) {
      const k = key(x.from, x.to, x.protocol, x.port);
      if (!byKey.has(k)) byKey.set(k, x);
    }
    rows = m.sources.map((src) =>
      m.targets.map((t) => {
        const c = byKey.get(key(src, t.name, t.protocol, t.port));
        return square(c?.observed, c?.agrees);
      }),
    );
  }
  const w0 = Math.max(4, ...m.sources.map((s) => s.length));
  const widths = heads.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].text.length)));
  let s = paint(io, 'bold', 'Reachability (rows reach columns; * differs from the lesson)') + '\n';
  s += `${''.padEnd(w0)}  ${heads.map((h, i) => h.padEnd(widths[i])).join('  ')}`.trimEnd() + '\n';
  m.sources.forEach((src, r) => {
    const cells = rows[r].map((c, i) => paint(io, c.style, c.text.padEnd(widths[i])));
    s += `${src.padEnd(w0)}  ${cells.join('  ')}`.trimEnd() + '\n';
  });
  return s + '\n';
}

/** The whole human-readable report. The last line is exactly `N passed, N failed` (`, N skipped` when some were). */
export function renderRunText(io: CliIO, lesson: Lesson, report: RunReport): string {
  let s = paint(io, 'dim', `podlab run ${lesson.file} · ${report.backend} · seed ${report.seed}`) + '\n\n';
  if (!lesson.sections.some((sec) => sec.level === 1)) s += paint(io, 'bold', `# ${lesson.title}`) + '\n\n';
  const bySection = new Map<string, CellOutcome[]>();
  for (const o of report.cells) bySection.set(o.section, [...(bySection.get(o.section) ?? []), o]);
  // Cells before any heading (section "0" without a heading of its own) come first.
  if (!lesson.sections.some((sec) => sec.number === '0')) for (const o of bySection.get('0') ?? []) s += renderCell(io, lesson, o);
  for (const sec of lesson.sections) {
    const number = sec.number === '0' || sec.level === 1 ? '' : `${sec.number} `;
    s += paint(io, 'bold', `${'#'.repeat(Math.min(sec.level, 6))} ${number}${sec.title}`) + '\n\n';
    for (const o of bySection.get(sec.number) ?? []) s += renderCell(io, lesson, o);
    bySection.delete(sec.number);
  }
  s += renderMatrix(io, report.matrix);
  const { passed, failed, skipped } = report.summary;
  s += skipped > 0 ? `${passed} passed, ${failed} failed, ${skipped} skipped\n` : `${passed} passed, ${failed} failed\n`;
  return s;
}
