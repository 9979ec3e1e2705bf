// The event correlator of client-go's legacy recorder (k8s.io/client-go/tools/record/events_cache.go), which every
// kubelet and controller runs before an Event reaches the apiserver: a per-object spam filter (burst 25, then one
// event every 5 minutes), and aggregation of similar events (same source, object, type and reason; another message):
// from the 10th distinct message within 10 minutes they go into one event "(combined from similar events): …" whose
// count grows. Identical events are counted by the recorder itself (events.ts). The core/v1 recorder does not fill
// `series` (that is the events.k8s.io/v1 recorder's, k8s.io/client-go/tools/events), so neither does this.
//
// One difference, on purpose: client-go keeps these records in a 4096-entry LRU per component, which never evicts on
// a real node (at most 110 pods); the simulator lets thousands of pods sit on one node, where an LRU would thrash and
// let every retry through. Records are dropped instead when they can no longer change a decision (prune()).

/** defaultAggregateMaxEvents, defaultAggregateIntervalInSeconds. */
export const AGGREGATE_MAX_EVENTS = 10;
export const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst, defaultSpamQPS (1/300). */
export const SPAM_BURST = 25;
export const SPAM_REFILL_MS = 300_000;
/** How often prune() walks the records (simulated ms). */
const PRUNE_EVERY_MS = 60_000;
/** The prefix of EventAggregatorByReasonMessageFunc. */
export const COMBINED_PREFIX = '(combined from similar events): ';

export interface AggregateRecord {
  localKeys: Set<string>;
  last: number;
  /** The aggregate event's name, once one was created (the recorder updates it from then on). */
  eventName?: string;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** What to do with an event: drop it, or record it (as the aggregate of `aggregateKey` when that is set). */
export type Correlation = { skip: true } | { skip: false; message: string; aggregate?: AggregateRecord };

export class EventCorrelator {
  private readonly buckets = new Map<string, Bucket>();
  private readonly aggregates = new Map<string, AggregateRecord>();
  private prunedAt = -Infinity;

  /**
   * `spamKey`: source and involved object (getSpamKey); `aggregateKey`: that plus type and reason
   * (EventAggregatorByReasonFunc); the message is the local key. `now` is simulated ms.
   */
  correlate(spamKey: string, aggregateKey: string, message: string, now: number): Correlation {
    // EventSourceObjectSpamFilter.Filter: a token bucket per source+object.
    const b = this.buckets.get(spamKey) ?? { tokens: SPAM_BURST, at: now };
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.at) / SPAM_REFILL_MS);
    b.at = now;
    this.buckets.set(spamKey, b);
    if (b.tokens < 1) return { skip: true };
    b.tokens -= 1;
    // EventAggregator.EventAggregate
    let record = this.aggregates.get(aggregateKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS) {
      record = { localKeys: new Set(), last: now };
      this.aggregates.set(aggregateKey, record);
    }
    record.localKeys.add(message);
    record.last = now;
    if (record.localKeys.size < AGGREGATE_MAX_EVENTS) return { skip: false, message };
    // Do not grow the local key set any larger than the maximum (PopAny: here the oldest, for determinism).
    const first = record.localKeys.values().next().value as string;
    record.localKeys.delete(first);
    return { skip: false, message: COMBINED_PREFIX + message, aggregate: record };
  }

  /**
   * Forget records that can no longer change a decision: aggregation windows past, buckets full again. Called on
   * every controller pass; it walks the records at most once a simulated minute.
   */
  prune(now: number): void {
    if (now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    for (const [k, r] of this.aggregates) if (now - r.last > AGGREGATE_INTERVAL_MS) this.aggregates.delete(k);
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) / SPAM_REFILL_MS >= SPAM_BURST) this.buckets.delete(k);
  }

  /** Records held (tests, benches). */
  get size(): number {
    return this.aggregates.size + this.buckets.size;
  }
}
