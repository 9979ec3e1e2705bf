// `npm run test:kind`: both pod-networking lessons on a real kind cluster podlab creates and deletes. Reachability
// checks must pass; output checks that print the simulator's pinned IPs, node names or routes are reported as the
// known differences of a real cluster (docs/real-cluster.md). Without Docker and kind it skips, saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/core/runtime/kernel.ts';
import { errorMessage } from '../../src/core/errors.ts';
import { KindBackend } from '../../src/node/backends/kube/kind/kind-backend.ts';
import { requireTools } from '../../src/node/backends/kube/prerequisites.ts';
import { loadLesson } from '../../src/node/lessons.ts';

const LESSONS = ['lessons/pod-networking/lesson.zh-CN.md', 'lessons/pod-networking/lesson.en.md'];

/** Why kind cannot run here, or undefined. */
async function missing(): Promise<string | undefined> {
  try {
    await requireTools('kind', ['docker', 'kind', 'kubectl']);
    return undefined;
  } catch (e: unknown) {
    return errorMessage(e);
  }
}

for (const file of LESSONS) {
  test(`${file} on a real kind cluster`, { timeout: 30 * 60_000 }, async (t) => {
    const why = await missing();
    if (why) {
      const msg = `SKIPPED ${file}: no kind sandbox on this machine.\n${why}`;
      console.warn(`\n${'!'.repeat(78)}\n${msg}\n${'!'.repeat(78)}\n`);
      t.skip(msg.split('\n')[0]);
      return;
    }
    const lesson = await loadLesson(file);
    const kernel = new Kernel(lesson, new KindBackend({}), { cellTimeoutMs: 120_000 });
    try {
      const outcomes = await kernel.runAll();
      const differences: string[] = [];
      for (const o of outcomes) {
        assert.equal(o.error, undefined, `${o.cellId}: ${o.error}`);
        for (const c of o.checks) {
          if (c.kind === 'reach') assert.ok(c.passed, `${o.cellId}: ${c.text}: ${c.reason}`);
          else if (!c.passed) differences.push(`${o.cellId}: ${c.text}`);
        }
      }
      if (differences.length > 0)
        console.log(`output checks that differ on a real cluster (pinned IPs, node names, routes):\n  ${differences.join('\n  ')}`);
    } finally {
      await kernel.stop();
    }
  });
}
