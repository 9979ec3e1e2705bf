// Responses as Go's net/http writes them: headers sorted by name, text/plain; charset=utf-8, "404 page not found".
import type { HttpResponse } from '../../contracts.ts';
import { byteLength, httpDate } from './http-date.ts';

/** A 200 (or other status) with a text body; `extra` headers join the sorted set. */
export function goText(body: string, nowMs: number, status = 200, reason = 'OK', extra: [string, string][] = []): HttpResponse {
  const headers: [string, string][] = [
    ['Content-Length', String(byteLength(body))],
    ['Content-Type', 'text/plain; charset=utf-8'],
    ['Date', httpDate(nowMs)],
    ...extra,
  ];
  headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { status, reason, headers, body };
}

/** http.NotFound. */
export function goNotFound(nowMs: number): HttpResponse {
  return goText('404 page not found\n', nowMs, 404, 'Not Found', [['X-Content-Type-Options', 'nosniff']]);
}

/** Go's log package prefix: "2024/01/01 00:00:05 ". */
export { slashStamp as goLogStamp } from './http-date.ts';
