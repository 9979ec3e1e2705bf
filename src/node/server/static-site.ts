// `podlab build`: the static site — pages (each lesson page with its lesson inside), lessons.json and the bundle — that
// runs with no podlab server (the Kernel in a Web Worker the lesson page starts from its HTML).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleWeb, staticImports, type WebBundle } from './bundle.ts';
import { learnerCatalog } from './learner-copy.ts';
import { type LessonCatalog, pageEntries } from './lesson-catalog.ts';
import { pageHtml } from './page-html.ts';
import { PodlabError } from '../../core/index.ts';

/** Lesson ids that are safe as one path segment. */
const SAFE_ID = /^(?!\.\.?$)[A-Za-z0-9._-]+$/;

export interface BuiltSite {
  /** Files written, relative to the output folder, with their sizes in bytes. */
  files: { path: string; bytes: number }[];
}

/** Write the site into `outDir` (created if missing; existing files of the same names are replaced). */
export async function buildStaticSite(lessons: LessonCatalog, outDir: string, bundle?: WebBundle): Promise<BuiltSite> {
  const js = bundle ?? (await bundleWeb());
  // lessons.json holds the learner's copy: the site is public, so solutions and hidden checks never go in.
  const catalog = learnerCatalog(lessons);
  const files = new Map<string, string>();
  const json = catalog.json();
  const preload = staticImports(js, 'app.js');
  files.set('index.html', pageHtml({ mode: 'static', root: './', shell: false, backend: 'simulator' }, 'podlab lessons', { preload }));
  for (const id of catalog.ids) {
    if (!SAFE_ID.test(id))
      throw new PodlabError('lesson-invalid', `lesson id "${id}" cannot be a folder name (letters, digits, '.', '_', '-')`);
    const title = catalog.find(id)?.title ?? id;
    // The lesson's translations go into its page: no lessons.json fetch, and the Worker starts from the HTML.
    const lessons = pageEntries(catalog, id);
    files.set(
      `lesson/${id}/index.html`,
      pageHtml({ mode: 'static', root: '../../', lessonId: id, shell: false, backend: 'simulator' }, title, { lessons, preload }),
    );
  }
  // The lesson list reads it (and so could other tools); lesson pages carry their own entries.
  files.set('lessons.json', JSON.stringify(json));
  for (const [name, text] of js) files.set(name, text);
  const written: BuiltSite['files'] = [];
  for (const [rel, text] of files) {
    const full = path.join(outDir, rel);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, text);
    written.push({ path: rel, bytes: Buffer.byteLength(text) });
  }
  return { files: written };
}
