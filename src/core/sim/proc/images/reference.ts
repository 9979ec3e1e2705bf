// Image references as the catalog keys them: "docker.io/library/nginx:latest" and "nginx" are the same image.
import { parseImageRef } from '../../api/image-ref.ts';

/** A reference reduced to what the catalog looks up: the repository as people write it, and the tag. */
export interface CatalogRef {
  /** "nginx", "nicolaka/netshoot", "registry.k8s.io/e2e-test-images/agnhost". */
  repository: string;
  /** The tag, "latest" when none was given (a digest-only reference also counts as latest). */
  tag: string;
}

/** Normalise an image string: Docker Hub's `docker.io/` and `library/` prefixes are dropped, the tag defaults to latest. */
export function catalogRef(image: string): CatalogRef {
  const ref = parseImageRef(image.trim());
  const hub = ref.registry === 'docker.io' || ref.registry === 'index.docker.io' || ref.registry === 'registry-1.docker.io';
  const path = hub && ref.path.startsWith('library/') ? ref.path.slice('library/'.length) : ref.path;
  const repository = hub ? path : `${ref.registry}/${path}`;
  return { repository: repository.toLowerCase(), tag: ref.tag ?? 'latest' };
}

/** "1.27.3" → [1, 27, 3]; undefined when the tag does not start with a version. */
export function tagVersion(tag: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)/.exec(tag);
  return m ? m[1].split('.').map(Number) : undefined;
}

/** The tag's variant suffix: "1.27-alpine" → "alpine", "alpine" → "alpine", "1.36.1-musl" → "musl". */
export function tagVariant(tag: string): string {
  if (tagVersion(tag) === undefined) return tag;
  const dash = tag.indexOf('-');
  return dash < 0 ? '' : tag.slice(dash + 1);
}
