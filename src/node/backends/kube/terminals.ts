// Opening terminals for the kube backend: a pty bash (node-pty) where it loads, else one process per line.
import type { Terminal } from '../../../core/index.ts';
import { LineTerminal } from './line-terminal.ts';
import { PtyTerminal, type PtySpawn } from './pty-terminal.ts';

let cached: Promise<PtySpawn | undefined> | undefined;

/** node-pty's spawn, or undefined when the optional dependency is missing or did not compile. */
export function loadPtySpawn(): Promise<PtySpawn | undefined> {
  cached ??= import('node-pty')
    .then((mod: unknown) => {
      const m = mod as { spawn?: PtySpawn; default?: { spawn?: PtySpawn } };
      return m.spawn ?? m.default?.spawn;
    })
    .catch(() => undefined);
  return cached;
}

export interface TerminalPlace {
  cwd: string;
  env: Record<string, string>;
  prompt: string;
  /** An interactive shell to start instead of bash (docker exec -it …, kubectl exec -it …). */
  interactive?: [string, string[]];
  /** Without a pty: the argv prefix each line is appended to (`kubectl exec POD -- sh -c`). */
  perLine?: string[];
}

export async function openTerminal(place: TerminalPlace, usePty: boolean): Promise<Terminal> {
  const spawn = usePty ? await loadPtySpawn() : undefined;
  if (spawn) return PtyTerminal.open(spawn, { cwd: place.cwd, env: place.env, command: place.interactive, displayPrompt: place.prompt });
  return new LineTerminal(place.cwd, place.env, place.prompt, place.perLine);
}
