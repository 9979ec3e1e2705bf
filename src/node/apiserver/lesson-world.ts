// The world `podlab apiserver` serves: a lesson's cluster after its setup, optionally after running its cells
// up to a section (the state a learner has reached).
import type { CellOutcome } from '../../core/runtime/types.ts';
import { Kernel } from '../../core/runtime/kernel.ts';
import type { Lesson } from '../../core/lesson/model.ts';
import type { World } from '../../core/sim/contracts.ts';
import { SimBackend } from '../../core/sim/sim-backend.ts';

export interface LessonWorld {
  world: World;
  /** The cells run to get there (empty without `after`). */
  ran: CellOutcome[];
  stop(): Promise<void>;
}

/** Start the lesson's cluster on the simulator; with `after`, run every cell up to the end of that section first. */
export async function startLessonWorld(lesson: Lesson, options: { seed?: number; after?: string } = {}): Promise<LessonWorld> {
  const backend = new SimBackend();
  const kernel = new Kernel(lesson, backend, { seed: options.seed });
  await kernel.start();
  const ran = options.after === undefined ? [] : await kernel.runAll({ untilSection: options.after });
  return { world: backend.world, ran, stop: () => kernel.stop() };
}
