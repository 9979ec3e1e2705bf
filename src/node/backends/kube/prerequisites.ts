// What a real-cluster backend needs on this machine, checked up front, with one message naming everything missing.
import { PodlabError } from '../../../core/index.ts';
import { runProcess } from './process.ts';

/** A tool the backend runs, and how to tell it is usable. */
interface ToolCheck {
  name: string;
  /** Undefined when usable, else why not (one clause). */
  check(env: Record<string, string | undefined>): Promise<string | undefined>;
}

const installHint: Record<string, string> = {
  kubectl: 'install kubectl (https://kubernetes.io/docs/tasks/tools/, or Debian: apt-get install kubernetes-client)',
  docker: 'install Docker and start its daemon (kind runs the cluster in Docker containers)',
  kind: 'install kind (go install sigs.k8s.io/kind@latest, or https://kind.sigs.k8s.io/docs/user/quick-start/#installation)',
};

async function onPath(file: string, args: string[], env: Record<string, string | undefined>): Promise<string | undefined> {
  const r = await runProcess(file, args, { env, timeoutMs: 20_000 });
  if (r.code === 127 || r.error === 'ENOENT') return `\`${file}\` is not installed (not on PATH): ${installHint[file]}`;
  return undefined;
}

/** The checks by tool; add a tool with a row. */
export const TOOL_CHECKS: Record<string, ToolCheck> = {
  kubectl: { name: 'kubectl', check: (env) => onPath('kubectl', ['version', '--client'], env) },
  kind: { name: 'kind', check: (env) => onPath('kind', ['version'], env) },
  docker: {
    name: 'docker',
    async check(env) {
      const missing = await onPath('docker', ['--version'], env);
      if (missing) return missing;
      const info = await runProcess('docker', ['info', '--format', '{{.ServerVersion}}'], { env, timeoutMs: 20_000 });
      if (info.code !== 0)
        return `\`docker\` is installed but its daemon is not reachable (${firstLine(info.stderr) || `exit ${info.code}`}): start Docker`;
      return undefined;
    },
  },
};

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

/** Check the tools; throws PodlabError('backend-unavailable') listing every problem. */
export async function requireTools(backend: string, tools: string[], env: Record<string, string | undefined> = {}): Promise<void> {
  const problems = (await Promise.all(tools.map((t) => TOOL_CHECKS[t].check(env)))).filter((p): p is string => p !== undefined);
  if (problems.length === 0) return;
  throw new PodlabError(
    'backend-unavailable',
    `--backend ${backend} cannot start on this machine:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}

/** Check that the cluster a kubeconfig points at answers; throws PodlabError('backend-unavailable') if not. */
export async function requireReachableCluster(backend: string, kubeconfig: string): Promise<void> {
  const r = await runProcess('kubectl', ['--kubeconfig', kubeconfig, 'version', '--request-timeout=10s', '-o', 'json'], {
    timeoutMs: 30_000,
  });
  if (r.code === 0 && r.stdout.includes('serverVersion')) return;
  const why = firstLine(r.stderr.replace(/^E\d{4} [^\]]*\] /gm, '')) || (r.timedOut ? 'no answer within 30s' : `kubectl exit ${r.code}`);
  throw new PodlabError('backend-unavailable', `--backend ${backend}: the cluster in ${kubeconfig} is unreachable: ${why}`);
}
