// In-memory filesystems of hosts and containers, with generated files (/etc/hosts, /etc/resolv.conf).
// One tree per node host and per container (containers of a pod do not share files: volumes are not modelled).
import type { FileSystem, HostRef, World } from '../../contracts.ts';
import { GENERATED_FILES, generator } from './fs/generated.ts';
import { MemFileSystem } from './fs/mem-fs.ts';
import { hostInfo } from './host-info.ts';

/** Returns the fs(host) function of a world; filesystems are created on first use. */
export function createFileSystems(world: World): (host: HostRef) => FileSystem {
  const trees = new Map<string, MemFileSystem>();
  return (host) => {
    const key = hostKey(world, host);
    let fs = trees.get(key);
    if (!fs) {
      fs = newHostFs(world, host);
      trees.set(key, fs);
    }
    return fs;
  };
}

/** A stable key per host; a pod recreated under the same name (new uid) gets a fresh filesystem. */
function hostKey(world: World, host: HostRef): string {
  if (host.kind === 'node') return `node/${host.node}`;
  const uid = world.store.peek('Pod', host.namespace, host.pod)?.metadata.uid ?? '';
  return `pod/${host.namespace}/${host.pod}/${host.container}/${uid}`;
}

/** A fresh tree: the OS's top-level directories, /root, /tmp, the working directory, the generated files. */
function newHostFs(world: World, host: HostRef): MemFileSystem {
  const fs = new MemFileSystem(() => world.clock.now());
  const info = hostInfo(world, host);
  if (!info) return fs;
  for (const dir of info.os.rootDirs) fs.mkdir(`/${dir}`, { parents: true });
  fs.chmod('/root', 0o700);
  fs.chmod('/tmp', 0o1777);
  const workdir = info.container?.workingDir ?? info.image?.workdir;
  if (workdir) fs.mkdir(workdir, { parents: true });
  for (const file of GENERATED_FILES) {
    if (file.present(info)) fs.generate(file.path, generator(world, host, file));
  }
  return fs;
}
