// What the static page's Web Worker (web/worker.ts) imports from core: the Session with its Kernel and the
// simulator. A facade of its own, narrower than index.ts, so that worker.js carries no linter, grader or other tool
// the page never runs (their module-level tables would otherwise come along). Not the lesson parser either: lesson
// pages hand the worker their lessons parsed, and web/worker.ts imports the parser (src/core/page.ts) only when not.
export type { Lesson } from './lesson/model.ts';
export { Session } from './runtime/session.ts';
export { isClientMessage, type ServerMessage } from './runtime/protocol.ts';
export { SimBackend } from './sim/sim-backend.ts';
