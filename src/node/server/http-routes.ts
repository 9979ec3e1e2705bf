// The server's HTTP routes: page shells, the bundle, lessons.json — a table of path patterns, GET only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageHtml, type ShellConfig } from './page-html.ts';
import { type LessonCatalog, pageEntries } from './lesson-catalog.ts';
import { staticImports, type WebBundle } from './bundle.ts';
import { targetOf } from './request-guard.ts';

export interface RouteContext {
  catalog: LessonCatalog;
  bundle: WebBundle;
  shell: boolean;
  backend: string;
}

interface Reply {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
}

type Route = { pattern: RegExp; reply: (ctx: RouteContext, match: RegExpMatchArray) => Reply };

const HTML = 'text/html; charset=utf-8';

function page(ctx: RouteContext, root: string, lessonId?: string): Reply {
  const config: ShellConfig = { mode: 'served', root, lessonId, shell: ctx.shell, backend: ctx.backend };
  const title = lessonId ? (ctx.catalog.find(lessonId)?.title ?? 'podlab') : 'podlab lessons';
  // A lesson page carries its own entries (no lessons.json fetch); the list page fetches lessons.json.
  const lessons = lessonId ? pageEntries(ctx.catalog, lessonId) : undefined;
  return { status: 200, type: HTML, body: pageHtml(config, title, { lessons, preload: staticImports(ctx.bundle, 'app.js') }) };
}

function notFound(): Reply {
  return { status: 404, type: 'text/plain; charset=utf-8', body: 'not found\n' };
}

/** Paths the server answers, in order. */
export const ROUTES: Route[] = [
  { pattern: /^\/(index\.html)?$/, reply: (ctx) => page(ctx, './') },
  {
    pattern: /^\/lesson\/([A-Za-z0-9._-]+)\/(index\.html)?$/,
    reply: (ctx, m) => (ctx.catalog.find(m[1]) ? page(ctx, '../../', m[1]) : notFound()),
  },
  {
    pattern: /^\/lesson\/([A-Za-z0-9._-]+)$/,
    reply: (_ctx, m) => ({ status: 301, type: HTML, body: '', headers: { location: `/lesson/${m[1]}/` } }),
  },
  {
    pattern: /^\/lessons\.json$/,
    reply: (ctx) => ({ status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(ctx.catalog.json()) }),
  },
  {
    pattern: /^\/([A-Za-z0-9_-]+\.js)$/,
    reply: (ctx, m) => {
      const js = ctx.bundle.get(m[1]);
      return js === undefined ? notFound() : { status: 200, type: 'text/javascript; charset=utf-8', body: js };
    },
  },
  { pattern: /^\/healthz$/, reply: () => ({ status: 200, type: 'text/plain; charset=utf-8', body: 'ok\n' }) },
];

/** Headers on every reply: no sniffing, no framing, scripts only from here. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/** Answer one request from the route table. */
export function handleRequest(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): void {
  const method = req.method ?? 'GET';
  let reply: Reply;
  if (method !== 'GET' && method !== 'HEAD') {
    reply = { status: 405, type: 'text/plain; charset=utf-8', body: 'method not allowed\n', headers: { allow: 'GET, HEAD' } };
  } else {
    const path = targetOf(req.url)?.pathname ?? '';
    const route = ROUTES.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);
    reply = route?.m ? route.r.reply(ctx, route.m) : notFound();
  }
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, {
    ...SECURITY_HEADERS,
    'content-type': reply.type,
    'content-length': body.length,
    'cache-control': 'no-cache',
    ...reply.headers,
  });
  res.end(method === 'HEAD' ? undefined : body);
}
