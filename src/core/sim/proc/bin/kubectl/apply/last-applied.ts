// The kubectl.kubernetes.io/last-applied-configuration annotation: what kubectl apply remembers of a manifest.
import type { KObject } from '../../../../api/types.ts';
import { goJson } from '../output/go-json.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object with the annotation set to its own JSON (sorted keys, compact, newline-terminated, and with
 * `"annotations":{}` when there were none), as util.GetModifiedConfiguration builds it.
 */
export function withLastApplied(obj: KObject): KObject {
  const copy = JSON.parse(JSON.stringify(obj)) as KObject;
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  copy.metadata.annotations = annotations;
  const text = goJson(copy) + '\n';
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: text };
  return copy;
}

/** The last-applied manifest of a live object, if it has a parsable one. */
export function lastApplied(obj: KObject): Record<string, unknown> | undefined {
  const text = obj.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
