// GET and LIST: one object by name, or all of a kind filtered by namespace, label and field selectors.
import type { ApiResult, ListOptions, ObjectRef } from './api.ts';
import { namespaceOf, resolveKind, unknownResource, type ApiContext } from './context.ts';
import { matchesSelector } from './selector.ts';
import { fail, notFound } from './status.ts';
import { clone } from './store.ts';
import type { KObject } from './types.ts';

/** Field paths `--field-selector` accepts, and how to read them. */
const FIELD_GETTERS: Record<string, (o: KObject) => string> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace ?? '',
  'spec.nodeName': (o) => String(o.spec?.nodeName ?? ''),
  'status.phase': (o) => String(o.status?.phase ?? ''),
  'spec.schedulerName': (o) => String(o.spec?.schedulerName ?? ''),
  'status.podIP': (o) => String(o.status?.podIP ?? ''),
  reason: (o) => String(o.reason ?? ''),
  type: (o) => String(o.type ?? ''),
  source: (o) => String((o.source as { component?: string } | undefined)?.component ?? ''),
};

/** Events also select on their involved object (`kubectl describe` asks for `involvedObject.name=x,...`). */
for (const f of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'fieldPath']) {
  FIELD_GETTERS[`involvedObject.${f}`] = (o) => String((o.involvedObject as Record<string, unknown> | undefined)?.[f] ?? '');
}

export function getObject(ctx: ApiContext, ref: ObjectRef): ApiResult {
  const t = resolveKind(ref.kind);
  if (!t) return fail(unknownResource(ref.kind));
  const o = ctx.world.store.get(t.kind, namespaceOf(t, ref.namespace), ref.name);
  return o ? { ok: true, object: o } : fail(notFound(t, ref.name));
}

export function listObjects(ctx: ApiContext, kind: string, options: ListOptions = {}): KObject[] {
  const t = resolveKind(kind);
  if (!t) return [];
  // Select on the stored objects, then copy only what is returned (a large cluster lists thousands of pods).
  const items = ctx.world.store.scan(t.kind, t.namespaced ? options.namespace : undefined);
  return items
    .filter((o) => {
      if (options.selector && !matchesSelector(options.selector, o.metadata.labels)) return false;
      for (const [path, want] of Object.entries(options.fieldSelector ?? {})) {
        const get = FIELD_GETTERS[path];
        if (!get || get(o) !== want) return false;
      }
      return true;
    })
    .map((o) => clone(o));
}
