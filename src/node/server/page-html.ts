// The HTML shell of every page (lesson list and lesson pages), the same for the server and the static build.
import type { CatalogJson } from './lesson-catalog.ts';

/** What the shell tells the page (web/config.ts reads it). */
export interface ShellConfig {
  mode: 'static' | 'served';
  root: string;
  lessonId?: string;
  shell: boolean;
  backend: string;
}

/** JSON that is safe inside <script>: no "</script>" or "<!--" can end or confuse it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** What a page carries beside its config. */
export interface PageExtras {
  /** A lesson page's own entries (its translations, as in lessons.json): the page needs no second fetch. */
  lessons?: CatalogJson['lessons'];
  /** Chunks app.js imports statically: fetched beside it rather than after it is parsed. */
  preload?: string[];
}

/**
 * A static lesson page starts its Worker from the HTML, before app.js is even fetched, telling it in the URL's
 * fragment which lesson this is and the languages the page will prefer (as web/components/podlab-lang-switch.ts's
 * preferredLangs orders them): the worker reads the lesson's entries from this page itself and boots its cluster
 * while the page loads (web/worker.ts selfStart, Session.prepare). app.js adopts it (web/session/connect.ts).
 * Nothing is parsed or posted here: the page's main thread is left to the page. It comes before the entries' block,
 * so the Worker starts before the parser has read the ~100 KiB of it. Served pages have no Worker (and their CSP
 * allows no inline script).
 */
function bootScript(root: string, lessonId: string): string {
  return `<script>
(function () {
  var langs = [], q = new URLSearchParams(location.search).get('lang');
  if (q) langs.push(q);
  try { var saved = localStorage.getItem('podlab:lang'); if (saved) langs.push(saved); } catch (e) {}
  langs = langs.concat(navigator.languages || [navigator.language]);
  var boot = new URLSearchParams({ lesson: ${scriptJson(lessonId)}, langs: langs.join(',') });
  var w = new Worker(${scriptJson(`${root}worker.js`)} + '#' + boot, { type: 'module', name: 'podlab-kernel' });
  w.onerror = function (e) { w.podlabError = e.message || 'it could not start'; };
  window.podlabWorker = w;
})();
</script>
`;
}

/** The page: a config block, the app bundle, and the one root element. Fonts are the system's. */
export function pageHtml(config: ShellConfig, title = 'podlab', extras: PageExtras = {}): string {
  const preload = (extras.preload ?? [])
    .map(
      (f) => `<link rel="modulepreload" href="${config.root}${f}">
`,
    )
    .join('');
  const lessons = extras.lessons
    ? `<script type="application/json" id="podlab-lessons">${scriptJson({ lessons: extras.lessons })}</script>
`
    : '';
  const boot = extras.lessons && config.mode === 'static' && config.lessonId ? bootScript(config.root, config.lessonId) : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23326ce5'/%3E%3Ccircle cx='8' cy='8' r='3.5' fill='white'/%3E%3C/svg%3E">
<title>${title.replace(/[<>&"]/g, '')}</title>
<link rel="modulepreload" href="${config.root}app.js">
${preload}<style>
  :root {
    --podlab-sans: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif;
    --podlab-mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
    --podlab-border: #d0d7de;
  }
  @media (prefers-color-scheme: dark) {
    :root {
      --podlab-bg: #0d1117; --podlab-fg: #e6edf3; --podlab-muted: #9198a1; --podlab-border: #3d444d; --podlab-bar: #151b23;
      --podlab-link: #4493f8; --podlab-editor-bg: #161b22; --podlab-danger: #ff7b72; --podlab-success: #3fb950; --podlab-attention: #d29922;
      --podlab-attention-fg: #e3b341; --podlab-success-bg: #12261e; --podlab-danger-bg: #2d1518; --podlab-danger-fg: #ffa198; --podlab-attention-bg: #2e2812; --podlab-subtle: #262c36;
      --podlab-pod-bg: #0c2d6b; --podlab-pod-fg: #cae8ff; --podlab-svc-bg: #271052; --podlab-svc-fg: #d2a8ff;
    }
  }
  html, body { margin: 0; padding: 0; background: var(--podlab-bg, #fff); color: var(--podlab-fg, #1f2328); font-family: var(--podlab-sans); }
  noscript { display: block; padding: 24px; }
</style>
<script type="application/json" id="podlab-config">${scriptJson(config)}</script>
${boot}${lessons}<script type="module" src="${config.root}app.js"></script>
</head>
<body>
<podlab-app></podlab-app>
<noscript>podlab lessons need JavaScript: the cluster simulator runs in the page.</noscript>
</body>
</html>
`;
}
