// A request and a response object shaped like node:http's, for running the facade's routes on a request that came
// over IPC (the world process has no socket): the body is already read, the response goes out as messages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { HttpCall } from './protocol.ts';

export interface ResponseSink {
  head(code: number, headers: Record<string, string | string[]>): void;
  chunk(data: Uint8Array): void;
  end(): void;
}

/** The request: its body as a stream (read by readBody), `close` emitted when the client goes away. */
export function fakeRequest(call: HttpCall): IncomingMessage {
  const req = Readable.from([Buffer.from(call.body)]) as Readable & Record<string, unknown>;
  req.method = call.method;
  req.url = call.url;
  req.headers = call.headers;
  return req as unknown as IncomingMessage;
}

function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof Uint8Array) return data;
  return Buffer.from(String(data));
}

/** The subset of ServerResponse the facade's handlers use. */
class FakeResponse {
  headersSent = false;
  private ended = false;

  constructor(private readonly sink: ResponseSink) {}

  writeHead(code: number, headers: Record<string, string | string[]> = {}): this {
    if (this.headersSent) return this;
    this.headersSent = true;
    this.sink.head(code, headers);
    return this;
  }

  flushHeaders(): void {
    this.writeHead(200);
  }

  write(data: unknown): boolean {
    if (this.ended) return false;
    this.writeHead(200);
    this.sink.chunk(toBytes(data));
    return true;
  }

  end(data?: unknown): this {
    if (this.ended) return this;
    if (data !== undefined) this.write(data);
    this.writeHead(200);
    this.ended = true;
    this.sink.end();
    return this;
  }

  /** No socket, no socket errors: listeners are never called. */
  on(): this {
    return this;
  }
}

export function fakeResponse(sink: ResponseSink): ServerResponse {
  return new FakeResponse(sink) as unknown as ServerResponse;
}
