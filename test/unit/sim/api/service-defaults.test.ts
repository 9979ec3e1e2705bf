// SetDefaults_Service (kubernetes pkg/apis/core/v1/defaults.go): sessionAffinity None for every type, ExternalName
// included, and sessionAffinityConfig cleared with it; ClientIP gets three hours; ports get TCP and their targetPort;
// an ExternalName Service gets no traffic policy or IP families (it has no cluster IP).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../../../../src/core/sim/api/types.ts';
import { makeTestWorld } from '../control/test-world.ts';

function created(spec: Record<string, unknown>, name = 's'): Record<string, unknown> {
  const w = makeTestWorld();
  const r = w.api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec } as KObject);
  assert.ok(r.ok, r.ok ? '' : r.status.message);
  return r.object.spec as Record<string, unknown>;
}

test('an ExternalName Service: sessionAffinity None and port defaults, no cluster-IP fields', () => {
  const spec = created({ type: 'ExternalName', externalName: 'example.com', ports: [{ port: 80 }] });
  assert.equal(spec.sessionAffinity, 'None');
  assert.deepEqual(spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  for (const k of ['internalTrafficPolicy', 'externalTrafficPolicy', 'ipFamilies', 'ipFamilyPolicy', 'clusterIP'])
    assert.equal(k in spec, false, k);
});

test('sessionAffinity None clears sessionAffinityConfig; ClientIP defaults it to 10800 s', () => {
  const none = created({ selector: { app: 'x' }, ports: [{ port: 80 }], sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } });
  assert.equal(none.sessionAffinity, 'None');
  assert.equal('sessionAffinityConfig' in none, false);
  const sticky = created({ selector: { app: 'x' }, ports: [{ port: 80 }], sessionAffinity: 'ClientIP' });
  assert.deepEqual(sticky.sessionAffinityConfig, { clientIP: { timeoutSeconds: 10800 } });
  assert.equal(sticky.internalTrafficPolicy, 'Cluster');
});
