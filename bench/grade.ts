// Benchmark: grade 500 generated submissions (right and wrong) of an exercise with every core; print the rate.
// Run: node --import tsx bench/grade.ts [--n 500] [--jobs N] [--exercise lessons/exercises/service-basics.md]
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runGrading } from '../src/node/grade/run-grading.ts';
import { loadLesson } from '../src/node/lessons.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '500' },
    jobs: { type: 'string' },
    exercise: { type: 'string', default: 'lessons/exercises/service-basics.md' },
  },
});

/** Ways to get an answer wrong, applied to the reference answer's text (a mutation that does not apply leaves it right). */
const MUTATIONS: { name: string; apply(text: string): string }[] = [
  { name: 'right', apply: (t) => t },
  { name: 'right-again', apply: (t) => t },
  { name: 'wrong-selector', apply: (t) => t.replace(/app: web/g, 'app: nginx') },
  { name: 'wrong-port', apply: (t) => t.replace('targetPort: 80', 'targetPort: 8080') },
  { name: 'wrong-name', apply: (t) => t.replace('name: web', 'name: nginx') },
  { name: 'malformed', apply: (t) => t.replace('ports:', 'ports: [') },
  { name: 'empty', apply: () => '' },
];

function median(xs: number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  return v.length === 0 ? 0 : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

const n = Number(values.n);
const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
const lesson = await loadLesson(values.exercise);
const answers = lesson.cells.filter((c) => c.exercise && c.kind === 'file');
const dir = await mkdtemp(path.join(tmpdir(), 'podlab-bench-grade-'));
try {
  for (let i = 0; i < n; i++) {
    const m = MUTATIONS[i % MUTATIONS.length];
    const student = path.join(dir, `s${String(i).padStart(4, '0')}-${m.name}`);
    await mkdir(student);
    for (const cell of answers) if (cell.kind === 'file') await writeFile(path.join(student, cell.path), m.apply(cell.content));
  }
  const t0 = performance.now();
  const run = await runGrading({ exercise: values.exercise, submissions: dir, jobs, checkReference: false });
  const secs = (performance.now() - t0) / 1000;
  const byStatus = run.report.students.reduce<Record<string, number>>(
    (acc, s) => ({ ...acc, [`${s.score}/${s.max}`]: (acc[`${s.score}/${s.max}`] ?? 0) + 1 }),
    {},
  );
  console.log(`exercise ${lesson.id}: ${n} submissions, ${run.jobs} worker(s) on ${availableParallelism()} core(s)`);
  console.log(
    `scores: ${Object.entries(byStatus)
      .map(([k, v]) => `${k} x${v}`)
      .join(', ')}`,
  );
  console.log(`total ${secs.toFixed(2)} s (worker start-up included): ${(n / secs).toFixed(1)} submissions/s`);
  console.log(`median per submission inside a worker: ${median(run.timings).toFixed(1)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
