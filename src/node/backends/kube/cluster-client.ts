// The kube backend's API client (client-node over the session's kubeconfig) and the few reads and writes it makes.
import * as k8s from '@kubernetes/client-node';

/** The HTTP status of a failed client-node call, if it was an API answer. */
export function statusCode(e: unknown): number | undefined {
  const c = (e as { code?: unknown; statusCode?: unknown } | undefined)?.code;
  return typeof c === 'number' ? c : undefined;
}

/** A failed call in one line: the Status message when there is one. */
export function apiErrorText(e: unknown): string {
  const body = (e as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      const s = JSON.parse(body) as { message?: string };
      if (s.message) return s.message;
    } catch {
      // not JSON
    }
  }
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}

export class ClusterClient {
  readonly kc: k8s.KubeConfig;
  readonly core: k8s.CoreV1Api;
  readonly objects: k8s.KubernetesObjectApi;

  constructor(kubeconfigPath: string) {
    this.kc = new k8s.KubeConfig();
    this.kc.loadFromFile(kubeconfigPath);
    this.core = this.kc.makeApiClient(k8s.CoreV1Api);
    this.objects = k8s.KubernetesObjectApi.makeApiClient(this.kc);
  }

  /** The namespace's labels, or undefined when it does not exist. */
  async namespaceLabels(name: string): Promise<Record<string, string> | undefined> {
    try {
      const ns = await this.core.readNamespace({ name });
      return ns.metadata?.labels ?? {};
    } catch (e: unknown) {
      if (statusCode(e) === 404) return undefined;
      throw e;
    }
  }

  async pods(namespace: string): Promise<k8s.V1Pod[]> {
    return (await this.core.listNamespacedPod({ namespace })).items;
  }

  async pod(namespace: string, name: string): Promise<k8s.V1Pod | undefined> {
    try {
      return await this.core.readNamespacedPod({ namespace, name });
    } catch (e: unknown) {
      if (statusCode(e) === 404) return undefined;
      throw e;
    }
  }

  async nodes(): Promise<k8s.V1Node[]> {
    return (await this.core.listNode()).items;
  }
}

/** A pod is Ready when its Ready condition is True. */
export function podReady(pod: k8s.V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The node's InternalIP. */
export function nodeAddress(node: k8s.V1Node): string {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}
