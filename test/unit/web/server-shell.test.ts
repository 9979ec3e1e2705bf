// `podlab serve --shell`: the /pty endpoint bridges a socket to a real shell (node-pty), and kills it on close.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { catalogOf } from '../../../src/node/server/lesson-catalog.ts';
import { loadPty } from '../../../src/node/server/pty-socket.ts';
import { startServer } from '../../../src/node/server/server.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';
import { fakeLesson } from './helpers.ts';

const ptyMissing = await loadPty().then(
  () => undefined,
  (e: unknown) => `SKIPPED: node-pty is not available (${e instanceof Error ? e.message : e})`,
);
if (ptyMissing) process.stderr.write(`\n!!! ${ptyMissing} !!!\n\n`);

test('a host shell answers typed input and ends with the socket', { skip: ptyMissing, timeout: 20_000 }, async () => {
  const server = await startServer({
    catalog: catalogOf([fakeLesson()]),
    host: '127.0.0.1',
    port: 0,
    backendName: 'fake',
    createBackend: () => new FakeBackend(),
    bundle: new Map([['app.js', '']]),
    shell: true,
  });
  try {
    const page = await (await fetch(server.url)).text();
    assert.match(page, /"shell":true/);
    const ws = new WebSocket(server.url.replace('http:', 'ws:') + 'pty');
    let output = '';
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; data?: string };
      if (m.type === 'output') output += m.data ?? '';
    });
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'resize', cols: 100, rows: 30 }));
    ws.send(JSON.stringify({ type: 'input', data: 'echo podlab-$((40+2))\r' }));
    const end = Date.now() + 10_000;
    while (!output.includes('podlab-42') && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.match(output, /podlab-42/);
    ws.close();
  } finally {
    await server.close();
  }
});
