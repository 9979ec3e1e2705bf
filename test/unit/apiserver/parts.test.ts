// The facade's pure parts: URL paths, field selectors, JSON patch, discovery, the clock driver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseResourcePath } from '../../../src/node/apiserver/request-path.ts';
import { matchesFields, parseFieldSelector } from '../../../src/node/apiserver/field-selector.ts';
import { applyJsonPatch } from '../../../src/node/apiserver/json-patch.ts';
import { apiResourceList, apiGroupList, versionInfo } from '../../../src/node/apiserver/discovery.ts';
import { startClockDriver } from '../../../src/node/apiserver/clock-driver.ts';
import type { KObject } from '../../../src/core/sim/api/types.ts';

const PATHS: [string, string][] = [
  ['/api/v1/pods', 'Pod ns=- name=- sub=-'],
  ['/api/v1/namespaces/lab/pods', 'Pod ns=lab name=- sub=-'],
  ['/api/v1/namespaces/lab/pods/web', 'Pod ns=lab name=web sub=-'],
  ['/api/v1/namespaces/lab/pods/web/exec', 'Pod ns=lab name=web sub=exec'],
  ['/apis/apps/v1/namespaces/lab/deployments/web/scale', 'Deployment ns=lab name=web sub=scale'],
  ['/api/v1/namespaces', 'Namespace ns=- name=- sub=-'],
  ['/api/v1/namespaces/lab', 'Namespace ns=- name=lab sub=-'],
  ['/api/v1/namespaces/lab/status', 'Namespace ns=- name=lab sub=status'],
  ['/api/v1/nodes/n1', 'Node ns=- name=n1 sub=-'],
  ['/api/v1/namespaces/lab/widgets', 'unknown widgets'],
  ['/apis/apps/v1/pods', 'unknown pods'],
  ['/api/v1', 'other'],
  ['/apis/apps/v1', 'other'],
  ['/version', 'other'],
];

for (const [url, want] of PATHS) {
  test(`path ${url} is ${want}`, () => {
    const p = parseResourcePath(url);
    const got =
      p.kind === 'resource'
        ? `${p.path.type.kind} ns=${p.path.namespace ?? '-'} name=${p.path.name ?? '-'} sub=${p.path.subresource ?? '-'}`
        : p.kind === 'unknown-resource'
          ? `unknown ${p.plural}`
          : 'other';
    assert.equal(got, want);
  });
}

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'a', namespace: 'x', uid: 'u1' },
  spec: { nodeName: 'n1' },
  status: { phase: 'Running' },
} as KObject;

test('field selectors: =, ==, != on any dotted path; a missing field reads as empty', () => {
  const cases: [string, boolean][] = [
    ['metadata.name=a', true],
    ['metadata.name==a,spec.nodeName=n1', true],
    ['status.phase!=Running', false],
    ['status.phase!=Failed,status.phase!=Succeeded', true],
    ['metadata.uid=u1,metadata.namespace=x', true],
    ['spec.hostNetwork=', true],
    ['spec.nodeName=n2', false],
  ];
  for (const [text, want] of cases) {
    const sel = parseFieldSelector(text);
    assert.ok(sel.ok, text);
    assert.equal(matchesFields(sel.selector, pod), want, text);
  }
  assert.equal(parseFieldSelector('nonsense').ok, false);
});

test('JSON patch: add, replace, remove, test, move, copy; a failed test stops it', () => {
  const doc = { a: { b: [1, 2] }, c: 'x' };
  const r = applyJsonPatch(doc, [
    { op: 'add', path: '/a/b/-', value: 3 },
    { op: 'replace', path: '/c', value: 'y' },
    { op: 'copy', from: '/c', path: '/d' },
    { op: 'move', from: '/d', path: '/e~1f' },
    { op: 'remove', path: '/a/b/0' },
    { op: 'test', path: '/c', value: 'y' },
  ]);
  assert.deepEqual(r, { ok: true, value: { a: { b: [2, 3] }, c: 'y', 'e/f': 'y' } });
  assert.deepEqual(doc, { a: { b: [1, 2] }, c: 'x' }, 'the input is not changed');
  assert.equal(applyJsonPatch(doc, [{ op: 'test', path: '/c', value: 'nope' }]).ok, false);
  assert.equal(applyJsonPatch(doc, [{ op: 'remove', path: '/zz' }]).ok, false);
  assert.equal(applyJsonPatch(doc, { op: 'add' }).ok, false);
});

test('discovery: core/v1 lists pods with exec and log subresources; apps/v1 deployments/scale is autoscaling/v1 Scale', () => {
  const core = apiResourceList('', 'v1') as {
    resources: { name: string; shortNames?: string[]; verbs: string[]; kind: string; group?: string }[];
  };
  const names = core.resources.map((r) => r.name);
  assert.ok(names.includes('pods') && names.includes('pods/exec') && names.includes('pods/log'));
  assert.deepEqual(core.resources.find((r) => r.name === 'services')?.shortNames, ['svc']);
  assert.ok(core.resources.find((r) => r.name === 'pods')?.verbs.includes('watch'));
  const apps = apiResourceList('apps', 'v1') as { resources: { name: string; kind: string; group?: string }[] };
  assert.deepEqual(
    apps.resources.find((r) => r.name === 'deployments/scale'),
    {
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    },
  );
  assert.equal(apiResourceList('nosuch', 'v1'), undefined);
  const groups = (apiGroupList() as { groups: { name: string }[] }).groups.map((g) => g.name);
  assert.ok(groups.includes('apps') && !groups.includes(''));
  assert.deepEqual([versionInfo('v1.31').gitVersion, versionInfo('v1.31').minor], ['v1.31.0', '31']);
});

test('the clock driver advances the world by wall time × scale, never backwards, and not at all at scale 0', () => {
  let wall = 1000;
  let sim = 50_000;
  const world = { clock: { now: () => sim }, control: { advance: (ms: number) => void (sim += ms) } };
  const d = startClockDriver(world, 2, 60_000, () => wall);
  wall += 500;
  d.tick();
  assert.equal(sim, 51_000);
  sim += 5000; // a command slept in simulated time: the world is ahead
  wall += 500;
  d.tick();
  assert.equal(sim, 56_000, 'no advance while the world is ahead');
  wall += 5000;
  d.tick();
  assert.equal(sim, 62_000);
  d.stop();
  const frozen = startClockDriver(world, 0, 60_000, () => wall);
  wall += 10_000;
  frozen.tick();
  assert.equal(sim, 62_000);
  frozen.stop();
});
