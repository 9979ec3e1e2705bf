// `--backend kind`: create a kind cluster shaped like the lesson (podlab-<lesson>-<suffix>), run the lesson on it
// through the kube backend with `docker exec` into nodes, and delete the cluster at the end unless --keep.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Backend,
  type ClusterSpec,
  type ClusterView,
  type Endpoint,
  PodlabError,
  type Probe,
  type ShellTarget,
  type StartOptions,
  type Target,
  type Terminal,
} from '../../../../core/index.ts';
import { KubeBackend } from '../kube-backend.ts';
import { DOCKER_NODE_ACCESS } from '../node-access.ts';
import { requireTools } from '../prerequisites.ts';
import { runProcess } from '../process.ts';
import { KIND_CNI, kindConfig } from './kind-config.ts';

export interface KindBackendOptions {
  /** Keep the cluster after the run (print how to delete it). */
  keep?: boolean;
  /** The namespace lessons run in; default `default` (the cluster is the session's own). */
  namespace?: string;
  log?: (line: string) => void;
}

/** Wall time kind may take to create a cluster and the CNI to come up. */
export const KIND_CREATE_MS = 10 * 60_000;

export class KindBackend implements Backend {
  readonly name = 'kind';
  private inner?: KubeBackend;
  private clusterName?: string;
  private dir?: string;
  private readonly log: (line: string) => void;

  constructor(private readonly options: KindBackendOptions = {}) {
    this.log = options.log ?? ((line) => void process.stderr.write(`podlab: ${line}\n`));
  }

  private requireInner(): KubeBackend {
    if (!this.inner) throw new PodlabError('backend-unavailable', 'the kind backend has not been started');
    return this.inner;
  }

  async start(cluster: ClusterSpec, options: StartOptions): Promise<void> {
    await requireTools('kind', ['docker', 'kind', 'kubectl']);
    this.dir = await mkdtemp(path.join(tmpdir(), 'podlab-kind-'));
    const name = `podlab-${options.lessonId
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 24)}-${path.basename(this.dir).slice(-5).toLowerCase()}`.replace(/[^a-z0-9-]/g, '');
    const config = path.join(this.dir, 'kind.yaml');
    const kubeconfig = path.join(this.dir, 'kubeconfig');
    await writeFile(config, kindConfig(cluster, name));
    this.log(
      `creating kind cluster ${name} (${cluster.nodes.length} nodes, CNI: ${KIND_CNI[cluster.cni].note}); this takes a minute or two`,
    );
    const created = await runProcess(
      'kind',
      ['create', 'cluster', '--name', name, '--config', config, '--kubeconfig', kubeconfig, '--wait', '0s'],
      { timeoutMs: KIND_CREATE_MS },
    );
    this.clusterName = name;
    if (created.code !== 0) {
      await this.deleteCluster();
      throw new PodlabError(
        'backend-unavailable',
        `kind could not create the cluster: ${created.stderr.trim().split('\n').slice(-3).join(' ')}`,
      );
    }
    const manifest = KIND_CNI[cluster.cni].manifest;
    if (manifest) {
      const applied = await runProcess('kubectl', ['--kubeconfig', kubeconfig, 'apply', '-f', manifest], { timeoutMs: 120_000 });
      if (applied.code !== 0)
        this.log(`the ${cluster.cni} manifest did not apply (${applied.stderr.trim().split('\n')[0]}); pods will not start without a CNI`);
    }
    const ready = await runProcess(
      'kubectl',
      ['--kubeconfig', kubeconfig, 'wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=300s'],
      { timeoutMs: 320_000 },
    );
    if (ready.code !== 0) this.log(`not every node became Ready: ${ready.stderr.trim().split('\n')[0]}`);
    this.inner = new KubeBackend({
      kubeconfig,
      namespace: this.options.namespace ?? 'default',
      name: 'kind',
      nodeAccess: DOCKER_NODE_ACCESS,
      log: this.log,
      afterStop: () => this.deleteCluster(),
      cleanup: !this.options.keep,
    });
    await this.inner.start(cluster, options);
  }

  private async deleteCluster(): Promise<void> {
    const name = this.clusterName;
    this.clusterName = undefined;
    if (name && this.options.keep) {
      this.log(`kept kind cluster ${name}; delete it with: kind delete cluster --name ${name}`);
    } else if (name) {
      const r = await runProcess('kind', ['delete', 'cluster', '--name', name], { timeoutMs: 120_000 });
      this.log(r.code === 0 ? `deleted kind cluster ${name}` : `could not delete kind cluster ${name}: ${r.stderr.trim()}`);
    }
    if (this.dir && !this.options.keep) await rm(this.dir, { recursive: true, force: true });
  }

  writeFile(file: string, content: string): Promise<void> {
    return this.requireInner().writeFile(file, content);
  }

  openTerminal(where: ShellTarget): Promise<Terminal> {
    return this.requireInner().openTerminal(where);
  }

  probe(from: Endpoint, to: Target): Promise<Probe> {
    return this.requireInner().probe(from, to);
  }

  view(): Promise<ClusterView> {
    return this.requireInner().view();
  }

  async stop(): Promise<void> {
    if (this.inner) await this.inner.stop();
    else await this.deleteCluster();
  }
}
