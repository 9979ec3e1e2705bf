// `.` and `source`: read a file and run it in the current shell (variables and cd stay).
import { resolvePath } from '../../os/fs/paths.ts';
import { ReturnSignal } from '../signals.ts';
import type { Builtin } from './types.ts';

export const source: Builtin = ({ sh, io, argv, rt, ops, error }) => {
  const file = argv[1];
  if (file === undefined) {
    error('filename argument required', argv[0]);
    return 2;
  }
  // Like the shells, a name without a slash is looked up in the current directory last (PATH has no scripts here).
  const text = rt.world.fs(sh.host).read(resolvePath(sh.cwd, file));
  if (text === undefined) {
    if (sh.flavour.name === 'bash') error(`${file}: No such file or directory`, argv[0]);
    else if (sh.flavour.name === 'dash') error(`${argv[0]}: cannot open ${file}: No such file`);
    else error(`can't open '${file}': No such file or directory`, argv[0]);
    return sh.flavour.name === 'bash' ? 1 : 2;
  }
  const saved = sh.positional;
  if (argv.length > 2) sh.positional = argv.slice(2);
  sh.sourceDepth++;
  try {
    return ops.evalText(sh, text, io);
  } catch (e: unknown) {
    // `return` in the file ends only the file.
    if (e instanceof ReturnSignal) return (sh.status = e.status);
    throw e;
  } finally {
    sh.sourceDepth--;
    if (argv.length > 2) sh.positional = saved;
  }
};
