// Table of the general-purpose tools (cat, echo, grep, head, wc, env, hostname, sleep, ls ...).
import type { ToolInfo } from '../tool.ts';
import { awk } from './awk/index.ts';
import { cat } from './cat.ts';
import { cp, mv } from './copy.ts';
import { cut, tr } from './cut-tr.ts';
import { date } from './date.ts';
import { echo, printf } from './echo.ts';
import { env, printenv } from './env.ts';
import { mkdir, rm, rmdir, touch } from './files.ts';
import { grep } from './grep.ts';
import { head, tail } from './head-tail.ts';
import { hostname, id, uname, whoami } from './identity.ts';
import { ls } from './ls.ts';
import { basename, chmod, clear, dirname, falseTool, pwd, seq, tee, trueTool } from './misc.ts';
import { timeout, xargs } from './run-tools.ts';
import { sed } from './sed.ts';
import { sleep } from './sleep.ts';
import { sort, uniq } from './sort-uniq.ts';
import { egrep, fgrep, nproc, tac, tty } from './text-extra.ts';
import { wc } from './wc.ts';
import { editors, shells, which } from './which-editors-shells.ts';

export const coreTools: ToolInfo[] = [
  cat,
  echo,
  printf,
  ls,
  grep,
  head,
  tail,
  wc,
  sort,
  uniq,
  cut,
  tr,
  env,
  printenv,
  hostname,
  whoami,
  id,
  uname,
  sleep,
  date,
  touch,
  mkdir,
  rm,
  rmdir,
  cp,
  mv,
  chmod,
  trueTool,
  falseTool,
  clear,
  pwd,
  basename,
  dirname,
  tee,
  seq,
  which,
  ...editors,
  ...shells,
  egrep,
  fgrep,
  tac,
  nproc,
  tty,
  xargs,
  timeout,
  sed,
  awk,
];
