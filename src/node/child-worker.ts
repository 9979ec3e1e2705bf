// A worker in its own process, driven like a worker thread (postMessage, terminate, message/error/exit events).
//
// Why a process and not a worker thread: V8 ends the whole process, not the thread, on some failures inside a
// thread — a single allocation past a worker's heap limit ("FATAL ERROR: Reached heap limit"), "invalid size"
// errors of huge strings and arrays. One learner's line or one submission must never stop everyone else's, so
// the simulator of a served session and of a graded submission runs in a child process with its own heap limit.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface ChildWorkerOptions {
  /** Sent as the child's first message (childChannel's `init`). */
  workerData: unknown;
  /** Old-generation heap limit of the child, in MB. */
  memoryMb: number;
}

/** V8's messages when a heap limit or a size limit ends the process. */
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|invalid size error|invalid array length/i;

/**
 * Events: `message` (a message from the child), `error` (an Error with `code` ERR_WORKER_OUT_OF_MEMORY when the
 * child ran out of memory, as worker threads report it), then `exit` (the child is gone, whatever the reason).
 */
export class ChildWorker extends EventEmitter {
  private readonly child: ChildProcess;
  private stderrTail = '';
  private exited = false;
  private readonly gone: Promise<void>;

  constructor(entry: URL, options: ChildWorkerOptions) {
    super();
    // A TypeScript entry loads through tsx; a bundled one (dist/node/…js, see bundle/worker-entry.ts) needs no loader.
    const loader = entry.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
    this.child = fork(fileURLToPath(entry), [], {
      execArgv: [...loader, `--max-old-space-size=${options.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    // V8's fatal report (native stack and all) is not for the learner or the log: keep the end to classify it.
    this.child.stderr?.on('data', (d: Buffer) => (this.stderrTail = (this.stderrTail + d.toString()).slice(-4096)));
    this.child.on('message', (m: unknown) => this.emit('message', m));
    this.gone = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        if (OUT_OF_MEMORY.test(this.stderrTail)) {
          this.emit('error', Object.assign(new Error('the worker ran out of memory'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }));
        } else if (code !== 0 && signal !== 'SIGKILL' && this.stderrTail.trim() !== '') {
          this.emit(
            'error',
            new Error(`the worker process failed (${signal ?? `exit ${code}`}): ${this.stderrTail.trim().split('\n').slice(-1)[0]}`),
          );
        }
        this.emit('exit', code ?? 1);
        resolve();
      });
    });
    this.child.on('error', (e) => this.emit('error', e));
    this.postMessage(options.workerData);
  }

  postMessage(message: unknown): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message as never, (e) => {
      if (e && !this.exited) this.emit('error', e);
    });
  }

  /** Kill the child at once (SIGKILL: a busy loop does not read messages); resolves when it is gone. */
  async terminate(): Promise<void> {
    if (!this.exited) this.child.kill('SIGKILL');
    await this.gone;
  }
}

/** The child side: the first message is the init data; later messages go to `on`'s listener (buffered until then). */
export function childChannel<Init, In, Out>(): Promise<{ init: Init; on(listener: (m: In) => void): void; send(m: Out): void }> {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this module runs only as a podlab child worker (no IPC channel)');
  return new Promise((resolve) => {
    const early: In[] = [];
    let listener: ((m: In) => void) | undefined;
    let init: Init | undefined;
    let started = false;
    process.on('message', (m: unknown) => {
      if (!started) {
        started = true;
        init = m as Init;
        resolve({
          init,
          on: (l) => {
            listener = l;
            for (const x of early.splice(0)) l(x);
          },
          send: (m: Out) => void send(m as never),
        });
        return;
      }
      if (listener) listener(m as In);
      else early.push(m as In);
    });
    // The parent's channel closing means the parent is gone: do not linger as an orphan.
    process.on('disconnect', () => process.exit(0));
  });
}
