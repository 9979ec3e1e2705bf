// Start a worker thread whose entry is a TypeScript file, loading it through tsx (there is no build step).
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * `new Worker(url.ts, { execArgv: ['--import', 'tsx'] })` does not work on Node 20: the worker's entry is
 * loaded before tsx's hooks apply ("Unknown file extension .ts"). So the worker starts from a line of
 * JavaScript that registers tsx in that thread and then imports the entry. tsx is resolved from this
 * file, so it works whatever the current directory (under `node bin/podlab.js` and `node --import tsx --test`).
 */
export function spawnTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  // A bundled entry (dist/node/...js, see bundle/worker-entry.ts) is plain JavaScript: no loader needed.
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { execArgv: [], ...options });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { execArgv: [], ...options, eval: true });
}
