// Image references as the container runtime normalises them: "nginx" → docker.io/library/nginx:latest.

export interface ImageRef {
  /** Registry host: "docker.io", "registry.k8s.io". */
  registry: string;
  /** Path inside the registry: "library/nginx", "coredns/coredns". */
  path: string;
  tag?: string;
  digest?: string;
  /** Fully qualified, as containerd reports it in status.image: "docker.io/library/nginx:latest". */
  full: string;
}

/** Split an image reference the way docker/distribution's reference.ParseNormalizedNamed does. */
export function parseImageRef(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const first = rest.split('/')[0];
  const hasRegistry = rest.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? rest.slice(first.length + 1) : rest;
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  const shownTag = tag ?? (digest ? undefined : 'latest');
  const full = `${registry}/${path}${shownTag ? `:${shownTag}` : ''}${digest ? `@${digest}` : ''}`;
  return { registry, path, tag, digest, full };
}

/** The default imagePullPolicy: Always for `:latest` or no tag (without digest), else IfNotPresent. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const ref = parseImageRef(image);
  if (ref.digest) return 'IfNotPresent';
  return ref.tag === undefined || ref.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
