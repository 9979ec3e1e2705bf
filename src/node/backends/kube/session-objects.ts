// The objects of one kube session: the namespace (created and labelled, or an existing one lent by an instructor),
// the lesson's setup objects, and the clean-up that removes what the session created — also after Ctrl-C.
import type * as k8s from '@kubernetes/client-node';
import { parseManifests, PodlabError, resourceForKind, type SetupStep } from '../../../core/index.ts';
import { apiErrorText, podReady, statusCode, type ClusterClient } from './cluster-client.ts';

/** Labels on everything podlab creates. */
export const SESSION_LABEL = 'podlab.dev/session';
export const LESSON_LABEL = 'podlab.dev/lesson';

/** Kinds swept at the end in a namespace podlab did not create: what a lesson can make (owners first). */
export const SWEPT_KINDS: { apiVersion: string; kind: string }[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
];

/** How long setup waits for its pods to become ready before going on. */
export const SETUP_READY_MS = 180_000;

export class SessionObjects {
  /** Namespaces podlab created (deleted at the end). */
  private readonly createdNamespaces: string[] = [];
  /** uids of objects that were in the lent namespace before the session (kept at the end). */
  private before = new Set<string>();
  private cleaned = false;

  constructor(
    private readonly client: ClusterClient,
    readonly namespace: string,
    private readonly labels: Record<string, string>,
  ) {}

  /** Use the namespace, creating it (labelled) when missing; remember what a lent namespace already held. */
  async prepare(): Promise<'created' | 'existing'> {
    const existing = await this.client.namespaceLabels(this.namespace);
    if (existing === undefined) {
      await this.createNamespace(this.namespace);
      return 'created';
    }
    this.before = new Set(await this.uids());
    return 'existing';
  }

  private async createNamespace(name: string): Promise<void> {
    try {
      await this.client.core.createNamespace({ body: { metadata: { name, labels: this.labels } } });
      this.createdNamespaces.push(name);
    } catch (e: unknown) {
      if (statusCode(e) !== 409)
        throw new PodlabError('backend-error', `cannot create namespace ${name}: ${apiErrorText(e)}`, { cause: e });
    }
  }

  private async uids(): Promise<string[]> {
    const out: string[] = [];
    for (const t of SWEPT_KINDS) {
      const list = await this.client.objects
        .list(t.apiVersion, t.kind, this.namespace)
        .catch(() => ({ items: [] as k8s.KubernetesObject[] }));
      for (const o of list.items) if (o.metadata?.uid) out.push(o.metadata.uid);
    }
    return out;
  }

  /** Create one setup step's objects (labelled; the lesson's `default` is the session namespace), then wait for readiness. */
  async applySetup(step: SetupStep): Promise<void> {
    const { objects, diagnostics } = parseManifests(step.manifests, step.pos.file);
    const error = diagnostics.find((d) => d.severity === 'error');
    if (error) throw new PodlabError('manifest-invalid', `setup: ${error.message}`, { pos: step.pos });
    for (const obj of objects) {
      const t = resourceForKind(obj.kind, obj.apiVersion);
      const namespaced = t ? t.namespaced : obj.kind !== 'Namespace';
      if (obj.kind === 'Namespace') {
        await this.createNamespace(obj.metadata.name);
        continue;
      }
      if (namespaced && (!obj.metadata.namespace || obj.metadata.namespace === 'default')) obj.metadata.namespace = this.namespace;
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), ...this.labels };
      try {
        await this.client.objects.create(obj as k8s.KubernetesObject);
      } catch (e: unknown) {
        throw new PodlabError('backend-error', `setup: cannot create ${obj.kind} ${obj.metadata.name}: ${apiErrorText(e)}`, {
          pos: step.pos,
          cause: e,
        });
      }
    }
    await this.waitReady(SETUP_READY_MS);
  }

  /** Wait until every pod of the namespace is ready or finished; false on timeout. */
  async waitReady(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pods = await this.client.pods(this.namespace);
      if (pods.every((p) => podReady(p) || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Remove what the session created: its namespaces, else every object that was not there before. Safe twice. */
  async cleanup(): Promise<string[]> {
    if (this.cleaned) return [];
    this.cleaned = true;
    const problems: string[] = [];
    const remove = async (what: string, p: Promise<unknown>) => {
      try {
        await p;
      } catch (e: unknown) {
        if (statusCode(e) !== 404) problems.push(`${what}: ${apiErrorText(e)}`);
      }
    };
    if (!this.createdNamespaces.includes(this.namespace)) {
      for (const t of SWEPT_KINDS) {
        const list = await this.client.objects
          .list(t.apiVersion, t.kind, this.namespace)
          .catch(() => ({ items: [] as k8s.KubernetesObject[] }));
        for (const o of list.items) {
          if (!o.metadata?.uid || this.before.has(o.metadata.uid) || o.metadata.ownerReferences?.length) continue;
          await remove(
            `${t.kind} ${o.metadata.name}`,
            this.client.objects.delete({ ...o, apiVersion: t.apiVersion, kind: t.kind }, undefined, undefined, 0, undefined, 'Background'),
          );
        }
      }
    }
    for (const ns of this.createdNamespaces) await remove(`namespace ${ns}`, this.client.core.deleteNamespace({ name: ns }));
    return problems;
  }
}
