// Turning the words of an expectation (`busybox`, `ns/web`, `henry003`) into probe endpoints.
import type { Endpoint } from '../backend.ts';
import type { Lesson } from '../lesson/model.ts';

/** A source is a node when the lesson's cluster has a node of that name; otherwise a pod (`name` or `namespace/name`). */
export function endpointFor(word: string, lesson: Pick<Lesson, 'cluster'>): Endpoint {
  if (lesson.cluster.nodes.some((n) => n.name === word)) return { kind: 'node', name: word };
  const slash = word.indexOf('/');
  if (slash > 0) return { kind: 'pod', namespace: word.slice(0, slash), name: word.slice(slash + 1) };
  return { kind: 'pod', name: word };
}

export function endpointLabel(e: Endpoint): string {
  return e.kind === 'node' ? e.name : e.namespace && e.namespace !== 'default' ? `${e.namespace}/${e.name}` : e.name;
}
