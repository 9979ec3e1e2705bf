// WorkerTransport: the static build's runner, a Web Worker running the Kernel and the simulator in the page.
import type { ClientMessage, ServerMessage } from '../../src/core/page.ts';
import type { LessonSource } from '../catalog.ts';
import { isServerMessage, type Transport } from './transport.ts';

/** The first message a worker gets: the lessons it may open. */
export interface WorkerInit {
  type: 'init';
  lessons: LessonSource[];
  cellTimeoutMs?: number;
  /** Boot this lesson's cluster at once, in the translation `langs` pick (web/worker.ts selfStart asks this). */
  prepare?: { lessonId: string; langs: string[] };
}

/** The Worker a static lesson page's HTML started before app.js loaded (see src/node/server/page-html.ts). */
export interface BootWorker extends Worker {
  /** Set by the HTML when the worker failed before the page listened. */
  podlabError?: string;
}

export class WorkerTransport implements Transport {
  private readonly worker: Worker;
  private closeListener?: (reason: string) => void;
  /** An error the worker met before this transport listened (reported once a close listener is set). */
  private readonly earlyError?: string;

  /**
   * Starts loading the worker at once (its script is the biggest download); `init` must come before any request.
   * Or adopts the worker the page's HTML started (it may have read the lessons itself; `init` is still sent).
   */
  constructor(worker: string | BootWorker) {
    this.worker = typeof worker === 'string' ? new Worker(worker, { type: 'module', name: 'podlab-kernel' }) : worker;
    this.worker.addEventListener('error', (e) => this.closeListener?.(`the lesson worker failed: ${e.message}`));
    this.earlyError = typeof worker === 'string' ? undefined : worker.podlabError;
  }

  /** Hand the worker the lessons it may open (messages keep their order, so requests sent after this find them). */
  init(lessons: LessonSource[]): void {
    const init: WorkerInit = { type: 'init', lessons };
    this.worker.postMessage(init);
  }

  send(message: ClientMessage): void {
    this.worker.postMessage(message);
  }

  onMessage(receiver: (message: ServerMessage) => void): void {
    this.worker.addEventListener('message', (e: MessageEvent<unknown>) => {
      if (isServerMessage(e.data)) receiver(e.data);
    });
  }

  onClose(listener: (reason: string) => void): void {
    this.closeListener = listener;
    const early = this.earlyError;
    if (early !== undefined) queueMicrotask(() => listener(`the lesson worker failed: ${early}`));
  }

  dispose(): void {
    this.worker.terminate();
  }
}
