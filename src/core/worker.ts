// What the static page's Web Worker (web/worker.ts) imports from core: the Session with its Kernel, the simulator and
// the lesson parser. A facade of its own, narrower than index.ts, so that worker.js carries no linter, grader or
// other tool the page never runs (their module-level tables would otherwise come along).
export { parseLesson } from './lesson/parse.ts';
export type { Lesson } from './lesson/model.ts';
export { Session } from './runtime/session.ts';
export { isClientMessage, type ServerMessage } from './runtime/protocol.ts';
export { SimBackend } from './sim/sim-backend.ts';
