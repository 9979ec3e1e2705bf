// Golden: kube-proxy's rules on the article lesson's cluster after section 3 (the web Service with three endpoints,
// kube-dns, kubernetes), as `iptables` / `iptables-save` print them on henry002. Regenerate with
// PODLAB_UPDATE_GOLDEN=1 after a deliberate change of the rules model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const golden = new URL('../../golden/iptables/pod-networking-henry002.txt', import.meta.url);

test('iptables on a node of the article lesson prints the Service chains of its model', () => {
  const input = [
    'iptables -t nat -S',
    'iptables -t nat -L KUBE-SERVICES -n',
    'iptables -nvL KUBE-SERVICES',
    'iptables -S',
    'iptables-save -t nat | grep -c KUBE-SEP',
    'iptables -t nat -L -n KUBE-SERVICES',
    'iptables -t nat -S NOPE',
    'echo status=$?',
    '',
  ].join('\n');
  const r = spawnSync(
    process.execPath,
    ['bin/podlab.js', 'shell', 'lessons/pod-networking/lesson.en.md', '--after', '3', '--on', 'henry002'],
    {
      input,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, PODLAB_FROM_SOURCE: '1' },
    },
  );
  assert.equal(r.status, 0, r.stderr);
  if (process.env.PODLAB_UPDATE_GOLDEN === '1') writeFileSync(golden, r.stdout);
  assert.equal(r.stdout, readFileSync(golden, 'utf8'));
  // What the golden must show, whatever its bytes: three endpoints with the kernel's probabilities, the usage error.
  assert.match(
    r.stdout,
    /-m comment --comment "default\/web -> [\d.]+:80" -m statistic --mode random --probability 0\.33333333349 -j KUBE-SEP-/,
  );
  assert.match(r.stdout, /KUBE-SVC-NPX46M4PTMTKRN6Y/);
  assert.match(r.stdout, /Bad argument `KUBE-SERVICES'/);
});
