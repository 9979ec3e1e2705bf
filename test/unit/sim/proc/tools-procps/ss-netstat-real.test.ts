// Differential: the real ss (iproute2 6.1), net-tools netstat and BusyBox netstat against the simulator's renderers
// for the same listening sockets, opened by socat in a network namespace this test owns (and deletes). The real pids
// and fds are read from the real output and given to the simulated sockets; only the line order is normalized
// (the kernel dumps sockets in hash order).
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { netstatTable } from '../../../../../src/core/sim/proc/bin/net/netstat/index.ts';
import type { Socket } from '../../../../../src/core/sim/proc/bin/net/sockets.ts';
import { ssTable } from '../../../../../src/core/sim/proc/bin/net/ss/index.ts';

const NS = `plabss${process.pid}`;

function has(program: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = ['ip', 'ss', 'socat'].filter((p) => !has(p));
const PROBLEM =
  process.getuid?.() !== 0 ? 'needs root to create a network namespace' : missing.length ? `missing: ${missing.join(', ')}` : undefined;

/** [socat address, the socket as the simulator describes it (socat's backlog is 5)]. */
const LISTENERS: [string, Omit<Socket, 'owner'>][] = [
  ['TCP4-LISTEN:8080,reuseaddr,fork', { protocol: 'TCP', bind: '0.0.0.0', port: 8080, backlog: 5 }],
  ['TCP6-LISTEN:10250,ipv6only=0,reuseaddr,fork', { protocol: 'TCP', bind: '*', port: 10250, backlog: 5 }],
  ['TCP6-LISTEN:2222,ipv6only=1,reuseaddr,fork', { protocol: 'TCP', bind: '[::]', port: 2222, backlog: 5 }],
  ['UDP4-RECV:5353', { protocol: 'UDP', bind: '0.0.0.0', port: 5353, backlog: 0 }],
];

const children: ChildProcess[] = [];
let sockets: Socket[] = [];

const real = (...argv: string[]) => execFileSync('ip', ['netns', 'exec', NS, ...argv], { encoding: 'utf8' });
const sorted = (text: string, header: number) => {
  const lines = text.split('\n');
  return [...lines.slice(0, header), ...lines.slice(header).sort()].join('\n');
};

before(async () => {
  if (PROBLEM) return;
  execFileSync('ip', ['netns', 'add', NS]);
  execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
  for (const [address] of LISTENERS) {
    children.push(spawn('ip', ['netns', 'exec', NS, 'socat', '-u', address, 'OPEN:/dev/null'], { stdio: 'ignore' }));
  }
  // Wait until every socket is there (socat binds at once; this only covers its start).
  for (let i = 0; i < 100; i++) {
    if (real('ss', '-tulnH').trim().split('\n').filter(Boolean).length >= LISTENERS.length) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const users = real('ss', '-tulnpH');
  sockets = LISTENERS.map(([, s]) => {
    const line = users.split('\n').find((l) => new RegExp(`[*\\]\\d]:${s.port}\\s`).test(l)) ?? '';
    const m = /pid=(\d+),fd=(\d+)/.exec(line);
    return { ...s, owner: m ? { comm: 'socat', pid: Number(m[1]), fd: Number(m[2]) } : undefined };
  });
});

after(() => {
  for (const c of children) c.kill();
  if (!PROBLEM) execFileSync('ip', ['netns', 'del', NS]);
});

function skipped(t: { skip(message: string): void }): boolean {
  if (PROBLEM) t.skip(`SKIPPED: ${PROBLEM}`);
  return PROBLEM !== undefined;
}

const only = (protocols: string[]) =>
  sockets.filter((s) => protocols.includes(s.protocol)).sort((a, b) => (a.protocol === b.protocol ? 0 : a.protocol === 'UDP' ? -1 : 1));

for (const [flags, protocols, netid] of [
  ['-tln', ['TCP'], false],
  ['-uln', ['UDP'], false],
  ['-tuln', ['TCP', 'UDP'], true],
  ['-tlnp', ['TCP'], false],
  ['-tulnp', ['TCP', 'UDP'], true],
  ['-tl', ['TCP'], false],
] as const) {
  test(`ss ${flags} as the real ss prints it`, (t) => {
    if (skipped(t)) return;
    const sim = ssTable(only([...protocols]), {
      netid,
      numeric: flags.includes('n'),
      processes: flags.includes('p'),
      header: true,
      screen: undefined,
    });
    assert.equal(sorted(sim, 1), sorted(real('ss', flags), 1));
  });
}

for (const [flags, protocols] of [
  ['-tln', ['TCP']],
  ['-tlnp', ['TCP']],
  ['-uln', ['UDP']],
  ['-tuln', ['TCP', 'UDP']],
] as const) {
  test(`net-tools netstat ${flags} as the real one prints it`, (t) => {
    if (skipped(t)) return;
    if (!has('netstat') || !real('netstat', '-V').includes('net-tools')) return t.skip('SKIPPED: no net-tools netstat');
    const sim = netstatTable(
      sockets.filter((s) => (protocols as readonly string[]).includes(s.protocol)),
      { busybox: false, all: false, listening: true, prg: flags.includes('p'), numeric: true },
    );
    assert.equal(sorted(sim, 2), sorted(real('netstat', flags), 2));
  });
}

for (const [flags, protocols] of [
  ['-tln', ['TCP']],
  ['-uln', ['UDP']],
  ['-tuln', ['TCP', 'UDP']],
] as const) {
  test(`BusyBox netstat ${flags} as the real applet prints it`, (t) => {
    if (skipped(t)) return;
    if (!has('busybox')) return t.skip('SKIPPED: no busybox');
    const sim = netstatTable(
      sockets.filter((s) => (protocols as readonly string[]).includes(s.protocol)),
      { busybox: true, all: false, listening: true, prg: false, numeric: true },
    );
    assert.equal(sorted(sim, 2), sorted(real('busybox', 'netstat', flags), 2));
  });
}
