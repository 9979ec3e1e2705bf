// A Backend whose implementation is imported on start(): the real-cluster backends pull in @kubernetes/client-node
// (about 2 s to import), which commands that never use them should not pay for.
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
} from '../../../core/index.ts';

export class LazyBackend implements Backend {
  private inner?: Backend;

  constructor(
    readonly name: string,
    private readonly load: () => Promise<Backend>,
  ) {}

  private get backend(): Backend {
    if (!this.inner) throw new PodlabError('backend-unavailable', `the ${this.name} backend has not been started`);
    return this.inner;
  }

  async start(cluster: ClusterSpec, options: StartOptions): Promise<void> {
    this.inner ??= await this.load();
    await this.inner.start(cluster, options);
  }

  writeFile(file: string, content: string): Promise<void> {
    return this.backend.writeFile(file, content);
  }

  openTerminal(where: ShellTarget): Promise<Terminal> {
    return this.backend.openTerminal(where);
  }

  probe(from: Endpoint, to: Target): Promise<Probe> {
    return this.backend.probe(from, to);
  }

  view(): Promise<ClusterView> {
    return this.backend.view();
  }

  async stop(): Promise<void> {
    await this.inner?.stop();
  }
}
