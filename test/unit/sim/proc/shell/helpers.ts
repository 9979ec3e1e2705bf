// Test helpers: open a terminal on the fake world and type lines; collect prompt + line + output like a transcript.
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import type { LineResult, Terminal } from '../../../../../src/core/backend.ts';
import type { HostRef, World } from '../../../../../src/core/sim/contracts.ts';
import { createTerminal, type TerminalOptions } from '../../../../../src/core/sim/proc/index.ts';

export const TYPE_OPTS = { timeoutMs: 60_000, maxOutputBytes: 1_000_000 };

/** Type one line; returns the result. */
export function type(t: Terminal, line: string, opts: Partial<typeof TYPE_OPTS> = {}): Promise<LineResult> {
  return t.type(line, { ...TYPE_OPTS, ...opts });
}

/** Type lines and return the transcript: each prompt and line, then its output. */
export async function transcript(t: Terminal, lines: string[]): Promise<string> {
  let out = '';
  for (const line of lines) {
    const prompt = t.prompt();
    const r = await type(t, line);
    out += `${prompt}${line}\n${r.output}`;
  }
  return out;
}

/** Open a terminal and return the output and status of one line. */
export async function runOn(
  world: World,
  host: HostRef,
  line: string,
  options: TerminalOptions = {},
): Promise<{ out: string; code: number }> {
  const t = createTerminal(world, host, options);
  const r = await type(t, line);
  return { out: r.output, code: r.exitCode };
}

/** Two Calico nodes (control plane m1, worker w1); the terminal's workstation is m1 as root. */
export const CALICO_TWO_NODES: ClusterSpec = {
  cni: 'calico',
  nodes: [
    { name: 'm1', role: 'control-plane' },
    { name: 'w1', role: 'worker' },
  ],
  workstation: { node: 'm1', cwd: '/root', user: 'root' },
  pins: [],
  faults: [],
  setup: [],
};
