// kubectl over a real simulated cluster (createWorld), run on its control-plane node: a session for tests.
import type { ClusterSpec } from '../../../../../src/core/lesson/model.ts';
import { runKubectl } from '../../../../../src/core/sim/proc/bin/kubectl/main.ts';
import type { ToolContext } from '../../../../../src/core/sim/proc/bin/tool.ts';
import { withFacets } from '../../../../../src/core/sim/proc/os/tool-context.ts';
import type { HostRef } from '../../../../../src/core/sim/contracts.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { splitLine } from './harness.ts';

export function clusterSpec(cni: ClusterSpec['cni'], extra: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    cni,
    nodes: [
      { name: 'cp', role: 'control-plane' },
      { name: 'n1', role: 'worker' },
      { name: 'n2', role: 'worker' },
    ],
    workstation: { node: 'cp', cwd: '/root', user: 'root' },
    pins: [],
    faults: [],
    setup: [],
    ...extra,
  };
}

export function kubeSession(spec: ClusterSpec, seed = 1) {
  const world = createWorld(spec, { seed });
  const run = (line: string) => {
    let stdout = '';
    let stderr = '';
    const host: HostRef = { kind: 'node', node: spec.workstation.node };
    const ctx: ToolContext = withFacets(
      {
        world,
        host,
        argv: splitLine(line),
        env: {},
        cwd: '/root',
        stdin: '',
        tty: false,
        stdout: (t: string) => (stdout += t),
        stderr: (t: string) => (stderr += t),
        sleep: (ms: number) => {
          world.control.advance(ms);
          return true;
        },
        execIn: () => 0,
        openShell: () => undefined,
      },
      world,
      host,
    );
    const code = runKubectl(ctx);
    return { stdout, stderr, code };
  };
  return { world, run };
}
