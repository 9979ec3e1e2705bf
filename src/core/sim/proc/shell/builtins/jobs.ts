// Background job builtins: wait (lets the jobs' simulated time pass) and jobs.
import type { Builtin } from './types.ts';

/** `wait`: simulated time passes until the last background job is done (within the line's budget). */
export const wait: Builtin = ({ sh, rt }) => {
  const now = rt.world.clock.now();
  const last = sh.jobs.reduce((m, j) => Math.max(m, j.doneAt), now);
  if (last > now && !rt.sleep(last - now)) return 127;
  const status = sh.jobs.length > 0 ? sh.jobs[sh.jobs.length - 1].status : 0;
  return status;
};

/** `jobs`: the background jobs still running, bash style. */
export const jobs: Builtin = ({ sh, io, rt }) => {
  const now = rt.world.clock.now();
  sh.jobs.forEach((j, i) => {
    const mark = i === sh.jobs.length - 1 ? '+' : i === sh.jobs.length - 2 ? '-' : ' ';
    const state = j.doneAt <= now ? (j.status === 0 ? 'Done' : `Exit ${j.status}`) : 'Running';
    io.stdout.write(`[${j.id}]${mark}  ${state.padEnd(24)}${j.text}${state === 'Running' ? ' &' : ''}\n`);
  });
  return 0;
};
