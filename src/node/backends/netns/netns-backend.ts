// `--backend netns`: the simulator's cluster (kubectl, terminals and setup stay on the simulator's API), with every
// reachability check answered by real packets in network namespaces built from the simulator's network. The lab
// is rebuilt whenever the network changed (a pod came or went) since the last probe.
import {
  PodlabError,
  type Backend,
  type ClusterSpec,
  type ClusterView,
  type Endpoint,
  type Probe,
  type ProbeOutcome,
  type ShellTarget,
  type StartOptions,
  type Target,
  type Terminal,
} from '../../../core/index.ts';
import { Lab, newRunId, prerequisiteProblem } from './lab.ts';
import { readModel, SimBackend, sourceId } from './model.ts';
import { renderPlan } from './render.ts';

const REAL_OUTCOME: Record<string, ProbeOutcome> = {
  reply: 'ok',
  connected: 'ok',
  refused: 'refused',
  timeout: 'timeout',
  unreachable: 'no-route',
};

export class NetnsBackend implements Backend {
  readonly name = 'netns';
  private readonly sim = new SimBackend();
  private lab?: { lab: Lab; key: string };

  async start(cluster: ClusterSpec, options: StartOptions): Promise<void> {
    const problem = prerequisiteProblem();
    if (problem) throw new PodlabError('backend-unavailable', `the netns backend cannot run here: ${problem}`);
    await this.sim.start(cluster, options);
  }

  writeFile(path: string, content: string): Promise<void> {
    return this.sim.writeFile(path, content);
  }

  openTerminal(where: ShellTarget): Promise<Terminal> {
    return this.sim.openTerminal(where);
  }

  view(): Promise<ClusterView> {
    return this.sim.view();
  }

  /** The lab for the network as it is now (rebuilt if it changed). */
  private async current(): Promise<Lab> {
    const model = readModel(this.sim.world);
    const key = JSON.stringify(model);
    if (this.lab?.key === key) return this.lab.lab;
    await this.lab?.lab.destroy();
    const lab = new Lab(renderPlan(model, newRunId()));
    this.lab = { lab, key };
    await lab.build();
    await lab.waitForServers();
    return lab;
  }

  /**
   * The simulator resolves names (its answer says which address a client would use); the packet itself is real,
   * Services included: every node carries kube-proxy's rules, so a ClusterIP or a NodePort is translated by the
   * kernel. UDP probes stay simulated.
   */
  async probe(from: Endpoint, target: Target): Promise<Probe> {
    const simulated = await this.sim.probe(from, target);
    const ip = simulated.resolvedIp;
    const lab = await this.current();
    const model = readModel(this.sim.world);
    const ns = lab.plan.nsOf.get(sourceId(this.sim.world, from));
    const known = [...model.nodes, ...model.pods].some((n) => n.ip === ip) || model.services.some((v) => v.clusterIP === ip);
    if (!ip || !ns || !known || target.protocol === 'udp') return simulated;
    const real = target.protocol === 'icmp' ? await lab.ping(ns, ip, 2) : await lab.connect(ns, ip, target.port ?? 80, 2);
    return {
      ...simulated,
      outcome: REAL_OUTCOME[real.outcome] ?? 'error',
      reason: `real packets in network namespaces: ${real.detail}`,
      ttl: real.ttl,
      hops: [],
      // Which endpoint the kernel's random pick reached is not known here.
      servedBy: undefined,
    };
  }

  async stop(): Promise<void> {
    await this.lab?.lab.destroy();
    this.lab = undefined;
    await this.sim.stop();
  }
}
