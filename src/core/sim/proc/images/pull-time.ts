// How long an image pull takes in simulated time: a base per image plus a stable per-tag spread (no randomness).

/** Base pull time plus 0–20% derived from the name, so different tags differ but the same tag is always the same. */
export function pullTime(repository: string, tag: string, baseMs: number): number {
  let h = 2166136261;
  for (const ch of `${repository}:${tag}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return Math.round(baseMs * (1 + (h % 200) / 1000));
}
