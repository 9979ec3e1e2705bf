// sysctl and /proc/sys on a kubeadm node and in pods: one table (os/fs/proc-sys.ts) read by both, so `sysctl KEY`
// and `cat /proc/sys/...` agree; formats as procps-ng 4.0.2 and BusyBox 1.35 print them (checked on the real ones).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { createWorld } from '../../../../../src/core/sim/world.ts';
import { CALICO_TWO_NODES, type } from '../shell/helpers.ts';

const SPEC = CALICO_TWO_NODES;

async function cluster() {
  const world = createWorld(SPEC, { seed: 2 });
  const t = createTerminal(world, { kind: 'node', node: 'm1' }, { cwd: '/root', user: 'root' });
  await type(t, 'kubectl run bb --image=busybox -- sleep 3600');
  await type(t, 'kubectl wait --for=condition=Ready pod/bb');
  return t;
}

test('ip_forward is 1 on a node and in a pod (inherited by the pod namespace); sysctl and /proc/sys agree', async () => {
  const t = await cluster();
  assert.equal((await type(t, 'sysctl net.ipv4.ip_forward')).output, 'net.ipv4.ip_forward = 1\n');
  assert.equal((await type(t, 'cat /proc/sys/net/ipv4/ip_forward')).output, '1\n');
  assert.equal((await type(t, 'sysctl -n net/ipv4/ip_local_port_range')).output, '32768\t60999\n');
  assert.equal((await type(t, 'kubectl exec bb -- sysctl net.ipv4.ip_forward')).output, 'net.ipv4.ip_forward = 1\n');
  assert.equal((await type(t, 'kubectl exec bb -- cat /proc/sys/net/ipv4/ip_forward')).output, '1\n');
  assert.equal((await type(t, 'kubectl exec bb -- sysctl kernel.hostname')).output, 'kernel.hostname = bb\n');
});

test('kube-proxy tuned conntrack in the node namespace only; unknown keys and writes', async () => {
  const t = await cluster();
  const key = 'net.netfilter.nf_conntrack_tcp_timeout_established';
  assert.equal((await type(t, `sysctl ${key}`)).output, `${key} = 86400\n`);
  assert.equal((await type(t, `kubectl exec bb -- sysctl -n ${key}`)).output, '432000\n');
  const bad = await type(t, 'sysctl net.ipv4.nosuch');
  assert.equal(bad.output, 'sysctl: cannot stat /proc/sys/net/ipv4/nosuch: No such file or directory\n');
  assert.equal(bad.exitCode, 1);
  assert.match(
    (await type(t, 'kubectl exec bb -- sysctl net.ipv4.nosuch')).output,
    /^sysctl: error: 'net\.ipv4\.nosuch' is an unknown key\n/,
  );
  assert.match((await type(t, 'sysctl -w net.ipv4.ip_forward=0')).output, /not simulated/);
  assert.equal((await type(t, 'sysctl net.ipv4.ip_forward')).output, 'net.ipv4.ip_forward = 1\n');
});
