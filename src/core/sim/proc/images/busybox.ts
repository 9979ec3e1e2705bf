// The busybox and alpine images: BusyBox sh with its applets; `sh` as CMD exits at once without a terminal.
import { ALPINE_APPLETS, BUSYBOX_APPLETS } from './applets.ts';
import type { ImageFacts, ImageFamily } from './family.ts';
import { pullTime } from './pull-time.ts';
import { tagVariant, tagVersion, type CatalogRef } from './reference.ts';

/** BusyBox releases the Docker image was built from, with their build stamps (shown in usage banners). */
const BUSYBOX_BUILDS: Record<string, string> = {
  '1.37.0': '2024-09-26 21:31:42 UTC',
  '1.36.1': '2023-05-18 22:34:17 UTC',
  '1.36.0': '2023-01-10 00:06:18 UTC',
  '1.35.0': '2022-01-21 21:59:20 UTC',
  '1.34.1': '2021-10-04 18:10:35 UTC',
  '1.33.1': '2021-05-04 22:34:53 UTC',
  '1.32.1': '2021-01-04 19:20:32 UTC',
  '1.31.1': '2019-12-23 19:21:35 UTC',
  '1.30.1': '2019-05-13 19:09:34 UTC',
  '1.29.3': '2018-12-14 23:51:59 UTC',
  '1.28.4': '2018-05-22 17:00:17 UTC',
};
const LATEST_BUSYBOX = '1.37.0';

/** The full release a tag names: "1.36" → "1.36.1", "1" → the latest. */
function busyboxRelease(tag: string): string | undefined {
  const v = tagVersion(tag);
  if (!v) return ['latest', 'stable', 'glibc', 'musl', 'uclibc'].includes(tag) ? LATEST_BUSYBOX : undefined;
  const want = v.join('.');
  return Object.keys(BUSYBOX_BUILDS).find((r) => r === want || r.startsWith(`${want}.`));
}

function busyboxFacts(ref: CatalogRef): ImageFacts | undefined {
  const release = busyboxRelease(ref.tag);
  const variant = tagVersion(ref.tag) ? tagVariant(ref.tag) : ref.tag;
  if (!release || !['', 'latest', 'stable', 'glibc', 'musl', 'uclibc'].includes(variant)) return undefined;
  return {
    info: {
      repository: 'busybox',
      shells: ['sh', 'ash'],
      commands: ['busybox', ...BUSYBOX_APPLETS],
      prompt: 'busybox',
      ping: 'busybox',
      workdir: '/',
      pullMs: pullTime('busybox', ref.tag, 2100),
      sizeBytes: 2_155_000,
    },
    entrypoint: [],
    cmd: ['sh'],
    toolset: {
      libc: variant === 'musl' ? 'musl' : 'glibc',
      busybox: { applets: BUSYBOX_APPLETS, banner: `BusyBox v${release} (${BUSYBOX_BUILDS[release]}) multi-call binary.`, ncBloaty: true },
    },
    version: release,
  };
}

/** Alpine releases and the BusyBox each ships. */
const ALPINE: Record<string, { busybox: string; built: string }> = {
  '3.21': { busybox: '1.37.0', built: '2025-01-17 18:12:01 UTC' },
  '3.20': { busybox: '1.36.1', built: '2024-06-10 07:11:47 UTC' },
  '3.19': { busybox: '1.36.1', built: '2023-11-23 10:32:58 UTC' },
  '3.18': { busybox: '1.36.1', built: '2023-06-02 00:36:06 UTC' },
  '3.17': { busybox: '1.35.0', built: '2022-11-19 10:13:10 UTC' },
  '3.16': { busybox: '1.35.0', built: '2022-05-23 12:46:43 UTC' },
};

function alpineFacts(ref: CatalogRef): ImageFacts | undefined {
  const v = tagVersion(ref.tag);
  const minor = ref.tag === 'latest' || ref.tag === '3' ? '3.21' : v && v.length >= 2 ? `${v[0]}.${v[1]}` : undefined;
  const rel = minor ? ALPINE[minor] : undefined;
  if (!rel) return undefined;
  return {
    info: {
      repository: 'alpine',
      shells: ['sh', 'ash'],
      commands: ['busybox', ...ALPINE_APPLETS],
      prompt: 'sh',
      ping: 'busybox',
      workdir: '/',
      pullMs: pullTime('alpine', ref.tag, 1900),
      sizeBytes: 3_640_000,
    },
    entrypoint: [],
    cmd: ['/bin/sh'],
    toolset: {
      libc: 'musl',
      busybox: { applets: ALPINE_APPLETS, banner: `BusyBox v${rel.busybox} (${rel.built}) multi-call binary.`, ncBloaty: true },
    },
    version: minor,
  };
}

export const busyboxFamily: ImageFamily = { repositories: ['busybox'], facts: busyboxFacts };
export const alpineFamily: ImageFamily = { repositories: ['alpine'], facts: alpineFacts };
