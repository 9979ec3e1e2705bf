// Reading `-f FILE|DIR|-` (and -R) through the host's filesystem: files in lexical order, .json/.yaml/.yml only in dirs.
import type { ResourceType } from '../../../../api/resources.ts';
import { resourceForKind, RESOURCES } from '../../../../api/resources.ts';
import type { KObject } from '../../../../api/types.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { parseManifests } from '../../../../api/manifest.ts';

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** One object read from a file, with where it came from and its resource type. */
export interface ManifestItem {
  object: KObject;
  type: ResourceType;
  /** The file name as kubectl shows it in messages (`pod.yaml`, `dir/svc.yaml`, `STDIN`). */
  source: string;
}

export type ReadResult = { ok: true; items: ManifestItem[]; errors: string[] } | { ok: false; error: string };

/** POSIX join + normalize of a path relative to cwd. */
export function resolvePath(cwd: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${cwd}/${p}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

function joinShown(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The mapping error kubectl prints for kinds it does not know. */
function mappingError(obj: KObject, source: string, namespace: string): string {
  const t = RESOURCES.find((r) => r.kind === obj.kind);
  const ns = t?.namespaced ? (obj.metadata.namespace ?? namespace) : (obj.metadata.namespace ?? '');
  return (
    `resource mapping not found for name: "${obj.metadata.name ?? ''}" namespace: "${ns}" from "${source}": ` +
    `no matches for kind "${obj.kind}" in version "${String(obj.apiVersion ?? '')}"\nensure CRDs are installed first`
  );
}

/**
 * Read and decode every object named by -f. Problems with paths stop everything (like kubectl's builder);
 * decoding and mapping errors are collected per file and the other files still count (ContinueOnError).
 */
export function readObjectsFromFlags(k: Kube, f: Flags): ReadResult {
  const fs = k.ctx.fs;
  const recursive = f.bool('recursive');
  const sources: { shown: string; text: string }[] = [];
  for (const name of f.list('filename')) {
    if (name === '-') {
      sources.push({ shown: 'STDIN', text: k.ctx.stdin });
      continue;
    }
    if (/^https?:\/\//.test(name)) return { ok: false, error: `unable to read URL "${name}", server reported no such host` };
    const abs = resolvePath(k.ctx.cwd, name);
    if (fs.isDir(abs)) {
      const walk = (dirAbs: string, dirShown: string, top: boolean): void => {
        for (const entry of fs.list(dirAbs) ?? []) {
          const childAbs = `${dirAbs}/${entry}`;
          const childShown = joinShown(dirShown, entry);
          if (fs.isDir(childAbs)) {
            if (recursive) walk(childAbs, childShown, false);
            continue;
          }
          if (!EXTENSIONS.some((e) => entry.endsWith(e))) continue;
          sources.push({ shown: childShown, text: fs.read(childAbs) ?? '' });
        }
        void top;
      };
      walk(abs, name, true);
      continue;
    }
    const text = fs.read(abs);
    if (text === undefined) return { ok: false, error: `the path "${name}" does not exist` };
    sources.push({ shown: name, text });
  }
  const items: ManifestItem[] = [];
  const errors: string[] = [];
  for (const src of sources) {
    const d = parseManifests(src.text, src.shown);
    for (const object of d.objects) {
      const type = resourceForKind(object.kind, String(object.apiVersion ?? ''));
      if (!type) errors.push(mappingError(object, src.shown, k.namespace));
      else items.push({ object, type, source: src.shown });
    }
    // the objects before a bad document still count, as with kubectl's stream visitor
    for (const diag of d.diagnostics) if (diag.severity === 'error') errors.push(diag.message);
  }
  return { ok: true, items, errors };
}
