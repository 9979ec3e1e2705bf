// The grading pool: N worker processes, one submission each at a time, a wall-clock watchdog per submission and a
// heap limit per worker. Processes, not threads: V8 ends a whole process on some failures inside a thread (one
// allocation past the thread's heap limit), and one submission must never stop the batch (docs/grading.md).
import { ChildWorker } from '../child-worker.ts';
import type { StudentGrade, Submission } from '../../core/index.ts';
import { workerEntry } from '../bundle/worker-entry.ts';
import type { FromWorker, ToWorker, WorkerInit } from './worker-protocol.ts';

/** How one job ended: a grade, or why the worker could not give one (watchdog, crash, out of memory). */
export type JobResult = { ok: true; grade: StudentGrade; ms: number } | { ok: false; error: string; ms: number };

export interface PoolOptions {
  size: number;
  init: WorkerInit;
  /** Wall-clock limit per submission; past it the worker is terminated and the job fails. */
  watchdogMs: number;
  /** Heap limit of each worker, in MB. */
  memoryMb?: number;
  /** The worker entry (tests substitute their own). */
  entry?: URL;
}

interface Job {
  id: number;
  submission: Submission;
  resolve(r: JobResult): void;
}

interface Slot {
  worker: ChildWorker;
  ready: boolean;
  job?: Job;
  started?: number;
  timer?: ReturnType<typeof setTimeout>;
}

/** After this many workers in a row die before they are ready, the pool gives up. */
export const MAX_STARTUP_FAILURES = 3;

export const DEFAULT_WORKER_ENTRY = workerEntry('src/node/grade/worker.ts');

/** The watchdog's message: fixed text, so a stopped submission's feedback is the same on every run. */
export function watchdogMessage(ms: number): string {
  return `grading was stopped after ${ms / 1000} s of wall-clock time (a command that never ends?)`;
}

export class GradePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  /** Workers that died before they were ready, in a row: a broken worker entry must not respawn forever. */
  private startupFailures = 0;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.slots.push(this.spawn());
  }

  /** Queue a submission; resolves when it is graded or has failed. Never rejects. */
  run(submission: Submission): Promise<JobResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, submission, resolve });
      this.dispatch();
    });
  }

  private spawn(): Slot {
    const worker = new ChildWorker(this.options.entry ?? DEFAULT_WORKER_ENTRY, {
      workerData: this.options.init,
      memoryMb: this.options.memoryMb ?? 1024,
    });
    const slot: Slot = { worker, ready: false };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        slot.ready = true;
        this.startupFailures = 0;
      } else if (slot.job?.id === m.job) this.finish(slot, { ok: true, grade: m.grade, ms: m.ms });
      this.dispatch();
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const why =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `ran out of memory (the limit is ${this.options.memoryMb ?? 1024} MB)`
          : `the grading worker crashed: ${e.message}`;
      this.fail(slot, why);
    });
    worker.on('exit', () => this.fail(slot, 'the grading worker exited'));
    return slot;
  }

  private finish(slot: Slot, result: JobResult): void {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    job?.resolve(result);
  }

  /** The slot's worker is gone or must go: fail its job, replace the worker. */
  private fail(slot: Slot, error: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    if (slot.job) this.finish(slot, { ok: false, error, ms: performance.now() - (slot.started ?? 0) });
    void slot.worker.terminate();
    if (!slot.ready) this.startupFailures++;
    if (this.startupFailures >= MAX_STARTUP_FAILURES) {
      this.closed = true;
      this.drain(`the grading workers could not start: ${error}`);
    }
    if (this.closed) {
      this.slots.splice(index, 1);
      return;
    }
    this.slots[index] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.started = performance.now();
      slot.timer = setTimeout(() => this.fail(slot, watchdogMessage(this.options.watchdogMs)), this.options.watchdogMs);
      slot.worker.postMessage({ type: 'grade', job: job.id, submission: job.submission } satisfies ToWorker);
    }
  }

  /** Fail every queued job. */
  private drain(error: string): void {
    for (const job of this.queue.splice(0)) job.resolve({ ok: false, error, ms: 0 });
  }

  /** Stop every worker (after the queue drained, or to abort: queued jobs then fail). */
  async close(): Promise<void> {
    this.closed = true;
    this.drain('grading was cancelled');
    const workers = this.slots.map((s) => s.worker);
    this.slots.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
