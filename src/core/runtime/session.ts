// Session: one learner's kernel and terminals, driven by protocol messages (the same code in a Worker and on the server).
import type { Backend, Terminal } from '../backend.ts';
import { errorMessage, PodlabError } from '../errors.ts';
import type { Lesson } from '../lesson/model.ts';
import { answerCell, answerEntries } from './answers.ts';
import { Kernel, type KernelOptions } from './kernel.ts';
import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from './protocol.ts';

export interface SessionDeps {
  /** Find a lesson by id and language (undefined language: the lesson's first). */
  lesson(id: string, lang?: string): Lesson | undefined;
  /** A fresh backend for a new or reset kernel. */
  backend(): Backend;
  kernelOptions?: KernelOptions;
}

/** At most this many free terminals per session (each holds a shell stack). */
export const MAX_TERMINALS = 8;

export class Session {
  readonly id: string;
  private readonly deps: SessionDeps;
  private readonly send: (m: ServerMessage) => void;
  private kernel?: Kernel;
  private lessonRef?: { id: string; lang?: string; seed?: number };
  /** A kernel booted ahead of its "open" (see prepare), with the lesson it was made for. */
  private prepared?: { lesson: Lesson; kernel: Kernel };
  private readonly terminals = new Map<string, Terminal>();
  private unsubscribe?: () => void;
  /** The learner's texts of exercise cells (by cell id) for the open lesson; they outlive a reset. */
  private readonly answers = new Map<string, string>();
  /** Messages are handled one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(id: string, deps: SessionDeps, send: (m: ServerMessage) => void) {
    this.id = id;
    this.deps = deps;
    this.send = send;
  }

  /** Queue a message; replies go through `send`. */
  handle(message: ClientMessage): Promise<void> {
    this.queue = this.queue.then(() => this.dispatch(message)).catch(() => undefined);
    return this.queue;
  }

  /**
   * Boot a lesson's cluster before the page asks for it: the page's Worker calls this at page load, so the world
   * is built while the page still loads and renders. The next fresh `open` of the same lesson (same language, no
   * seed, no answers) adopts the kernel as if it had just built it; any other open or reset builds its own. Queued
   * like a message; a failure is left for the `open` to meet and report.
   */
  prepare(lessonId: string, lang?: string): Promise<void> {
    this.queue = this.queue
      .then(async () => {
        const lesson = this.deps.lesson(lessonId, lang);
        if (this.kernel || this.prepared || !lesson) return;
        const kernel = new Kernel(lesson, this.deps.backend(), { ...this.deps.kernelOptions });
        await kernel.start();
        this.prepared = { lesson, kernel };
      })
      .catch(() => undefined);
    return this.queue;
  }

  private async dispatch(m: ClientMessage): Promise<void> {
    try {
      await this.handlers[m.type](m as never);
    } catch (e: unknown) {
      const code = e instanceof PodlabError ? e.code : 'internal';
      this.send({ type: 'error', id: m.id, code, message: errorMessage(e) });
    }
  }

  private requireKernel(): Kernel {
    if (!this.kernel) throw new PodlabError('usage', 'no lesson is open in this session; send "open" first');
    return this.kernel;
  }

  private requireTerminal(id: string): Terminal {
    const t = this.terminals.get(id);
    if (!t) throw new PodlabError('usage', `no terminal ${id}`);
    return t;
  }

  private async openKernel(lessonId: string, lang: string | undefined, seed: number | undefined): Promise<Kernel> {
    await this.disposeKernel();
    const lesson = this.deps.lesson(lessonId, lang);
    const prepared = this.prepared;
    this.prepared = undefined;
    let kernel: Kernel;
    if (prepared && prepared.lesson === lesson && seed === undefined && this.answers.size === 0) {
      kernel = prepared.kernel; // built exactly as below would build it, and untouched since
    } else {
      await prepared?.kernel.stop();
      if (!lesson) throw new PodlabError('usage', `no lesson ${lessonId}${lang ? ` (${lang})` : ''}`);
      const overrides = new Map([...this.answers].map(([id, text]) => [id, answerCell(lesson, id, text)]));
      kernel = new Kernel(lesson, this.deps.backend(), {
        ...this.deps.kernelOptions,
        seed: seed ?? this.deps.kernelOptions?.seed,
        overrides,
      });
    }
    this.unsubscribe = kernel.on((event) => this.send({ type: 'event', event }));
    await kernel.start();
    this.kernel = kernel;
    this.lessonRef = { id: lessonId, lang, seed };
    return kernel;
  }

  private readonly handlers: { [K in ClientMessage['type']]: (m: Extract<ClientMessage, { type: K }>) => Promise<void> } = {
    open: async (m) => {
      const ref = this.lessonRef;
      const same = ref !== undefined && ref.id === m.lessonId && ref.lang === m.lang && ref.seed === m.seed;
      if (m.resume && same && this.kernel) {
        const k = this.kernel;
        const outcomes = k.cells().flatMap((c) => k.outcomes.get(c.id) ?? []);
        const answers = Object.fromEntries(this.answers);
        this.send({
          type: 'opened',
          id: m.id,
          sessionId: this.id,
          lessonId: m.lessonId,
          cells: k.cells().map((c) => c.id),
          protocol: PROTOCOL_VERSION,
          outcomes,
          answers,
        });
        return;
      }
      this.answers.clear(); // a fresh open starts from the lesson as written
      const k = await this.openKernel(m.lessonId, m.lang, m.seed);
      this.send({
        type: 'opened',
        id: m.id,
        sessionId: this.id,
        lessonId: m.lessonId,
        cells: k.cells().map((c) => c.id),
        protocol: PROTOCOL_VERSION,
      });
    },
    'run-cell': async (m) => {
      if (m.content !== undefined) this.setAnswer(m.cellId, m.content);
      this.send({ type: 'cell-outcome', id: m.id, outcome: await this.requireKernel().runCell(m.cellId) });
    },
    'run-all': async (m) => {
      const entries = answerEntries(m.answers);
      const kernel = this.requireKernel();
      for (const [id, text] of entries) answerCell(kernel.lesson, id, text); // all valid, or none applied
      for (const [id, text] of entries) this.setAnswer(id, text as string);
      this.send({ type: 'outcomes', id: m.id, outcomes: await kernel.runAll({ untilSection: m.untilSection }) });
    },
    answer: async (m) => {
      this.setAnswer(m.cellId, m.content);
      this.send({ type: 'answer-saved', id: m.id, cellId: m.cellId });
    },
    reset: async (m) => {
      const ref = this.lessonRef;
      if (!ref) throw new PodlabError('usage', 'nothing to reset');
      await this.openKernel(ref.id, ref.lang, m.seed ?? ref.seed);
      this.send({ type: 'reset-done', id: m.id });
    },
    'terminal-open': async (m) => {
      if (this.terminals.size >= MAX_TERMINALS && !this.terminals.has(m.terminalId)) {
        throw new PodlabError('input-limit', `at most ${MAX_TERMINALS} terminals per session`);
      }
      await this.terminals.get(m.terminalId)?.dispose();
      const t = await this.requireKernel().openTerminal(m.where);
      this.terminals.set(m.terminalId, t);
      this.send({ type: 'terminal-opened', id: m.id, terminalId: m.terminalId, prompt: t.prompt() });
    },
    'terminal-line': async (m) => {
      const t = this.requireTerminal(m.terminalId);
      const result = await t.type(m.line, { timeoutMs: 30_000, maxOutputBytes: 256 * 1024 });
      this.send({ type: 'terminal-result', id: m.id, terminalId: m.terminalId, result, prompt: t.prompt(), depth: t.depth() });
    },
    'terminal-complete': async (m) => {
      const t = this.requireTerminal(m.terminalId);
      this.send({ type: 'terminal-completions', id: m.id, terminalId: m.terminalId, candidates: t.complete?.(m.partial) ?? [] });
    },
    'terminal-close': async (m) => {
      await this.terminals.get(m.terminalId)?.dispose();
      this.terminals.delete(m.terminalId);
      this.send({ type: 'terminal-closed', id: m.id, terminalId: m.terminalId });
    },
    view: async (m) => {
      this.send({ type: 'view', id: m.id, view: await this.requireKernel().backend.view() });
    },
    matrix: async (m) => {
      // The page's matrix: portless pods on their Services' ports (docs/web.md, "matrix").
      this.send({ type: 'matrix', id: m.id, matrix: await this.requireKernel().matrix({ servicePorts: true }) });
    },
    report: async (m) => {
      this.send({ type: 'report', id: m.id, report: await this.requireKernel().report() });
    },
  };

  /** Keep the learner's text for an exercise cell and run it from now on (validated: the page is not trusted). */
  private setAnswer(cellId: string, content: unknown): void {
    const kernel = this.requireKernel();
    const cell = answerCell(kernel.lesson, cellId, content);
    kernel.setOverride(cell);
    this.answers.set(cellId, content as string);
  }

  private async disposeKernel(): Promise<void> {
    for (const t of this.terminals.values()) await t.dispose();
    this.terminals.clear();
    this.unsubscribe?.();
    await this.kernel?.stop();
    this.kernel = undefined;
  }

  /** Free everything this session holds. */
  async dispose(): Promise<void> {
    await this.queue;
    await this.prepared?.kernel.stop();
    this.prepared = undefined;
    await this.disposeKernel();
  }
}
