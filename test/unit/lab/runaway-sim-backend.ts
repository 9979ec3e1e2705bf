// The simulator, loaded in a lab's session host, with two lines no simulated budget stops: `spin` loops forever on
// the host's thread (only the wall-clock watchdog, which kills the host, ends it), `big` allocates past the host's
// heap limit at once (V8 ends the process). Every other line is the simulator's own, so a test can leave state
// behind (a Pod, a file) and find it again after the host was rebuilt.
import type { Backend, LineResult, ShellTarget, Terminal, TypeOptions } from '../../../src/core/backend.ts';
import { createBackend as builtIn } from '../../../src/node/backends/index.ts';

function spinning(inner: Terminal): Terminal {
  const type = async (line: string, options: TypeOptions): Promise<LineResult> => {
    if (line === 'spin') for (;;);
    if (line === 'big') return { ...(await inner.type('true', options)), output: String(new Array<number>(1e8).fill(1).length) };
    return inner.type(line, options);
  };
  return new Proxy(inner, {
    get(target, key) {
      if (key === 'type') return type;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function createBackend(): Backend {
  const backend = builtIn('simulator');
  const open = backend.openTerminal.bind(backend);
  backend.openTerminal = async (where: ShellTarget) => spinning(await open(where));
  return backend;
}
