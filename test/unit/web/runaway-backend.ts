// A fake backend for isolation tests, loaded in a session's worker thread: `spin` never returns (a CPU-bound
// endless line), `hog` allocates without bound, `big` at once; every other line is the page-test fake's.
import type { LineResult, ShellTarget, Terminal, TypeOptions } from '../../../src/core/backend.ts';
import { FakeBackend } from '../../browser/fake-backend.ts';

class RunawayBackend extends FakeBackend {
  override async openTerminal(where: ShellTarget): Promise<Terminal> {
    const inner = await super.openTerminal(where);
    return {
      ...inner,
      type: async (line: string, options: TypeOptions): Promise<LineResult> => {
        if (line === 'spin') for (;;);
        // One allocation past the heap limit: from a worker thread, V8 would end the whole process.
        if (line === 'big')
          return { output: String(new Array<number>(1e8).fill(1).length), exitCode: 0, durationMs: 0, timedOut: false, truncated: false };
        if (line === 'hog') {
          const kept: number[][] = [];
          for (;;) kept.push(new Array<number>(1 << 16).fill(kept.length));
        }
        return inner.type(line, options);
      },
    };
  }
}

export function createBackend(): FakeBackend {
  return new RunawayBackend();
}
