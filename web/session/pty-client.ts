// PtyClient: the page's end of the host-shell channel (`podlab serve --shell`): raw terminal data over a WebSocket.
import type { PtyClientMessage, PtyServerMessage } from '../../src/core/page.ts';

export class PtyClient {
  private readonly socket: WebSocket;
  private readonly backlog: string[] = [];

  constructor(url: string, onOutput: (data: string) => void, onExit: (reason: string) => void) {
    this.socket = new WebSocket(url);
    this.socket.addEventListener('open', () => this.backlog.splice(0).forEach((m) => this.socket.send(m)));
    this.socket.addEventListener('message', (e: MessageEvent<unknown>) => {
      if (typeof e.data !== 'string') return;
      try {
        const m = JSON.parse(e.data) as PtyServerMessage;
        if (m.type === 'output' && typeof m.data === 'string') onOutput(m.data);
        else if (m.type === 'exit') onExit(`shell exited with ${m.code}`);
      } catch {
        // Not ours: ignore.
      }
    });
    this.socket.addEventListener('close', (e) => onExit(e.reason || 'host shell closed'));
  }

  private send(m: PtyClientMessage): void {
    const text = JSON.stringify(m);
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.backlog.push(text);
  }

  input(data: string): void {
    this.send({ type: 'input', data });
  }

  resize(cols: number, rows: number): void {
    this.send({ type: 'resize', cols, rows });
  }

  dispose(): void {
    this.socket.close(1000, 'closed by the page');
  }
}
