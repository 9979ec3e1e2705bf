// Rolling-update arithmetic (pkg/controller/deployment/rolling.go, util): how far to scale the new ReplicaSet
// up and the old ones down without breaking maxSurge / maxUnavailable.

/** An intstr ("25%" or 2) resolved against `total`, rounding up (surge) or down (unavailable). */
export function resolveIntOrPercent(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? ''));
  if (!m) return Number(v) || 0;
  const exact = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable for `desired` replicas; both zero would deadlock, so unavailable becomes 1. */
export function surgeAndUnavailable(
  strategy: { rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } } | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = resolveIntOrPercent(strategy?.rollingUpdate?.maxSurge ?? '25%', desired, true);
  let unavailable = resolveIntOrPercent(strategy?.rollingUpdate?.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, desired) };
}

export interface RsView {
  name: string;
  replicas: number;
  available: number;
  /** Creation order key (older first). */
  created: string;
}

/** NewRSNewReplicas: the new ReplicaSet's next size during a rolling update. */
export function newRsTarget(desired: number, surge: number, newRs: RsView, all: RsView[]): number {
  if (newRs.replicas > desired) return desired;
  const current = all.reduce((n, r) => n + r.replicas, 0);
  const room = desired + surge - current;
  if (room <= 0) return newRs.replicas;
  return newRs.replicas + Math.min(room, desired - newRs.replicas);
}

/** reconcileOldReplicaSets: new sizes for the old ReplicaSets (oldest scaled down first). */
export function oldRsTargets(desired: number, unavailable: number, newRs: RsView, olds: RsView[]): Map<string, number> {
  const sizes = new Map(olds.map((r) => [r.name, r.replicas]));
  const all = [newRs, ...olds];
  const minAvailable = desired - unavailable;
  const newUnavailable = newRs.replicas - newRs.available;
  let maxScaledDown = all.reduce((n, r) => n + r.replicas, 0) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return sizes;
  const byAge = [...olds].sort((a, b) => a.created.localeCompare(b.created));
  // First drop old replicas that are not available anyway.
  for (const r of byAge) {
    if (maxScaledDown <= 0) break;
    const unhealthy = r.replicas - r.available;
    if (unhealthy <= 0) continue;
    const n = Math.min(maxScaledDown, unhealthy);
    sizes.set(r.name, r.replicas - n);
    maxScaledDown -= n;
  }
  // Then scale down available ones while staying above minAvailable.
  const availableNow = all.reduce((n, r) => n + r.available, 0);
  let budget = Math.max(0, availableNow - minAvailable);
  for (const r of byAge) {
    if (budget <= 0) break;
    const cur = sizes.get(r.name) ?? 0;
    const n = Math.min(cur, budget);
    sizes.set(r.name, cur - n);
    budget -= n;
  }
  return sizes;
}
