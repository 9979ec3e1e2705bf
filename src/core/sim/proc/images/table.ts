// The catalog's table of image families: one row per image (system images in system.ts). Add a file and a row here.
import { agnhostFamily } from './agnhost.ts';
import { alpineFamily, busyboxFamily } from './busybox.ts';
import { curlImageFamily } from './curl-image.ts';
import { debianFamily, ubuntuFamily } from './debian.ts';
import type { ImageFamily } from './family.ts';
import { httpEchoFamily } from './http-echo.ts';
import { httpdFamily } from './httpd.ts';
import { netshootFamily } from './netshoot.ts';
import { nginxFamily } from './nginx.ts';
import { pauseFamily } from './pause.ts';
import { systemFamilies } from './system.ts';

export const IMAGE_FAMILIES: ImageFamily[] = [
  nginxFamily,
  busyboxFamily,
  alpineFamily,
  curlImageFamily,
  debianFamily,
  ubuntuFamily,
  netshootFamily,
  httpdFamily,
  agnhostFamily,
  httpEchoFamily,
  pauseFamily,
  ...systemFamilies,
];
