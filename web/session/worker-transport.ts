// WorkerTransport: the static build's runner, a Web Worker running the Kernel and the simulator in the page.
import type { ClientMessage, ServerMessage } from '../../src/core/page.ts';
import type { LessonSource } from '../catalog.ts';
import { isServerMessage, type Transport } from './transport.ts';

/** The first message a worker gets: the lessons it may open. */
export interface WorkerInit {
  type: 'init';
  lessons: LessonSource[];
  cellTimeoutMs?: number;
}

export class WorkerTransport implements Transport {
  private readonly worker: Worker;
  private closeListener?: (reason: string) => void;

  /** Starts loading the worker at once (its script is the biggest download); `init` must come before any request. */
  constructor(workerUrl: string) {
    this.worker = new Worker(workerUrl, { type: 'module', name: 'podlab-kernel' });
    this.worker.addEventListener('error', (e) => this.closeListener?.(`the lesson worker failed: ${e.message}`));
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
  }

  dispose(): void {
    this.worker.terminate();
  }
}
