// The kube backend: lessons on a real cluster a kubeconfig points at, in a namespace per session. Run cells go to a
// real shell with KUBECONFIG set, `on=NODE` cells to the node (where the cluster allows), probes are real connection
// attempts, and everything the session created is removed at the end, also after Ctrl-C.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
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
  TerminalSet,
} from '../../../core/index.ts';
import { ClusterClient } from './cluster-client.ts';
import { describeNodeMap, mapNodes } from './node-map.ts';
import { NO_NODE_ACCESS, type NodeAccess } from './node-access.ts';
import { requireReachableCluster, requireTools } from './prerequisites.ts';
import { probeReal, type ProbeContext } from './probe.ts';
import { LESSON_LABEL, SESSION_LABEL, SessionObjects } from './session-objects.ts';
import { signalCleanup } from './signal-cleanup.ts';
import { openTerminal } from './terminals.ts';
import { readView } from './view.ts';

export interface KubeBackendOptions {
  /** Default: $KUBECONFIG, else ~/.kube/config. */
  kubeconfig?: string;
  /** Default: a new namespace `podlab-<lesson>-<suffix>`, deleted at the end. */
  namespace?: string;
  /** "kube" (default) or "kind" when a kind cluster is underneath. */
  name?: string;
  nodeAccess?: NodeAccess;
  /** Progress lines (node mapping, clean-up); default stderr. */
  log?: (line: string) => void;
  /** Use node-pty for terminals when it loads (default true). */
  pty?: boolean;
  /** Runs last in stop() (the kind backend deletes its cluster here). */
  afterStop?: () => Promise<void>;
  /** Remove what the session created at stop (default true; a kept kind cluster keeps the lesson's state). */
  cleanup?: boolean;
}

interface Session {
  dir: string;
  client: ClusterClient;
  objects: SessionObjects;
  env: Record<string, string>;
  nodes: Map<string, string>;
  probe: ProbeContext;
}

/** A DNS-1123 label: lower-case, digits and `-`, at most 63 characters. */
function dnsLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

export class KubeBackend implements Backend {
  readonly name: string;
  private session?: Session;
  private readonly terminals = new TerminalSet();
  private stopping?: Promise<void>;
  /** Unregisters this session's clean-up from the shared Ctrl-C/SIGTERM handler. */
  private unregister?: () => void;
  private viewVersion = 0;
  private lastView = '';
  private readonly log: (line: string) => void;

  constructor(private readonly options: KubeBackendOptions = {}) {
    this.name = options.name ?? 'kube';
    this.log = options.log ?? ((line) => void process.stderr.write(`podlab: ${line}\n`));
  }

  /** The namespace the session runs in (after start). */
  get namespace(): string | undefined {
    return this.session?.objects.namespace;
  }

  /** Lesson node name → real node name (after start). */
  get nodeMap(): ReadonlyMap<string, string> {
    return this.session?.nodes ?? new Map();
  }

  private requireSession(): Session {
    if (!this.session) throw new PodlabError('backend-unavailable', `the ${this.name} backend has not been started`);
    return this.session;
  }

  async start(cluster: ClusterSpec, options: StartOptions): Promise<void> {
    await requireTools(this.name, ['kubectl']);
    const kubeconfig = path.resolve(
      this.options.kubeconfig ?? process.env.KUBECONFIG?.split(path.delimiter)[0] ?? path.join(homedir(), '.kube', 'config'),
    );
    if (!existsSync(kubeconfig))
      throw new PodlabError(
        'backend-unavailable',
        `--backend ${this.name}: no kubeconfig at ${kubeconfig}; pass --kubeconfig FILE or set KUBECONFIG`,
      );
    await requireReachableCluster(this.name, kubeconfig);
    const dir = await mkdtemp(path.join(tmpdir(), `podlab-${dnsLabel(options.lessonId).slice(0, 30)}-`));
    const sessionId = dnsLabel(path.basename(dir).split('-').pop() ?? 'x');
    const namespace = this.options.namespace ?? dnsLabel(`podlab-${options.lessonId}`.slice(0, 56) + `-${sessionId.slice(0, 6)}`);
    const client = new ClusterClient(kubeconfig);
    const objects = new SessionObjects(client, namespace, { [SESSION_LABEL]: sessionId, [LESSON_LABEL]: dnsLabel(options.lessonId) });
    const env = await this.shellEnv(dir, client, kubeconfig, namespace);
    const nodes = mapNodes(cluster.nodes, await client.nodes());
    this.session = {
      dir,
      client,
      objects,
      env,
      nodes,
      probe: { client, namespace, kubeconfigEnv: env, nodes, access: this.options.nodeAccess ?? NO_NODE_ACCESS },
    };
    // One shared handler waits for every session's clean-up before the process exits.
    this.unregister = signalCleanup.add(() => this.stop());
    const how = await objects.prepare();
    this.log(
      `namespace ${namespace} (${how === 'created' ? 'created; deleted at the end' : 'existing; objects the lesson creates are removed at the end'})`,
    );
    this.log(`nodes: ${describeNodeMap(nodes)}`);
    for (const step of cluster.setup) await objects.applySetup(step);
  }

  /** The shell's environment: KUBECONFIG = a context file naming the session namespace, then the original. */
  private async shellEnv(dir: string, client: ClusterClient, kubeconfig: string, namespace: string): Promise<Record<string, string>> {
    const current = client.kc.getContextObject(client.kc.getCurrentContext());
    if (!current) throw new PodlabError('backend-unavailable', `--backend ${this.name}: ${kubeconfig} has no current context`);
    const contextFile = path.join(dir, '.kube', 'podlab-context.yaml');
    await mkdir(path.dirname(contextFile), { recursive: true });
    const name = `podlab-${namespace}`;
    await writeFile(
      contextFile,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        contexts: [{ name, context: { cluster: current.cluster, user: current.user, namespace } }],
        'current-context': name,
      }),
      { mode: 0o600 },
    );
    const base = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return { ...base, KUBECONFIG: [contextFile, kubeconfig].join(path.delimiter), PODLAB_NAMESPACE: namespace };
  }

  async writeFile(file: string, content: string): Promise<void> {
    const s = this.requireSession();
    const full = path.resolve(s.dir, file);
    if (!full.startsWith(`${s.dir}${path.sep}`)) throw new PodlabError('usage', `file ${file} is outside the session's working directory`);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content);
  }

  async openTerminal(where: ShellTarget): Promise<Terminal> {
    const s = this.requireSession();
    const usePty = this.options.pty ?? true;
    let terminal: Terminal;
    if (where.kind === 'workstation') {
      terminal = await openTerminal({ cwd: s.dir, env: s.env, prompt: '$ ' }, usePty);
    } else if (where.kind === 'node') {
      const real = s.nodes.get(where.node);
      if (!real) throw new PodlabError('backend-error', `no node named ${where.node}`);
      const access = this.options.nodeAccess ?? NO_NODE_ACCESS;
      const shell = access.shell(real);
      const perLine = access.run(real);
      if (!shell || !perLine)
        throw new PodlabError('backend-error', `cannot open a shell on node ${where.node}: ${access.unavailable ?? 'no node access'}`);
      terminal = await openTerminal(
        { cwd: s.dir, env: s.env, prompt: `root@${real}:/# `, interactive: [shell[0], shell.slice(1)], perLine },
        usePty,
      );
    } else {
      const ns = !where.namespace || where.namespace === 'default' ? s.objects.namespace : where.namespace;
      const container = where.container ? ['-c', where.container] : [];
      terminal = await openTerminal(
        {
          cwd: s.dir,
          env: s.env,
          prompt: `${where.pod}:/# `,
          // sh: every image with a shell has it (bash is not everywhere)
          interactive: ['kubectl', ['exec', '-it', '-n', ns, where.pod, ...container, '--', 'sh']],
          perLine: ['kubectl', 'exec', '-n', ns, where.pod, ...container, '--', 'sh', '-c'],
        },
        usePty,
      );
    }
    return this.terminals.track(terminal);
  }

  async probe(from: Endpoint, to: Target): Promise<Probe> {
    return probeReal(this.requireSession().probe, from, to);
  }

  async view(): Promise<ClusterView> {
    const s = this.requireSession();
    const view = await readView(s.client, s.objects.namespace, s.nodes);
    const key = JSON.stringify(view);
    if (key !== this.lastView) {
      this.lastView = key;
      this.viewVersion++;
    }
    return { ...view, version: this.viewVersion };
  }

  /** Safe to call twice and concurrently (a signal during a normal stop): every caller waits for the same clean-up. */
  stop(): Promise<void> {
    this.stopping ??= this.cleanUp();
    return this.stopping;
  }

  private async cleanUp(): Promise<void> {
    await this.terminals.disposeAll();
    const s = this.session;
    if (s) {
      const problems =
        this.options.cleanup === false ? [] : await s.objects.cleanup().catch((e: unknown) => [e instanceof Error ? e.message : String(e)]);
      for (const p of problems) this.log(`clean-up: ${p}`);
      await rm(s.dir, { recursive: true, force: true });
    }
    await this.options.afterStop?.();
    this.unregister?.();
  }
}
