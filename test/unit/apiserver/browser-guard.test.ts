// `podlab apiserver` is a loopback API without authentication (issue 9, findings 4 and 6): web pages may not use it
// (DNS rebinding, cross-origin writes and exec sockets), writes need a media type a serializer takes, and bodies
// nested past Go's JSON limit get the real apiserver's 400 instead of a stack overflow.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { parseLesson } from '../../../src/core/lesson/index.ts';
import { startLessonWorld, type LessonWorld } from '../../../src/node/apiserver/lesson-world.ts';
import { startApiServer, type ApiServer } from '../../../src/node/apiserver/server.ts';
import { WebSocket } from 'ws';
import { FIXTURE_LESSON } from './fixture-lesson.ts';

interface Reply {
  status: number;
  body: { kind?: string; code?: number; reason?: string; message?: string };
}

function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? (JSON.parse(text) as Reply['body']) : { message: text } }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'guarded' },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});
const PODS = '/api/v1/namespaces/default/pods';

describe('apiserver: browsers and bodies', () => {
  let world: LessonWorld;
  let server: ApiServer;
  before(async () => {
    world = await startLessonWorld(parseLesson(FIXTURE_LESSON, 'fixture.md'));
    server = await startApiServer({ world: world.world, timeScale: 0 });
  });
  after(async () => server.close());

  test('a text/plain POST (a cross-site form) is 415 with a Status, and creates nothing', async () => {
    const r = await send(server.url, 'POST', PODS, { 'content-type': 'text/plain' }, POD);
    assert.equal(r.status, 415);
    assert.equal(r.body.kind, 'Status');
    assert.equal(
      r.body.message,
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
    );
    assert.equal((await send(server.url, 'GET', `${PODS}/guarded`, {})).status, 404);
  });

  test('a request from a page of another origin is 403 with a Status, even with a JSON body', async () => {
    const r = await send(server.url, 'POST', PODS, { 'content-type': 'application/json', origin: 'https://evil.example' }, POD);
    assert.equal(r.status, 403);
    assert.equal(r.body.reason, 'Forbidden');
    assert.equal((await send(server.url, 'GET', PODS, { origin: 'https://evil.example' })).status, 403);
  });

  test('a request under a rebinding name is refused', async () => {
    const r = await send(server.url, 'GET', PODS, { host: 'rebind.evil.example' });
    assert.equal(r.status, 421);
    assert.equal(r.body.kind, 'Status');
  });

  test('a cross-origin WebSocket to pods/exec is refused before the upgrade', async () => {
    const url = `${server.url.replace('http:', 'ws:')}${PODS}/web/exec?command=id&stdout=1`;
    const ws = new WebSocket(url, ['v5.channel.k8s.io'], { headers: { origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    assert.equal(status, 403);
    ws.terminate();
  });

  test('JSON and YAML writes still work (kubectl, client-node, curl)', async () => {
    const json = await send(server.url, 'POST', PODS, { 'content-type': 'application/json' }, POD);
    assert.equal(json.status, 201);
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: guarded-yaml\nspec:\n  containers:\n  - name: c\n    image: nginx\n';
    assert.equal((await send(server.url, 'POST', PODS, { 'content-type': 'application/yaml' }, yaml)).status, 201);
    const local = await send(server.url, 'GET', `${PODS}/guarded-yaml`, { origin: server.url });
    assert.equal(local.status, 200);
  });

  test('a body nested past 10,000 levels is 400 with the real message, not a 500', async () => {
    const body = `{"a":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const r = await send(server.url, 'POST', PODS, { 'content-type': 'application/json' }, body);
    assert.equal(r.status, 400);
    assert.equal(r.body.reason, 'BadRequest');
    assert.equal(
      r.body.message,
      `the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: invalid character '[' exceeded max depth ({"a":${'['.repeat(25)} ...)`,
    );
    const patch = await send(server.url, 'PATCH', `${PODS}/guarded`, { 'content-type': 'application/merge-patch+json' }, body);
    assert.equal(patch.status, 400);
  });
});
