// The Kubernetes remote-command channel protocol over one WebSocket (v4/v5.channel.k8s.io): every binary message
// starts with a channel byte; 0 stdin, 1 stdout, 2 stderr, 3 status (JSON), 4 resize (JSON), 255 close (v5 only).
import type { WebSocket } from 'ws';

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const STATUS = 3;
export const RESIZE = 4;
export const CLOSE = 255;

/** The subprotocols served, preferred first; kubectl 1.30+ offers only v5, client-node offers v5 down to v1. */
export const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** A Status for the status channel: Success, or the kubelet's NonZeroExitCode with the code as a cause. */
export function exitStatus(code: number, argv: string[]): Record<string, unknown> {
  if (code === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${argv.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

export interface ChannelHandlers {
  stdin?(data: Buffer): void;
  /** stdin was closed by the client (v5 close frame, or the socket went away). */
  stdinClosed?(): void;
  resize?(size: { width: number; height: number }): void;
}

/** Both directions of one exec session. */
export class ChannelSocket {
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    handlers: ChannelHandlers,
  ) {
    ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
      const data = Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
      if (data.length === 0) return;
      const channel = data[0];
      const body = data.subarray(1);
      if (channel === STDIN) handlers.stdin?.(body);
      else if (channel === CLOSE && body[0] === STDIN) handlers.stdinClosed?.();
      else if (channel === RESIZE) {
        try {
          const s = JSON.parse(body.toString('utf8')) as { Width?: number; Height?: number };
          handlers.resize?.({ width: s.Width ?? 80, height: s.Height ?? 24 });
        } catch {
          // a malformed resize is ignored, as the kubelet does
        }
      }
    });
    ws.on('close', () => {
      this.closed = true;
      handlers.stdinClosed?.();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(channel: number, data: string | Buffer): void {
    if (this.closed) return;
    const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (body.length === 0 && channel !== STATUS) return;
    this.ws.send(Buffer.concat([Buffer.from([channel]), body]));
  }

  /** Send the final status and close the socket normally. */
  finish(status: Record<string, unknown>): void {
    if (this.closed) return;
    this.send(STATUS, JSON.stringify(status));
    this.closed = true;
    this.ws.close(1000);
  }
}
