// Test harness for the API facade: a fixture world served on a random loopback port, the REAL kubectl against it
// (fresh cache dir per harness), and the simulator's own kubectl on the same world.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseLesson } from '../../../src/core/lesson/index.ts';
import type { World } from '../../../src/core/sim/contracts.ts';
import { kubeconfigText } from '../../../src/node/apiserver/kubeconfig.ts';
import { startLessonWorld, type LessonWorld } from '../../../src/node/apiserver/lesson-world.ts';
import { startApiServer, type ApiServer } from '../../../src/node/apiserver/server.ts';
import { runCommand } from '../../../src/core/sim/proc/run-command.ts';
import { FIXTURE_LESSON } from './fixture-lesson.ts';

/** The oldest kubectl the tests trust: exec over WebSocket (v5.channel.k8s.io) is the default from 1.30. */
const MIN_MINOR = 30;

function findKubectl(): { path?: string; why: string } {
  const path = ['/usr/bin/kubectl', '/usr/local/bin/kubectl'].find((p) => existsSync(p));
  if (!path) return { why: 'no real kubectl at /usr/bin/kubectl or /usr/local/bin/kubectl' };
  try {
    const v = JSON.parse(execFileSync(path, ['version', '--client', '-o', 'json'], { encoding: 'utf8', timeout: 20_000 })) as {
      clientVersion?: { minor?: string };
    };
    const minor = Number.parseInt(v.clientVersion?.minor ?? '0', 10);
    if (minor < MIN_MINOR) return { why: `${path} is kubectl 1.${minor}, older than 1.${MIN_MINOR} (no exec over WebSocket)` };
    return { path, why: '' };
  } catch (e: unknown) {
    return { why: `${path} did not run: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const found = findKubectl();

/** The real kubectl, if this machine has a recent one (CI installs it; the tests skip loudly without it). */
export const KUBECTL = found.path;

/** Skip with a message people notice, never silently. */
export function skipWithoutKubectl(t: { skip(message: string): void }): boolean {
  if (KUBECTL) return false;
  const msg = `SKIPPED: ${found.why}; the tests against the API facade with the real kubectl did not run`;
  console.warn(`\n!!! ${msg} !!!\n`);
  t.skip(msg);
  return true;
}

export interface Output {
  stdout: string;
  stderr: string;
  code: number;
}

export interface Harness {
  world: World;
  server: ApiServer;
  kubeconfig: string;
  /** A scratch directory for manifests the real kubectl reads. */
  dir: string;
  /** Run the real kubectl; with `pump`, simulated time moves 1 s per 20 ms of wall time while it runs. */
  real(args: string[], options?: { pump?: boolean; stdin?: string }): Promise<Output>;
  /** Run the simulator's kubectl on the workstation node, on the same world. */
  sim(args: string[]): Output;
  /** Write a file both kubectls can read (the real one in `dir`, the simulated one in the workstation's cwd). */
  writeBoth(name: string, content: string): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(source = FIXTURE_LESSON): Promise<Harness> {
  const lesson = parseLesson(source, 'fixture.md');
  const started: LessonWorld = await startLessonWorld(lesson);
  const world = started.world;
  const server = await startApiServer({ world, timeScale: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'podlab-facade-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigText(server.url));
  const ws = world.cluster.workstation;
  const host = { kind: 'node' as const, node: ws.node };
  const real = (args: string[], options: { pump?: boolean; stdin?: string } = {}) =>
    new Promise<Output>((resolve) => {
      const pump = options.pump ? setInterval(() => world.control.advance(1000), 20) : undefined;
      const child = execFile(
        KUBECTL ?? 'kubectl',
        ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...args],
        { cwd: dir, timeout: 20_000, env: { ...process.env, KUBECONFIG: kubeconfig } },
        (error, stdout, stderr) => {
          if (pump) clearInterval(pump);
          const code = error && typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : error ? 1 : 0;
          resolve({ stdout, stderr, code });
        },
      );
      child.stdin?.end(options.stdin ?? '');
    });
  const sim = (args: string[]): Output => {
    const r = runCommand(world, host, ['kubectl', ...args], '', false, ws.cwd);
    return { stdout: r.stdout, stderr: r.stderr, code: r.status };
  };
  return {
    world,
    server,
    kubeconfig,
    dir,
    real,
    sim,
    async writeBoth(name, content) {
      await writeFile(path.join(dir, name), content);
      world.fs(host).write(`${ws.cwd}/${name}`, content);
    },
    async close() {
      await server.close();
      await started.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
