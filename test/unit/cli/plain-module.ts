// A TypeScript module that imports only Node built-ins, transpiled by esbuild (as tsx would) into a plain .mjs, so a
// test can load it in a child process started without `--import tsx`: tsx's start-up (its loader hooks and esbuild
// service) costs a child seconds on a busy machine, and the child runs the same code.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';

/** Write `source` (a .ts file whose only runtime imports are `node:` built-ins) as `<dir>/<name>.mjs`; its file URL. */
export function plainModule(source: string, dir: string): string {
  const { code } = transformSync(readFileSync(source, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: source });
  const imports = /^(?:import|export)\b[^;]*?\bfrom\s*"([^"]+)"|^import\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"/gm;
  for (const m of code.matchAll(imports)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec.startsWith('node:')) throw new Error(`${source} imports ${spec} at run time: not a plain module`);
  }
  const out = path.join(dir, `${path.basename(source, '.ts')}.mjs`);
  writeFileSync(out, code);
  return pathToFileURL(out).href;
}
