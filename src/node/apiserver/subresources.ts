// Subresources: pods/log (plain text, optionally followed) and the autoscaling/v1 Scale of Deployments and ReplicaSets.
import { badRequest, formatSelector, type KObject, type LabelSelector, mergePatch } from '../../core/sim/index.ts';
import type { ResourceCall } from './context.ts';
import { parseJson, readBody, sendJson, sendStatus } from './http-util.ts';
import { applyJsonPatch } from './json-patch.ts';
import { patchBody } from './write-handlers.ts';

/** How often a followed log checks for new lines, in wall ms. */
const FOLLOW_POLL_MS = 200;

export function podLog(call: ResourceCall): void {
  const { facade, path, query, res, req } = call;
  const tail = query.get('tailLines');
  const ref = { kind: 'Pod', namespace: path.namespace, name: path.name ?? '' };
  const opts = { previous: query.get('previous') === 'true', tail: tail === null ? undefined : Number(tail) };
  const container = query.get('container') ?? undefined;
  const r = facade.world.api.logs(ref, container, opts);
  if (!r.ok) return sendStatus(res, r.status);
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  res.write(r.text);
  if (query.get('follow') !== 'true') return void res.end();
  // Follow: re-read the log and send what was added, until the client leaves or the pod is gone.
  let sent = r.text;
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    clearInterval(timer);
    unregister();
    res.end();
  };
  const timer = setInterval(() => {
    const now = facade.world.api.logs(ref, container, { previous: opts.previous });
    if (!now.ok) return stop();
    if (now.text.length > sent.length && now.text.startsWith(sent)) res.write(now.text.slice(sent.length));
    sent = now.text;
  }, FOLLOW_POLL_MS);
  const unregister = facade.track(stop);
  req.on('close', stop);
}

/** The Scale object of a Deployment or ReplicaSet. */
function scaleOf(obj: KObject): Record<string, unknown> {
  const m = obj.metadata;
  const selector = obj.spec?.selector as LabelSelector | undefined;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 1 },
    status: { replicas: obj.status?.replicas ?? 0, selector: formatSelector(selector) },
  };
}

function current(call: ResourceCall): KObject | undefined {
  const r = call.facade.world.api.get({ kind: call.path.type.kind, namespace: call.path.namespace, name: call.path.name ?? '' });
  if (!r.ok) return void sendStatus(call.res, r.status);
  return r.object;
}

function setReplicas(call: ResourceCall, scale: unknown): void {
  const replicas = (scale as { spec?: { replicas?: unknown } } | undefined)?.spec?.replicas;
  if (typeof replicas !== 'number') return sendStatus(call.res, badRequest('spec.replicas must be a number'));
  const r = call.facade.world.api.scale(
    { kind: call.path.type.kind, namespace: call.path.namespace, name: call.path.name ?? '' },
    replicas,
  );
  if (!r.ok) return sendStatus(call.res, r.status);
  call.facade.afterWrite();
  sendJson(call.res, 200, scaleOf(r.object));
}

export function getScale(call: ResourceCall): void {
  const obj = current(call);
  if (obj) sendJson(call.res, 200, scaleOf(obj));
}

export async function putScale(call: ResourceCall): Promise<void> {
  const body = await readBody(call.req);
  if (!body.ok) return sendStatus(call.res, body.status);
  const parsed = parseJson(body.text);
  if (!parsed.ok) return sendStatus(call.res, parsed.status);
  if (!current(call)) return;
  setReplicas(call, parsed.value);
}

/** `kubectl scale` sends a merge patch `{"spec":{"replicas":3}}` here. */
export async function patchScale(call: ResourceCall): Promise<void> {
  const p = await patchBody(call);
  if (!p) return;
  const obj = current(call);
  if (!obj) return;
  const scale = scaleOf(obj);
  if (p.type !== 'json') return setReplicas(call, mergePatch(scale, p.value));
  const patched = applyJsonPatch(scale, p.value);
  if (!patched.ok) return sendStatus(call.res, badRequest(patched.error));
  setReplicas(call, patched.value);
}
