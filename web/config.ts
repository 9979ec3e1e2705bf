// The page's configuration, written by the server or the static build into <script id="podlab-config">.

/** How the page reaches a Kernel: a Web Worker in the page (static) or the podlab server over a WebSocket (served). */
export type PageMode = 'static' | 'served';

export interface PageConfig {
  mode: PageMode;
  /** Relative URL of the site root from this page ("./", "../../"): assets and lessons.json live there. */
  root: string;
  /** The lesson this page shows; absent on the lesson list. */
  lessonId?: string;
  /** Served with --shell: the free terminal may open a host shell through node-pty. */
  shell: boolean;
  /** The backend lessons run on ("simulator"). */
  backend: string;
}

const DEFAULTS: PageConfig = { mode: 'static', root: './', shell: false, backend: 'simulator' };

/** Read and narrow the config from its JSON text; unknown or mistyped fields fall back to defaults. */
export function parseConfig(text: string | null | undefined): PageConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? '{}');
  } catch {
    raw = {};
  }
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return {
    mode: o.mode === 'served' ? 'served' : 'static',
    root: typeof o.root === 'string' ? o.root : DEFAULTS.root,
    lessonId: typeof o.lessonId === 'string' && o.lessonId !== '' ? o.lessonId : undefined,
    shell: o.shell === true,
    backend: typeof o.backend === 'string' ? o.backend : DEFAULTS.backend,
  };
}

/** The id of the config element in every page. */
export const CONFIG_ELEMENT_ID = 'podlab-config';

/** The id of the element a lesson page carries its lesson's entries in (`{"lessons": [...]}`, lessons.json's shape). */
export const LESSONS_ELEMENT_ID = 'podlab-lessons';
