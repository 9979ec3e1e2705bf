// Filesystems: the in-memory tree, its limits, per-host trees, and files generated from the model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodlabError } from '../../../../../src/core/errors.ts';
import type { Pod } from '../../../../../src/core/sim/api/types.ts';
import { MemFileSystem } from '../../../../../src/core/sim/proc/os/fs/mem-fs.ts';
import { FakeWorld, NODE, podHost } from './fake-world.ts';

test('files and directories: write, read, list, stat, mkdir, remove', () => {
  let now = 1000;
  const fs = new MemFileSystem(() => now);
  fs.write('/a/b/c.txt', 'hi');
  assert.equal(fs.read('/a/b/c.txt'), 'hi');
  assert.equal(fs.read('/a/b/../b/./c.txt'), 'hi');
  assert.deepEqual(fs.list('/a'), ['b']);
  assert.equal(fs.isDir('/a/b'), true);
  assert.equal(fs.list('/a/b/c.txt'), undefined);
  now = 2000;
  assert.equal(fs.writeFile('/a/b/c.txt', ' there', { append: true }), undefined);
  assert.deepEqual(fs.stat('/a/b/c.txt'), { kind: 'file', size: 8, mtimeMs: 2000, mode: 0o644 });
  assert.equal(fs.writeFile('/nope/x', 'x'), 'ENOENT');
  assert.equal(fs.writeFile('/a/b/c.txt/x', 'x'), 'ENOTDIR');
  assert.equal(fs.writeFile('/a/b', 'x'), 'EISDIR');
  assert.equal(fs.mkdir('/a'), 'EEXIST');
  assert.equal(fs.mkdir('/a', { parents: true }), undefined);
  assert.equal(fs.mkdir('/x/y'), 'ENOENT');
  assert.equal(fs.chmod('/a/b/c.txt', 0o755), undefined);
  assert.equal(fs.stat('/a/b/c.txt')?.mode, 0o755);
  assert.equal(fs.remove('/a'), true);
  assert.equal(fs.read('/a/b/c.txt'), undefined);
  assert.equal(fs.remove('/a'), false);
  assert.deepEqual(fs.list('/'), []);
});

test('size limits: EFBIG per file, ENOSPC per host; write() throws input-limit', () => {
  const fs = new MemFileSystem(() => 0, { maxFileBytes: 10, maxTotalBytes: 25 });
  assert.equal(fs.writeFile('/a', '0123456789'), undefined);
  assert.equal(fs.writeFile('/big', '0123456789X'), 'EFBIG');
  assert.equal(fs.writeFile('/b', '0123456789'), undefined);
  assert.equal(fs.writeFile('/c', '0123456789'), 'ENOSPC');
  assert.equal(fs.writeFile('/a', 'short'), undefined, 'replacing a file frees its bytes');
  assert.equal(fs.writeFile('/c', '0123456789'), undefined);
  assert.throws(
    () => fs.write('/d', 'x'.repeat(11)),
    (e: unknown) => e instanceof PodlabError && e.code === 'input-limit' && /over the .* limit per file/.test(e.message),
  );
  fs.remove('/b');
  assert.equal(fs.writeFile('/e', '0123456789'), undefined, 'removing frees space');
});

function world(): FakeWorld {
  return new FakeWorld({
    pods: [
      { name: 'bb', node: 'wk1', ip: '172.16.1.5' },
      {
        name: 'web',
        node: 'wk1',
        ip: '172.16.1.6',
        image: 'nginx',
        containers: [
          { name: 'web', image: 'nginx' },
          { name: 'side', image: 'busybox' },
        ],
      },
      { name: 'db-0', node: 'wk1', ip: '172.16.1.7', hostname: 'db-0', subdomain: 'db', image: 'app' },
      { name: 'hn', node: 'wk1', ip: '10.1.0.12', hostNetwork: true, image: 'busybox' },
    ],
  });
}

test("a pod's /etc/hosts is the kubelet's file, read live", () => {
  const w = world();
  const hosts = (pod: string, c = pod): string | undefined => w.fs(podHost(pod, c)).read('/etc/hosts');
  const boiler =
    '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  assert.equal(hosts('bb'), `${boiler}172.16.1.5\tbb\n`);
  assert.equal(hosts('db-0'), `${boiler}172.16.1.7\tdb-0.db.default.svc.cluster.local\tdb-0\n`);
  assert.match(hosts('hn') ?? '', /^# Kubernetes-managed hosts file \(host network\)\.\n127\.0\.0\.1   localhost/);
  const pod = w.store.get<Pod>('Pod', 'default', 'bb') as Pod;
  (pod.spec as { hostAliases?: unknown }).hostAliases = [{ ip: '10.9.9.9', hostnames: ['foo.local', 'bar.local'] }];
  pod.status = { ...pod.status, phase: 'Running', podIP: '172.16.1.55', podIPs: [{ ip: '172.16.1.55' }] };
  w.store.update(pod);
  assert.equal(hosts('bb'), `${boiler}172.16.1.55\tbb\n\n# Entries added by HostAliases.\n10.9.9.9\tfoo.local\tbar.local\n`);
});

test('resolv.conf, hostname and os-release come from the model and the image', () => {
  const w = world();
  assert.equal(
    w.fs(podHost('bb')).read('/etc/resolv.conf'),
    'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
  );
  assert.equal(w.fs(NODE).read('/etc/resolv.conf'), 'nameserver 10.1.0.1\n');
  assert.equal(w.fs(podHost('bb')).read('/etc/hostname'), 'bb\n');
  assert.equal(w.fs(podHost('hn')).read('/etc/hostname'), 'wk1\n');
  assert.equal(w.fs(NODE).read('/etc/hostname'), 'cp1\n');
  assert.equal(w.fs(podHost('bb')).read('/etc/os-release'), undefined, 'the busybox image has none');
  assert.match(w.fs(podHost('web')).read('/etc/os-release') ?? '', /^PRETTY_NAME="Debian GNU\/Linux 12 \(bookworm\)"/);
  assert.match(w.fs(NODE).read('/etc/os-release') ?? '', /^NAME="CentOS Linux"/);
  assert.match(w.fs(NODE).read('/etc/hosts') ?? '', /\n10\.1\.0\.11 cp1\n10\.1\.0\.12 wk1\n$/);
});

test('a generated file written over keeps what was written', () => {
  const w = world();
  const fs = w.fs(podHost('bb'));
  fs.write('/etc/resolv.conf', 'nameserver 1.1.1.1\n');
  assert.equal(fs.read('/etc/resolv.conf'), 'nameserver 1.1.1.1\n');
});

test('each container and node has its own tree, laid out for its OS; a new pod of the same name starts fresh', () => {
  const w = world();
  w.fs(podHost('web')).write('/tmp/x', 'web');
  assert.equal(w.fs(podHost('web', 'side')).read('/tmp/x'), undefined);
  assert.equal(w.fs(NODE).read('/tmp/x'), undefined);
  assert.equal(w.fs(podHost('web')).read('/tmp/x'), 'web');
  assert.deepEqual(w.fs(podHost('bb')).list('/'), [
    'bin',
    'dev',
    'etc',
    'home',
    'lib',
    'lib64',
    'proc',
    'root',
    'sys',
    'tmp',
    'usr',
    'var',
  ]);
  assert.ok(w.fs(podHost('web')).list('/')?.includes('srv'));
  assert.equal(w.fs(podHost('db-0')).isDir('/data'), true, 'the image workdir exists');
  assert.equal(w.fs(NODE).stat?.('/root')?.mode, 0o700);
  w.fs(podHost('bb')).write('/root/note', 'old');
  w.store.delete('Pod', 'default', 'bb');
  w.addPod({ name: 'bb', node: 'wk1', ip: '172.16.1.8' });
  assert.equal(w.fs(podHost('bb')).read('/root/note'), undefined);
});
