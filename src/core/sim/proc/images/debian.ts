// The debian and ubuntu images: bash and coreutils, and none of curl, ping, ip, nslookup (as the real images).
import { DEBIAN_COMMANDS } from './applets.ts';
import type { ImageFacts, ImageFamily } from './family.ts';
import { pullTime } from './pull-time.ts';
import { tagVersion, type CatalogRef } from './reference.ts';

const DEBIAN_TAGS = [
  'latest',
  'stable',
  'stable-slim',
  'bookworm',
  'bookworm-slim',
  'bullseye',
  'bullseye-slim',
  'trixie',
  'trixie-slim',
  'buster',
  'sid',
];
const UBUNTU_TAGS = ['latest', 'rolling', 'noble', 'jammy', 'focal', 'bionic', 'oracular', 'devel'];

function facts(repository: string, ref: CatalogRef, tags: string[], majors: number[], baseMs: number): ImageFacts | undefined {
  const v = tagVersion(ref.tag);
  if (!tags.includes(ref.tag) && !(v && majors.includes(v[0]))) return undefined;
  return {
    info: {
      repository,
      shells: ['sh', 'bash'],
      commands: DEBIAN_COMMANDS,
      prompt: 'bash',
      workdir: '/',
      pullMs: pullTime(repository, ref.tag, baseMs),
      sizeBytes: repository === 'ubuntu' ? 29_750_000 : 48_500_000,
    },
    entrypoint: [],
    cmd: ['bash'],
    toolset: { libc: 'glibc' },
  };
}

export const debianFamily: ImageFamily = {
  repositories: ['debian'],
  facts: (ref) => facts('debian', ref, DEBIAN_TAGS, [9, 10, 11, 12, 13], 5200),
};
export const ubuntuFamily: ImageFamily = {
  repositories: ['ubuntu'],
  facts: (ref) => facts('ubuntu', ref, UBUNTU_TAGS, [18, 20, 22, 24], 3900),
};
