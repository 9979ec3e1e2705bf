// The world `podlab apiserver` serves: a lesson's cluster after its setup, optionally after running its cells
// up to a section (the state a learner has reached), optionally with its clock ending at wall time.
import { type CellOutcome, Kernel, type Lesson, SimBackend } from '../../core/index.ts';
import type { World } from '../../core/sim/index.ts';

export interface LessonWorld {
  world: World;
  /** The cells run to get there (empty without `after`). */
  ran: CellOutcome[];
  stop(): Promise<void>;
}

export interface LessonWorldOptions {
  seed?: number;
  /** Run every cell up to the end of this section first. */
  after?: string;
  /**
   * End the preparation (setup and cells) at this wall-clock instant, so that ages kubectl computes from its own
   * clock (`describe`'s events) read as the server's do. Default: the simulator's fixed start.
   */
  endAt?: number;
}

/** The simulator's default start, used to measure how long the preparation takes in simulated time. */
const PROBE_START_MS = Date.UTC(2024, 0, 1);

async function prepare(lesson: Lesson, options: LessonWorldOptions, startMs?: number): Promise<LessonWorld> {
  const backend = new SimBackend({ startMs });
  const kernel = new Kernel(lesson, backend, { seed: options.seed });
  await kernel.start();
  const ran = options.after === undefined ? [] : await kernel.runAll({ untilSection: options.after });
  return { world: backend.world, ran, stop: () => kernel.stop() };
}

/**
 * Start the lesson's cluster on the simulator. With `endAt`, the preparation runs twice: once to measure its
 * simulated duration (the same seed gives the same duration), then from `endAt` minus that duration.
 */
export async function startLessonWorld(lesson: Lesson, options: LessonWorldOptions = {}): Promise<LessonWorld> {
  if (options.endAt === undefined) return prepare(lesson, options);
  const probe = await prepare(lesson, options, PROBE_START_MS);
  const took = probe.world.clock.now() - PROBE_START_MS;
  await probe.stop();
  return prepare(lesson, options, Math.floor(options.endAt / 1000) * 1000 - took);
}
