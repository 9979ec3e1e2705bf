// `podlab apiserver LESSON`: serve a lesson's simulated cluster over the Kubernetes API on loopback, so the real
// kubectl and client libraries can drive it; writes a kubeconfig. Ctrl-C stops.
import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ALL_LINT_RULES, formatDiagnostic, lintLesson } from '../../../core/index.ts';
import { loadLesson } from '../../lessons.ts';
import { CliError } from '../cli-error.ts';
import type { CliIO } from '../context.ts';
import { parseSeed } from './run.ts';
import { parsePort } from './serve.ts';
import type { CliCommand } from './types.ts';

interface ApiserverFlags {
  port: string;
  kubeconfig: string;
  after?: string;
  seed?: string;
  speed: string;
  namespace: string;
  budget: string;
  memory: string;
  verbose?: boolean;
}

function parseSpeed(text: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || n > 1000) throw new CliError(`--speed takes a number from 0 to 1000, not "${text}"`);
  return n;
}

/** A whole number of `unit` from `min` to `max`, or a usage error naming the flag. */
function parseBound(flag: string, text: string, min: number, max: number, unit: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new CliError(`${flag} takes ${unit} from ${min} to ${max}, not "${text}"`);
  return n;
}

async function apiserver(file: string, flags: ApiserverFlags, io: CliIO): Promise<number> {
  // Loaded here, not at start: the API server pulls in ws and HTTP serving code `podlab run` never needs.
  const [{ kubeconfigText }, { startIsolatedApiServer }] = await Promise.all([
    import('../../apiserver/kubeconfig.ts'),
    import('../../apiserver/isolated/front.ts'),
  ]);
  const lesson = await loadLesson(file);
  // What `podlab lint` and `podlab run` refuse, refused here too (a world that cannot be built is no use served).
  const errors = lintLesson(lesson, ALL_LINT_RULES, { errorsOnly: true });
  if (errors.length > 0) {
    for (const d of errors) io.err(`${formatDiagnostic(d)}\n`);
    throw new CliError(`${file}: ${errors.length} error${errors.length === 1 ? '' : 's'} in the lesson; nothing is served`, 2);
  }
  const port = parsePort(flags.port);
  const speed = parseSpeed(flags.speed);
  const budgetMs = parseBound('--budget', flags.budget, 1, 3600, 'seconds') * 1000;
  const memoryMb = parseBound('--memory', flags.memory, 128, 65536, 'MB');
  // The simulated cluster runs in a child process with a watchdog (isolated/front.ts): a line that runs too long
  // or needs too much memory stops that process, never this server; the cluster is rebuilt by replaying its journal.
  const server = await startIsolatedApiServer({
    // the clock ends the preparation at wall time: kubectl computes some ages (describe's events) from its own clock
    spec: { source: lesson.source, file: lesson.file, seed: parseSeed(flags.seed), after: flags.after, endAt: Date.now() },
    port,
    timeScale: speed,
    budgetMs,
    memoryMb,
    log: (line) => {
      // Stops and restores are always worth a line; every request only with --verbose.
      if (line.startsWith('stopped:') || line.startsWith('the journal')) io.err(`podlab: ${line}\n`);
      else if (flags.verbose) io.err(`${line}\n`);
    },
  });
  const failed = server.prepared.failed;
  if (flags.after !== undefined)
    io.err(
      `podlab: ran ${server.prepared.cells} cells up to section ${flags.after}${failed.length ? ` (${failed.length} failed: ${failed.join(', ')})` : ''}\n`,
    );
  const kubeconfig = path.resolve(flags.kubeconfig);
  await mkdir(path.dirname(kubeconfig), { recursive: true });
  await writeFile(kubeconfig, kubeconfigText(server.url, flags.namespace), { mode: 0o600 });
  io.out(`podlab: serving the Kubernetes API of ${lesson.id} at ${server.url} (simulated time ×${speed})\n`);
  io.out(`podlab: kubeconfig written to ${kubeconfig}; try:\n  export KUBECONFIG=${kubeconfig}\n  kubectl get pods -o wide\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.err('podlab: stopping\n');
  await server.close();
  return 0;
}

export const apiserverCommand: CliCommand = {
  name: 'apiserver',
  register(program: Command, io: CliIO, setExit: (code: number) => void): void {
    program
      .command('apiserver')
      .description("serve a lesson's simulated cluster over the Kubernetes API on 127.0.0.1 for the real kubectl; Ctrl-C stops")
      .argument('<lesson>', 'the lesson Markdown file')
      .option('--port <n>', 'port to listen on (0 picks a free one)', '6443')
      .option('--kubeconfig <file>', 'where to write the kubeconfig for this server', 'kubeconfig.podlab')
      .option('--after <section>', "run the lesson's cells up to this section first (e.g. 2.2)")
      .option('--seed <n>', "seed for random choices (default: the lesson's seed)")
      .option('--speed <x>', 'simulated seconds per wall second (0 stops the clock)', '1')
      .option('--namespace <ns>', "the kubeconfig context's namespace", 'default')
      .option('--budget <seconds>', 'how long one request or exec line may keep the cluster busy before it is stopped and rebuilt', '15')
      .option('--memory <MB>', "heap limit of the simulated cluster's process", '1024')
      .option('--verbose', 'log every request on stderr')
      .action(async (file: string, flags: ApiserverFlags) => setExit(await apiserver(file, flags, io)));
  },
};
