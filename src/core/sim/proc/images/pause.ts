// registry.k8s.io/pause: the sandbox holder; it waits forever and exits at once on SIGTERM.
import type { ImageFamily, Program } from './family.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion } from './reference.ts';
import { Timeline } from './timeline.ts';

const pause: Program = (env) => {
  const tl = new Timeline();
  tl.block();
  return tl.toRun(env.clock, env.startMs, { stopMs: 0 });
};

export const pauseFamily: ImageFamily = {
  repositories: ['registry.k8s.io/pause', 'k8s.gcr.io/pause'],
  facts: (ref) => {
    if (ref.tag !== 'latest' && !tagVersion(ref.tag)) return undefined;
    return {
      info: {
        repository: 'registry.k8s.io/pause',
        shells: [],
        commands: ['pause'],
        prompt: 'sh',
        workdir: '/',
        pullMs: pullTime('pause', ref.tag, 700),
        sizeBytes: 320_000,
      },
      entrypoint: ['/pause'],
      cmd: [],
      toolset: { libc: 'glibc' },
    };
  },
  programs: { pause },
};
