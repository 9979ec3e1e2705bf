// curlimages/curl: Alpine with curl; /entrypoint.sh puts `curl` in front of arguments that are not commands.
import { ALPINE_APPLETS } from './applets.ts';
import type { ImageFamily, Program } from './family.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion } from './reference.ts';

const COMMANDS = [...ALPINE_APPLETS, 'curl', 'entrypoint.sh'];

/** /entrypoint.sh: `set -- curl "$@"` when $1 starts with '-' or is no command, then exec. */
const entrypoint: Program = (env) => {
  const rest = env.argv.slice(1);
  const first = rest[0] ?? '';
  const needsCurl = first.startsWith('-') || !COMMANDS.includes(first.slice(first.lastIndexOf('/') + 1));
  return env.exec(needsCurl ? ['curl', ...rest] : rest);
};

export const curlImageFamily: ImageFamily = {
  repositories: ['curlimages/curl'],
  facts: (ref) => {
    if (ref.tag !== 'latest' && !tagVersion(ref.tag)) return undefined;
    return {
      info: {
        repository: 'curlimages/curl',
        shells: ['sh', 'ash'],
        commands: COMMANDS,
        prompt: 'sh',
        ping: 'busybox',
        workdir: '/home/curl_user',
        pullMs: pullTime('curlimages/curl', ref.tag, 2600),
        sizeBytes: 11_900_000,
      },
      entrypoint: ['/entrypoint.sh'],
      cmd: ['curl'],
      toolset: {
        libc: 'musl',
        busybox: { applets: ALPINE_APPLETS, banner: 'BusyBox v1.37.0 (2025-01-17 18:12:01 UTC) multi-call binary.', ncBloaty: true },
      },
    };
  },
  programs: { 'entrypoint.sh': entrypoint },
};
