// sleep: let simulated time pass (NUMBER[smhd]..., summed; "infinity"). Stops when the line's time budget ends.
import type { ToolInfo } from '../tool.ts';
import { sleepOperandMs } from '../../../../duration.ts';
import { usageError, userland } from './kit.ts';

export const sleep: ToolInfo = {
  name: 'sleep',
  on: 'everywhere',
  summary: 'wait for a while',
  run: (ctx) => {
    const gnu = userland(ctx) === 'gnu';
    const args = ctx.argv.slice(1);
    if (args.length === 0) return usageError(ctx, gnu ? 'missing operand' : undefined, '[N]...');
    let ms = 0;
    for (const a of args) {
      if (gnu && /^-[^\d.]/.test(a)) return usageError(ctx, `invalid option -- '${a[1]}'`, '[N]...');
      const one = sleepOperandMs(a);
      if (one === undefined) {
        if (gnu) return usageError(ctx, `invalid time interval '${a}'`, '[N]...');
        ctx.stderr(`sleep: invalid number '${a}'\n`);
        return 1;
      }
      ms += one;
    }
    // A budget that ends mid-sleep stops the program; the terminal reports the line as timed out.
    return ctx.sleep(ms) ? 0 : 130;
  },
};
