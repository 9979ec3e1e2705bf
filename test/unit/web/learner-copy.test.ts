// Pages get the learner's copy only: the static build and the server never hand out reference solutions, hidden cells or hidden checks.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lesson } from '../../../src/core/lesson/model.ts';
import { bundleWeb, REPO_ROOT } from '../../../src/node/server/bundle.ts';
import { learnerLesson } from '../../../src/node/server/learner-copy.ts';
import { loadCatalog, type LessonCatalog } from '../../../src/node/server/lesson-catalog.ts';
import { startServer, type PodlabServer } from '../../../src/node/server/server.ts';
import { buildStaticSite } from '../../../src/node/server/static-site.ts';
import { SimBackend } from '../../../src/core/sim/sim-backend.ts';

const LESSONS = path.join(REPO_ROOT, 'lessons');

/**
 * Text only the secret parts of the lessons hold: lines of exercise cells' reference solutions, of hidden
 * cells, and hidden checks, each kept only when it occurs exactly once in its lesson's source and in no
 * other lesson (translations share their solutions), so finding it in the output can only mean it leaked.
 */
function secrets(lessons: Lesson[]): string[] {
  const out = new Set<string>();
  for (const l of lessons) {
    const others = lessons
      .filter((o) => o.id !== l.id)
      .map((o) => o.source)
      .join('\n');
    const once = (s: string) => s.length >= 12 && l.source.split(s).length === 2 && !others.includes(s);
    for (const c of l.cells) {
      const lines = c.kind === 'file' ? c.content.split('\n') : c.lines;
      if (c.exercise || c.hidden) for (const line of lines.map((x) => x.trim()).filter(once)) out.add(line);
      for (const e of c.expectations) if (e.hidden || c.hidden) if (once(e.text)) out.add(e.text);
    }
  }
  return [...out];
}

/** Every secret found in `text` (raw, or escaped the way JSON writes it). */
function leaked(text: string, secret: string[]): string[] {
  return secret.filter((s) => text.includes(s) || text.includes(JSON.stringify(s).slice(1, -1)));
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('the learner copy', () => {
  let catalog: LessonCatalog;
  let secret: string[];
  before(async () => {
    catalog = await loadCatalog([LESSONS]);
    secret = secrets(catalog.lessons);
  });

  test('the secrets the checks below look for are real: solutions and hidden checks of the shipped exercises', () => {
    for (const s of [
      'targetPort: 80',
      'output matches /^web-\\S+\\nweb-\\S+$/m [hidden points=1 id=two-endpoints]',
      'kubectl exec busybox -- wget -qO- -T 2 web',
    ]) {
      assert.ok(secret.includes(s), `${s} is among ${secret.length} secrets`);
    }
    assert.ok(secret.length >= 20, `${secret.length} secrets`);
  });

  test('learnerLesson: placeholders in exercise cells, no hidden cells or checks; ordinary lessons pass through', () => {
    const full = catalog.find('service-basics', 'en');
    assert.ok(full);
    const copy = learnerLesson(full);
    const service = copy.cells.find((c) => c.id === 'service');
    assert.equal(service?.kind === 'file' ? service.content : undefined, '# TODO: write service.yaml here\n');
    assert.deepEqual(
      copy.cells.filter((c) => c.hidden),
      [],
    );
    assert.deepEqual(
      copy.cells.flatMap((c) => c.expectations).filter((e) => e.hidden),
      [],
    );
    assert.deepEqual(
      copy.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    assert.deepEqual(
      copy.cells.map((c) => c.id),
      ['look', 'service', 'apply', 'replace'],
      'visible cells keep their ids',
    );
    const article = catalog.find('pod-networking', 'en');
    assert.ok(article);
    assert.equal(learnerLesson(article), article, 'nothing to strip: the same lesson');
  });

  test('podlab build: no file of the static site holds a solution, a hidden cell or a hidden check', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'podlab-learner-'));
    try {
      await buildStaticSite(catalog, out, await bundleWeb());
      const files = await filesUnder(out);
      assert.ok(files.some((f) => f.endsWith('lessons.json')) && files.some((f) => f.endsWith('worker.js')));
      for (const f of files) assert.deepEqual(leaked(await readFile(f, 'utf8'), secret), [], `${path.relative(out, f)} leaks`);
      const json = await readFile(path.join(out, 'lessons.json'), 'utf8');
      assert.match(json, /# TODO: write service\.yaml here/, 'the exercise is there, as the student copy');
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  describe('podlab serve', () => {
    let server: PodlabServer;
    before(async () => {
      server = await startServer({
        catalog,
        host: '127.0.0.1',
        port: 0,
        backendName: 'simulator',
        createBackend: () => new SimBackend(),
        bundle: new Map([['app.js', '']]),
      });
    });
    after(async () => server.close());

    test('lessons.json is the learner copy too', async () => {
      const json = await (await fetch(`${server.url}lessons.json`)).text();
      assert.deepEqual(leaked(json, secret), []);
      assert.match(json, /# TODO: write service\.yaml here/);
    });
  });
});
