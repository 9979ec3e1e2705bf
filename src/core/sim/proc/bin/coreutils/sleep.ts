// sleep: let simulated time pass (NUMBER[smhd]..., summed; "infinity"). Stops when the line's time budget ends.
import type { ToolInfo } from '../tool.ts';
import { usageError, userland } from './kit.ts';

const UNIT: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

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
      const m = /^(\d+(?:\.\d*)?|\.\d+|inf(?:inity)?)([smhd]?)$/.exec(a);
      if (!m) {
        if (gnu) return usageError(ctx, `invalid time interval '${a}'`, '[N]...');
        ctx.stderr(`sleep: invalid number '${a}'\n`);
        return 1;
      }
      ms += m[1].startsWith('inf') ? Infinity : Number(m[1]) * UNIT[m[2]];
    }
    // A budget that ends mid-sleep stops the program; the terminal reports the line as timed out.
    return ctx.sleep(ms) ? 0 : 130;
  },
};
