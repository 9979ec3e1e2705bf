// A child process for the clean-up tests: builds a lab from a small lesson, prints "ready <runId>", then waits to be
// killed (SIGKILL: the next run cleans up; SIGINT: its own exit handler does).
import { Lab, newRunId } from '../../../src/node/backends/netns/lab.ts';
import { loadLesson, simulateLesson } from '../../../src/node/backends/netns/model.ts';
import { renderPlan } from '../../../src/node/backends/netns/render.ts';

const sim = await simulateLesson(loadLesson(process.argv[2]), { setupOnly: true });
const lab = new Lab(renderPlan(sim.model, newRunId()));
await lab.build();
process.stdout.write(`ready ${lab.plan.runId}\n`);
setInterval(() => undefined, 1000);
