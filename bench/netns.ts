// The article's 3-node cluster built in real network namespaces (issue 17): build time, the lesson's checks' worth of
// probes (the full differential: every node and pod to every node and pod address), and tear-down.
// Run: node --import tsx bench/netns.ts [--all | LESSON ...]   (root; says why and exits 0 where it cannot run)
// --all: every lesson in lessons/ and the fixtures with clusters (the full differential, node targets included).
import { readdirSync } from 'node:fs';
import { differential } from '../src/node/backends/netns/differential.ts';
import { Lab, newRunId, prerequisiteProblem } from '../src/node/backends/netns/lab.ts';
import { loadLesson, simulateLesson } from '../src/node/backends/netns/model.ts';
import { renderPlan } from '../src/node/backends/netns/render.ts';

const ALL = [
  ...['lessons/pod-networking', 'lessons/exercises'].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.en.md') || (f.endsWith('.md') && !f.includes('.zh-CN')))
      .map((f) => `${d}/${f}`),
  ),
  'test/fixtures/scenarios/nodeport.md',
  'test/fixtures/scenarios/deployment-scale.md',
  'test/fixtures/runtime/flannel-four-nodes.md',
  'test/fixtures/runtime/kindnet-broken-route.md',
  'test/fixtures/lessons/en-services.md',
  'test/fixtures/lessons/flannel-other-names.md',
];

const problem = prerequisiteProblem();
if (problem) {
  console.log(`netns bench skipped: ${problem}`);
} else {
  const args = process.argv.slice(2);
  const files = args[0] === '--all' ? ALL : args.length ? args : ['lessons/pod-networking/lesson.en.md'];
  const t0 = performance.now();
  for (const file of files) await bench(file);
  if (files.length > 1) console.log(`all ${files.length}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function bench(file: string): Promise<void> {
  let t = performance.now();
  const sim = await simulateLesson(loadLesson(file));
  const simMs = performance.now() - t;
  const plan = renderPlan(sim.model, newRunId());
  const lab = new Lab(plan);
  try {
    t = performance.now();
    await lab.build();
    await lab.waitForServers();
    const buildMs = performance.now() - t;
    t = performance.now();
    const d = await differential(sim, lab);
    const probeMs = performance.now() - t;
    console.log(`${file}: ${sim.model.nodes.length} nodes, ${sim.model.pods.length} pods, ${plan.namespaces.length} namespaces`);
    console.log(`  simulate the lesson  ${simMs.toFixed(0).padStart(7)} ms`);
    console.log(`  build + servers up   ${buildMs.toFixed(0).padStart(7)} ms`);
    console.log(
      `  ${String(d.cases).padStart(4)} real probes      ${probeMs.toFixed(0).padStart(7)} ms (${d.agreed} agree with the simulator)`,
    );
    t = performance.now();
    await lab.destroy();
    console.log(`  tear down            ${(performance.now() - t).toFixed(0).padStart(7)} ms`);
    if (d.disagreements.length) {
      for (const x of d.disagreements) console.log(x.text);
      process.exitCode = 1;
    }
  } finally {
    await lab.destroy();
  }
}
