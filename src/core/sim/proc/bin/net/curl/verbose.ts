// curl -v's trace on stderr: "*" info lines, "> " request lines and "< " response lines with their CRLFs.
import type { HttpResponse } from '../../../../contracts.ts';
import type { OutgoingRequest } from '../http.ts';

export class Trace {
  constructor(
    private readonly on: boolean,
    private readonly err: (t: string) => void,
  ) {}

  info(line: string): void {
    if (this.on) this.err(`* ${line}\n`);
  }

  /** "*   Trying 10.200.0.2:80..." (three spaces: curl indents the connect attempt). */
  trying(ip: string, port: number): void {
    if (this.on) this.err(`*   Trying ${ip}:${port}...\n`);
  }

  request(method: string, req: OutgoingRequest): void {
    if (!this.on) return;
    this.err(`> ${method} ${req.path} HTTP/1.1\r\n${req.headers.map(([k, v]) => `> ${k}: ${v}\r\n`).join('')}> \r\n`);
  }

  response(res: HttpResponse): void {
    if (!this.on) return;
    this.err(`< HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `< ${k}: ${v}\r\n`).join('')}< \r\n`);
  }

  data(bytes: number): void {
    if (this.on && bytes > 0) this.err(`{ [${bytes} bytes data]\n`);
  }
}
