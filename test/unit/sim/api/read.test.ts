// GET and LIST: selectors, field selectors (events by involved object), kind words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestWorld } from '../control/test-world.ts';

test('list with label and field selectors, including events by involved object', () => {
  const w = makeTestWorld();
  const dns = w.api.list('pods', { namespace: 'kube-system', selector: { matchLabels: { 'k8s-app': 'kube-dns' } } });
  assert.equal(dns.length, 2);
  const onCp = w.api.list('Pod', { fieldSelector: { 'spec.nodeName': 'cp1', 'metadata.namespace': 'kube-system' } });
  assert.ok(onCp.length >= 6 && onCp.every((p) => p.spec.nodeName === 'cp1'));
  assert.ok(
    w.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }).ok,
  );
  w.control.settle();
  const ev = w.api.list('Event', { namespace: 'default', fieldSelector: { 'involvedObject.name': 'p', reason: 'Scheduled' } });
  assert.equal(ev.length, 1);
  assert.deepEqual(w.api.list('Event', { fieldSelector: { 'involvedObject.name': 'nosuch' } }), []);
});
