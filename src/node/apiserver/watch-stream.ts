// A watch request: a chunked stream of JSON events (ADDED/MODIFIED/DELETED/ERROR) filtered by kind, namespace
// and selectors, from a resourceVersion; as Tables when kubectl asks (`kubectl get -w`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type KObject, type LabelSelector, matchesSelector } from '../../core/sim/index.ts';
import { matchesFields, type FieldSelector } from './field-selector.ts';
import { statusOf } from './http-util.ts';
import type { ResourcePath } from './request-path.ts';
import { buildTable, type IncludeObject } from './table.ts';
import type { CachedEvent, WatchHub } from './watch-hub.ts';

export interface WatchRequest {
  path: ResourcePath;
  labels?: LabelSelector;
  fields: FieldSelector;
  /** undefined or 0: start with the current objects as ADDED events. */
  resourceVersion?: number;
  timeoutSeconds?: number;
  /** Serve Table rows instead of objects. */
  table?: { include: IncludeObject; now: () => number };
}

type Emit = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KObject };

/** What a watcher with selectors sees of one store event (a MODIFIED that leaves the selection is a DELETED). */
function project(w: WatchRequest, e: CachedEvent): Emit | undefined {
  const matches = (o: KObject | undefined): boolean => {
    if (!o || o.kind !== w.path.type.kind) return false;
    if (w.path.namespace !== undefined && (o.metadata.namespace ?? '') !== w.path.namespace) return false;
    if (w.path.name !== undefined && o.metadata.name !== w.path.name) return false;
    return (!w.labels || matchesSelector(w.labels, o.metadata.labels)) && matchesFields(w.fields, o);
  };
  const now = e.type !== 'DELETED' && matches(e.object);
  const before = e.type !== 'ADDED' && matches(e.type === 'DELETED' ? (e.previous ?? e.object) : e.previous);
  if (e.type === 'DELETED') return before || matches(e.object) ? { type: 'DELETED', object: e.object } : undefined;
  if (now && before) return { type: 'MODIFIED', object: e.object };
  if (now) return { type: 'ADDED', object: e.object };
  if (before) return { type: 'DELETED', object: e.object };
  return undefined;
}

/** Serve a watch until the client goes away, the timeout passes or the server closes. */
export function serveWatch(
  req: IncomingMessage,
  res: ServerResponse,
  hub: WatchHub,
  w: WatchRequest,
  initial: () => KObject[],
  onClose: (close: () => void) => () => void,
): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  // Send the headers now: a watch with nothing to report yet must still answer (client-go waits for them).
  res.flushHeaders();
  let headersSent = false;
  const write = (e: Emit) => {
    let object: unknown = e.object;
    if (w.table) {
      object = buildTable(w.path.type.kind, [e.object], w.table.now(), {
        include: w.table.include,
        resourceVersion: e.object.metadata.resourceVersion ?? '',
        withHeaders: !headersSent,
      });
      headersSent = true;
    }
    res.write(`${JSON.stringify({ type: e.type, object })}\n`);
  };
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    unsubscribe();
    unregister();
    if (timer) clearTimeout(timer);
    res.end();
  };
  const unsubscribe = hub.subscribe((e) => {
    const p = project(w, e);
    if (p) write(p);
  });
  const unregister = onClose(stop);
  const timer = w.timeoutSeconds && w.timeoutSeconds > 0 ? setTimeout(stop, w.timeoutSeconds * 1000) : undefined;
  req.on('close', stop);
  res.on('error', stop);

  if (!w.resourceVersion) {
    for (const o of initial()) write({ type: 'ADDED', object: o });
    return;
  }
  const missed = hub.since(w.resourceVersion);
  if (!missed) {
    const s = statusOf(410, 'Expired', `too old resource version: ${w.resourceVersion} (${hub.oldestVersion})`);
    res.write(`${JSON.stringify({ type: 'ERROR', object: { ...s, metadata: {} } })}\n`);
    stop();
    return;
  }
  for (const e of missed) {
    const p = project(w, e);
    if (p) write(p);
  }
}
