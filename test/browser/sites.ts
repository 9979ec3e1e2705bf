// The two ways the page is delivered, started for tests and benchmarks: served by podlab, and built then served as plain files.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Backend } from '../../src/core/backend.ts';
import { SimBackend } from '../../src/core/sim/sim-backend.ts';
import { bundleWeb, REPO_ROOT } from '../../src/node/server/bundle.ts';
import { loadCatalog } from '../../src/node/server/lesson-catalog.ts';
import { startServer } from '../../src/node/server/server.ts';
import { buildStaticSite } from '../../src/node/server/static-site.ts';
import { serveFolder } from './static-server.ts';

export interface Site {
  name: 'served' | 'static';
  url: string;
  close(): Promise<void>;
}

/** The lessons the page tests use: the real ones and the page fixtures. */
export const TEST_LESSON_PATHS = [path.join(REPO_ROOT, 'lessons'), path.join(REPO_ROOT, 'test/fixtures/web/broken-expectation.en.md')];

/** `podlab serve` on a free port (or on `port`: a restarted server). */
export async function startServedSite(
  paths = TEST_LESSON_PATHS,
  createBackend: () => Backend = () => new SimBackend(),
  port = 0,
): Promise<Site> {
  const catalog = await loadCatalog(paths);
  const server = await startServer({
    catalog,
    host: '127.0.0.1',
    port,
    backendName: 'simulator',
    createBackend,
    bundle: await bundleWeb({ entries: ['app'] }),
  });
  return { name: 'served', url: server.url, close: () => server.close() };
}

/** `podlab build` into test-output/, then a plain static file server over it. */
export async function startStaticSite(paths = TEST_LESSON_PATHS, outDir = path.join(REPO_ROOT, 'test-output/static-site')): Promise<Site> {
  await rm(outDir, { recursive: true, force: true });
  await buildStaticSite(await loadCatalog(paths), outDir);
  const files = await serveFolder(outDir);
  return { name: 'static', url: files.url, close: () => files.close() };
}
