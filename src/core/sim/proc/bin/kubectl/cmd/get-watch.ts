// `kubectl get -w`: after the table, print a row per change until the cell's time budget stops the command.
import { matchesSelector, parseSelector } from '../../../../api/selector.ts';
import type { WatchEvent } from '../../../../api/store.ts';
import type { Info } from '../fetch.ts';
import type { Kube } from '../kube.ts';
import { humanRows, type HumanOptions } from '../../../../api/printers/index.ts';
import type { TabWriter } from '../tabwriter.ts';

/** How long one wait between checks may last when nothing is scheduled (simulated ms). */
const IDLE_STEP_MS = 1000;

/**
 * Watch the store for objects of the listed type and print each changed object's row, aligned with the
 * header (kubectl's remembered tabwriter widths). Real kubectl runs until interrupted; here it returns
 * when the terminal's time budget runs out (its exit status is then ignored).
 */
export function watchRows(k: Kube, info: Info, tw: TabWriter, opts: HumanOptions, headerPrinted: boolean, selector: string): number {
  const sel = selector ? parseSelector(selector) : undefined;
  const names = info.listed ? undefined : new Set(info.objects.map((o) => o.metadata.name));
  const pending: WatchEvent[] = [];
  const unsubscribe = k.ctx.kube.watch((e) => {
    const o = e.object;
    if (o.kind !== info.type.kind) return;
    if (info.type.namespaced && !opts.withNamespace && (o.metadata.namespace ?? '') !== k.namespace) return;
    if (names && !names.has(o.metadata.name)) return;
    if (sel?.ok && !matchesSelector(sel.selector, o.metadata.labels)) return;
    pending.push(e);
  });
  let printedHeader = headerPrinted;
  try {
    for (;;) {
      if (!k.sleepUntilNextEvent(IDLE_STEP_MS)) return 0;
      if (pending.length === 0) continue;
      const objects = pending.splice(0).map((e) => e.object);
      const rows = humanRows(info.type.kind, objects, k.now(), { ...opts, noHeaders: opts.noHeaders || printedHeader });
      printedHeader = true;
      tw.write(rows.join('\n') + '\n');
      k.out(tw.flush());
    }
  } finally {
    unsubscribe();
  }
}
