// HTTP plumbing of the API facade: JSON and Status responses, bounded body reading, content negotiation.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiStatus, badRequest } from '../../core/sim/index.ts';

/** Request bodies larger than this are refused with 413 (the real apiserver's limit is 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Write a JSON document with a status code; `warnings` become `Warning: 299 - "text"` headers as a real apiserver sends. */
export function sendJson(res: ServerResponse, code: number, body: unknown, warnings: readonly string[] = []): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(text);
}

/** Write a Kubernetes Status failure with its own code. */
export function sendStatus(res: ServerResponse, status: ApiStatus): void {
  sendJson(res, status.code, { ...status, metadata: {} });
}

/** A Status for codes the simulator's builders do not cover (415, 406, 410, 413). */
export function statusOf(code: number, reason: string, message: string): ApiStatus {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason: reason as ApiStatus['reason'], code };
}

/** Read the whole body (as bytes and as UTF-8 text), refusing more than MAX_BODY_BYTES. */
export async function readBody(
  req: IncomingMessage,
): Promise<{ ok: true; text: string; bytes: Buffer } | { ok: false; status: ApiStatus }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: statusOf(413, 'RequestEntityTooLarge', 'the request body is too large') };
    chunks.push(b);
  }
  const bytes = Buffer.concat(chunks);
  return { ok: true, text: bytes.toString('utf8'), bytes };
}

/** Go's encoding/json nesting limit (maxNestingDepth in encoding/json/scanner.go), which the apiserver's decoders inherit. */
export const MAX_JSON_DEPTH = 10_000;

/** The first bracket past MAX_JSON_DEPTH, found in one pass outside strings (before any recursive code sees the value). */
function tooDeep(text: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) return c;
    } else if (c === '}' || c === ']') depth--;
  }
  return undefined;
}

/**
 * summarizeData of the apiserver's transformDecodeError (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go):
 * a JSON object's first 30 bytes as text, anything else in hex, " ..." when cut.
 */
function summarizeData(bytes: Buffer, max = 30): string {
  if (bytes.length === 0) return '<empty>';
  const cut = bytes.subarray(0, max);
  const text = bytes[0] === 0x7b ? cut.toString('utf8') : cut.toString('hex');
  return bytes.length > max ? `${text} ...` : text;
}

/**
 * Parse a JSON body; an empty body is `undefined`. A body nested deeper than Go's limit gets the real apiserver's 400:
 * for an object body of `kind`, "the object provided is unrecognized (must be of type Pod): couldn't get version/kind;
 * json parse error: invalid character '[' exceeded max depth ({"a":[[[[ ...)".
 */
export function parseJson(text: string, kind?: string): { ok: true; value: unknown } | { ok: false; status: ApiStatus } {
  if (text.trim() === '') return { ok: true, value: undefined };
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const error = `invalid character '${deep}' exceeded max depth`;
    if (kind === undefined) return { ok: false, status: badRequest(error) };
    const summary = summarizeData(Buffer.from(text, 'utf8'));
    return {
      ok: false,
      status: badRequest(
        `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${error} (${summary})`,
      ),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e: unknown) {
    return { ok: false, status: badRequest(`the request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`) };
  }
}

/** True when the client asked for a server-side Table (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`). */
export function wantsTable(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io') && (params.includes('v=v1') || params.includes('v=v1beta1'));
  });
}

/** What POST and PUT bodies may be (the apiserver's serializers); anything else is 415. */
export const WRITE_MEDIA_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/**
 * The 415 for a write whose Content-Type no serializer takes (a browser form's text/plain, multipart …); undefined when
 * it is acceptable. No Content-Type means JSON, the first supported type, as NegotiateInputSerializerForMediaType does.
 */
export function unsupportedWrite(req: IncomingMessage): ApiStatus | undefined {
  const method = (req.method ?? 'GET').toUpperCase();
  if (method !== 'POST' && method !== 'PUT' && method !== 'DELETE') return undefined;
  const ct = contentType(req);
  if (ct === '' || WRITE_MEDIA_TYPES.includes(ct)) return undefined;
  return statusOf(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${WRITE_MEDIA_TYPES.join(', ')}`,
  );
}

/** The media type's bare name of a request body ("application/strategic-merge-patch+json"). */
export function contentType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** A query flag is set when present with `1`/`true` (watch=1, watch=true). */
export function queryFlag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === '1' || v === 'true';
}
