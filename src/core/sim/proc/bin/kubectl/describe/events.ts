// The Events section of describe: events about an object, oldest first, with "(x3 over 5m)" intervals.
import type { KObject } from '../../../../api/types.ts';
import { age } from '../../../../api/duration.ts';
import type { Kube } from '../kube.ts';
import type { DescribeWriter } from './writer.ts';

interface EventObj {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  source?: { component?: string };
  reportingController?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  series?: { count?: number; lastObservedTime?: string };
}

/** Events whose involvedObject is `obj` (searchEvents: name, namespace, kind, uid). */
export function eventsFor(k: Kube, obj: KObject): KObject[] {
  const ns = obj.metadata.namespace;
  return k.api.list('Event', ns ? { namespace: ns } : {}).filter((e) => {
    const io = (e as unknown as EventObj).involvedObject ?? {};
    if (io.name !== obj.metadata.name) return false;
    if (io.kind && io.kind !== obj.kind) return false;
    // a Node's events carry its uid (controllers) or its name as uid (the kubelet): NodeDescriber merges both
    if (io.uid && obj.metadata.uid && io.uid !== obj.metadata.uid && !(obj.kind === 'Node' && io.uid === obj.metadata.name)) return false;
    return true;
  });
}

/** DescribeEvents: flushes the alignment first, so the events table lines up on its own. */
export function describeEvents(w: DescribeWriter, events: KObject[], nowMs: number): void {
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const list = events.map((e) => e as unknown as EventObj);
  const last = (e: EventObj) => e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
  list.sort((a, b) => (last(a) < last(b) ? -1 : last(a) > last(b) ? 1 : 0));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of list) {
    const first = e.eventTime ? age(e.eventTime, nowMs) : age(e.firstTimestamp, nowMs);
    let interval = first;
    if (e.series) interval = `${age(e.series.lastObservedTime, nowMs)} (x${e.series.count ?? 1} over ${first})`;
    else if ((e.count ?? 1) > 1) interval = `${age(e.lastTimestamp, nowMs)} (x${e.count} over ${first})`;
    const source = e.source?.component || e.reportingController || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
