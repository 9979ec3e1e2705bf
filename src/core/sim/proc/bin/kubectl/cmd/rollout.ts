// `kubectl rollout status|restart deployment/x`: watch a rollout finish; restart by stamping the pod template.
import type { KObject } from '../../../../api/types.ts';
import type { KubectlCommand } from '../command.ts';
import type { Flags } from '../flags.ts';
import type { Kube } from '../kube.ts';
import { refFor, resolveArgs } from '../resolve.ts';
import { waitUntil } from '../wait-util.ts';
import { printOperation } from './print-result.ts';

/** DeploymentStatusViewer.Status: the line to print and whether the rollout is done (or an error). */
export function deploymentStatus(d: KObject): { text: string; done: boolean } | { error: string } {
  const name = d.metadata.name;
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const progressing = ((st.conditions ?? []) as { type: string; reason?: string }[]).find((c) => c.type === 'Progressing');
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `deployment "${name}" exceeded its progress deadline` };
    const replicas = d.spec?.replicas;
    const updated = st.updatedReplicas ?? 0;
    if (replicas !== undefined && updated < replicas)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`,
        done: false,
      };
    if ((st.replicas ?? 0) > updated)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
        done: false,
      };
    if ((st.availableReplicas ?? 0) < updated)
      return {
        text: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    return { text: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
}

function target(k: Kube, f: Flags): { ok: true; ref: { kind: string; namespace?: string; name: string } } | { ok: false; code: number } {
  if (f.args.length === 0) {
    return {
      ok: false,
      code: k.usageError(
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      ),
    };
  }
  const resolved = resolveArgs(f.args);
  if (!resolved.ok) return { ok: false, code: k.fail(resolved.error) };
  const req = resolved.requests[0];
  if (!req.names.length) return { ok: false, code: k.fail('resource(s) were provided, but no name was specified') };
  return { ok: true, ref: refFor(req.type, req.names[0], k.namespace) };
}

const status: KubectlCommand = {
  name: 'status',
  group: 'Deploy Commands:',
  short: 'Show the status of the rollout',
  usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  examples: ['# Watch the rollout status of a deployment', 'kubectl rollout status deployment/nginx'],
  flags: [
    { name: 'watch', short: 'w', type: 'bool', default: 'true', help: "Watch the status of the rollout until it's done." },
    { name: 'timeout', type: 'duration', default: '0s', help: 'The length of time to wait before ending watch, zero means never.' },
  ],
  run(k, f) {
    const t = target(k, f);
    if (!t.ok) return t.code;
    if (t.ref.kind !== 'Deployment') return k.fail('no status viewer has been implemented for ' + t.ref.kind);
    let last = '';
    let error = '';
    const check = () => {
      const g = k.api.get(t.ref);
      if (!g.ok) {
        error = g.status.message;
        return true;
      }
      const s = deploymentStatus(g.object);
      if ('error' in s) {
        error = s.error;
        return true;
      }
      if (s.text !== last) k.out(s.text);
      last = s.text;
      return s.done;
    };
    const first = k.api.get(t.ref);
    if (!first.ok) return k.failStatus(first.status);
    if (!f.bool('watch', true)) {
      const s = deploymentStatus(first.object);
      if ('error' in s) return k.fail(s.error);
      k.out(s.text);
      return 0;
    }
    const outcome = waitUntil(k, f.duration('timeout', 0), check);
    if (error) return k.fail(error);
    if (outcome === 'timeout') return k.fail('timed out waiting for the condition');
    return 0;
  },
};

const restart: KubectlCommand = {
  name: 'restart',
  group: 'Deploy Commands:',
  short: 'Restart a resource',
  usage: 'rollout restart RESOURCE [options]',
  examples: ['# Restart a deployment', 'kubectl rollout restart deployment/nginx'],
  flags: [],
  run(k, f) {
    const t = target(k, f);
    if (!t.ok) return t.code;
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': k.ctx.clock.iso() } } } } };
    const r = k.api.patch(t.ref, patch, 'strategic', { fieldManager: 'kubectl-rollout' });
    if (!r.ok) return k.failStatus(r.status);
    printOperation(k, r.object, 'restarted', '');
    return 0;
  },
};

export const rolloutCommand: KubectlCommand = {
  name: 'rollout',
  group: 'Deploy Commands:',
  short: 'Manage the rollout of a resource',
  long: 'Manage the rollout of one or many resources.',
  usage: 'rollout SUBCOMMAND [options]',
  flags: [],
  subcommands: [status, restart],
  run(k) {
    k.out(
      'Manage the rollout of one or many resources.\n\nAvailable Commands:\n  restart       Restart a resource\n  status        Show the status of the rollout\n\nUsage:\n  kubectl rollout SUBCOMMAND [options]\n',
    );
    return 0;
  },
};
