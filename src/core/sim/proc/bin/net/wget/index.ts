// wget: BusyBox's applet in busybox/alpine images, GNU Wget on node hosts.
import type { Tool } from '../../tool.ts';
import { toolEnv } from '../where.ts';
import { busyboxWget } from './busybox.ts';
import { gnuWget } from './gnu.ts';

export const wget: Tool = (ctx) => (toolEnv(ctx, 'wget').flavour === 'busybox' ? busyboxWget(ctx) : gnuWget(ctx));
