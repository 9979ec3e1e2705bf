// cd and pwd: move the shell's working directory (PWD/OLDPWD follow), print it.
import { resolvePath } from '../../os/fs/paths.ts';
import type { Builtin } from './types.ts';

export const cd: Builtin = ({ sh, io, argv, rt, error }) => {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P')));
  if (args.length > 1 && sh.flavour.name === 'bash') {
    error('too many arguments', 'cd');
    return 1;
  }
  let target = args[0];
  let print = false;
  if (target === undefined || target === '') target = sh.get('HOME') ?? sh.home;
  else if (target === '-') {
    const old = sh.get('OLDPWD');
    if (old === undefined) {
      error('OLDPWD not set', 'cd');
      return 1;
    }
    target = old;
    print = true;
  }
  const fs = rt.world.fs(sh.host);
  const path = resolvePath(sh.cwd, target);
  if (!fs.isDir(path)) {
    const errno = fs.read(path) !== undefined ? 'ENOTDIR' : 'ENOENT';
    const r = sh.flavour.cdFailed(target, errno);
    error(r.msg, 'cd');
    return r.status;
  }
  sh.setVar('OLDPWD', sh.cwd, sh.exported.has('OLDPWD') || sh.flavour.name !== 'bash');
  sh.cwd = path;
  sh.setVar('PWD', path, true);
  if (print) io.stdout.write(`${path}\n`);
  return 0;
};

export const pwd: Builtin = ({ sh, io }) => {
  io.stdout.write(`${sh.cwd}\n`);
  return 0;
};
