// The /pty endpoint of `podlab serve --shell`: a real shell on the server machine through node-pty, one per socket.
import type { WebSocket } from 'ws';
import { PodlabError, type PtyClientMessage, type PtyServerMessage } from '../../core/index.ts';

/** The part of node-pty's IPty this endpoint uses. */
interface Pty {
  onData(listener: (data: string) => void): { dispose(): void };
  onExit(listener: (e: { exitCode: number }) => void): { dispose(): void };
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(): void;
}

type Spawn = (
  file: string,
  args: string[],
  options: { name: string; cols: number; rows: number; cwd: string; env: Record<string, string> },
) => Pty;

/** Host shells open at once; more sockets are refused. */
export const MAX_PTYS = 4;
let open = 0;

/** Load node-pty (an optional dependency that compiles at install). */
export async function loadPty(): Promise<Spawn> {
  try {
    const mod = (await import('node-pty')) as unknown as { spawn?: Spawn; default?: { spawn: Spawn } };
    const spawn = mod.spawn ?? mod.default?.spawn;
    if (!spawn) throw new Error('node-pty has no spawn()');
    return spawn;
  } catch (e: unknown) {
    throw new PodlabError(
      'backend-unavailable',
      '--shell needs node-pty, which is not installed or did not compile (npm install node-pty)',
      { cause: e },
    );
  }
}

function isPtyMessage(v: unknown): v is PtyClientMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    (m.type === 'input' && typeof m.data === 'string') || (m.type === 'resize' && Number.isInteger(m.cols) && Number.isInteger(m.rows))
  );
}

/** Bridge one socket to a new shell; the shell is killed when the socket closes, and the socket closed when the shell exits. */
export function servePtySocket(socket: WebSocket, spawn: Spawn, cwd: string): void {
  if (open >= MAX_PTYS) {
    socket.close(1013, `podlab: at most ${MAX_PTYS} host shells`);
    return;
  }
  open++;
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const pty = spawn(process.env.SHELL || '/bin/bash', [], {
    name: 'xterm-256color',
    cols: 80,
    rows: 24,
    cwd,
    env: { ...env, TERM: 'xterm-256color' },
  });
  const send = (m: PtyServerMessage) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(m));
  const data = pty.onData((d) => send({ type: 'output', data: d }));
  const exit = pty.onExit((e) => {
    send({ type: 'exit', code: e.exitCode });
    socket.close(1000, 'shell exited');
  });
  socket.on('message', (raw) => {
    let m: unknown;
    try {
      m = JSON.parse(raw.toString());
    } catch {
      return;
    }
    if (!isPtyMessage(m)) return;
    if (m.type === 'input') pty.write(m.data);
    else pty.resize(Math.max(2, Math.min(500, m.cols)), Math.max(1, Math.min(200, m.rows)));
  });
  socket.on('close', () => {
    open--;
    data.dispose();
    exit.dispose();
    try {
      pty.kill();
    } catch {
      // already gone
    }
  });
}
