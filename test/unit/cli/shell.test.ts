// `podlab shell`: a simulated terminal at a point of a lesson; with piped input it prints a transcript.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('podlab shell --after 2.2 continues the lesson: pods are there, nested shells work, exit leaves', () => {
  const input = ['kubectl get pods -o wide', 'kubectl exec -it busybox -- sh', 'ping -c 1 192.168.217.16', 'exit', 'exit', ''].join('\n');
  const r = spawnSync(process.execPath, ['bin/podlab.js', 'shell', 'lessons/pod-networking/lesson.en.md', '--after', '2.2'], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /busybox\s+1\/1\s+Running\s+0\s+\S+\s+192\.168\.254\.206\s+henry003/);
  assert.match(
    r.stdout,
    /\n\/ # ping -c 1 192\.168\.217\.16\nPING 192\.168\.217\.16 \(192\.168\.217\.16\): 56 data bytes\n64 bytes from 192\.168\.217\.16: seq=0 ttl=62 /,
  );
  assert.match(r.stdout, /\/ # exit\n.*# exit\nexit\n$/);
});

test('podlab shell --in POD opens inside the pod; an unknown section is a clear error', () => {
  const r = spawnSync(process.execPath, ['bin/podlab.js', 'shell', 'lessons/pod-networking/lesson.en.md', '--in', 'mypod'], {
    input: 'hostname\npwd\n',
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'root@mypod:/data# hostname\nmypod\nroot@mypod:/data# pwd\n/data\n');
  const bad = spawnSync(process.execPath, ['bin/podlab.js', 'shell', 'lessons/pod-networking/lesson.en.md', '--after', '9.9'], {
    input: '',
    encoding: 'utf8',
  });
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /no cells in section 9\.9/);
});
