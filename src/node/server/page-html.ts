// The HTML shell of every page (lesson list and lesson pages), the same for the server and the static build.

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

/** The page: a config block, the app bundle, and the one root element. Fonts are the system's. */
export function pageHtml(config: ShellConfig, title = 'podlab'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%23326ce5'/%3E%3Ccircle cx='8' cy='8' r='3.5' fill='white'/%3E%3C/svg%3E">
<title>${title.replace(/[<>&"]/g, '')}</title>
<link rel="modulepreload" href="${config.root}app.js">
<style>
  :root {
    --podlab-sans: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Helvetica Neue", Arial, "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei", sans-serif;
    --podlab-mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;
    --podlab-border: #d0d7de;
  }
  html, body { margin: 0; padding: 0; background: #fff; color: #1f2328; font-family: var(--podlab-sans); }
  noscript { display: block; padding: 24px; }
</style>
<script type="application/json" id="podlab-config">${scriptJson(config)}</script>
<script type="module" src="${config.root}app.js"></script>
</head>
<body>
<podlab-app></podlab-app>
<noscript>podlab lessons need JavaScript: the cluster simulator runs in the page.</noscript>
</body>
</html>
`;
}
