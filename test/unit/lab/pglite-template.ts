// A fresh embedded database directory for tests about something else (crashes, pools, the lab server): a copy of
// one PGlite creates once per PGlite version and machine. PGlite's initdb of a new directory takes seconds (tens on
// a busy machine), its copy a fraction of one; the copy is what `new PGlite(dir)` leaves after creating `dir`, with
// no table in it, so openStore still applies every migration. test/unit/lab/store.test.ts and lab-cli.test.ts keep
// opening new, empty directories.
import { cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Fill `dir` (new and empty, or absent) with a newly created PGlite database; returns `dir`. */
export async function freshPgliteDir(dir: string): Promise<string> {
  const pkg = path.join(path.dirname(new URL(import.meta.resolve('@electric-sql/pglite')).pathname), '..', 'package.json');
  const { version } = JSON.parse(await readFile(pkg, 'utf8')) as { version: string };
  const template = path.join(tmpdir(), `podlab-test-pglite-${version}`);
  try {
    await cp(template, dir, { recursive: true, errorOnExist: true, force: false });
    return dir;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // No template yet: create one beside where it goes, then move it there in one step (another test process may race).
  const building = await mkdtemp(`${template}.building-`);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(building);
  await db.waitReady;
  await db.close();
  try {
    await rename(building, template);
  } catch {
    await rm(building, { recursive: true, force: true });
  }
  await cp(template, dir, { recursive: true, errorOnExist: true, force: false });
  return dir;
}
