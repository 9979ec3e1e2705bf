// The differential shell corpus (issue 12, item 7): every snippet of test/fixtures/shell-corpus/corpus.sh runs in
// the simulator and in the real programs, and output (stderr on stdout, as a terminal shows them) and exit status
// must agree byte for byte, except for the differences listed and justified in KNOWN-DIFFERENCES.md.
//
// Mode: `bash -c SNIPPET` on a node (the simulator's `-c` mode words errors `bash: line N: ...`, as real bash does
// there) and `sh -c SNIPPET` in a busybox pod, against real bash 5.2 (`bash --norc --noprofile -c`) and Debian's
// busybox (`busybox sh -c`, with a PATH holding only busybox applets so that GNU tools never stand in for them).
// The real shells are spawned once per snippet, in an empty directory, with LC_ALL=C.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import { FakeWorld, NODE, podHost } from './fake-world.ts';
import { type } from './helpers.ts';

type Shell = 'bash' | 'ash';
interface Snippet {
  name: string;
  code: string;
  shells: Shell[];
  line: number;
}

const DIR = fileURLToPath(new URL('../../../../fixtures/shell-corpus/', import.meta.url));

export function parseCorpus(text: string): Snippet[] {
  const out: Snippet[] = [];
  let cur: Snippet | undefined;
  text.split('\n').forEach((line, i) => {
    const m = /^#@ (\S+)(?: \[(bash|ash)\])?$/.exec(line);
    if (m) {
      cur = { name: m[1]!, code: '', shells: m[2] ? [m[2] as Shell] : ['bash', 'ash'], line: i + 1 };
      out.push(cur);
    } else if (cur) cur.code += `${line}\n`;
  });
  for (const s of out) s.code = s.code.replace(/\n+$/, '');
  return out;
}

/** `snippet shell` → reason, from the table of KNOWN-DIFFERENCES.md (`| snippet | shell | reason |`). */
function knownDifferences(text: string): Map<string, string> {
  const known = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\| `([^`]+)` \| (bash|ash) \| (.+) \|$/.exec(line);
    if (m) known.set(`${m[1]} ${m[2]}`, m[3]!);
  }
  return known;
}

function have(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).error === undefined;
}

const env = (path: string, home: string): NodeJS.ProcessEnv => ({ LC_ALL: 'C', PATH: path, HOME: home, TERM: 'dumb' });

function runReal(shell: Shell, code: string, bbPath: string, bbBinary: string): { out: string; code: number } {
  const work = mkdtempSync(join(tmpdir(), 'podlab-shdiff-'));
  const file = join(work, '.out');
  const fd = openSync(file, 'w');
  try {
    const r =
      shell === 'bash'
        ? spawnSync('bash', ['--norc', '--noprofile', '-c', code], {
            cwd: work,
            env: env('/usr/local/bin:/usr/bin:/bin', work),
            stdio: ['ignore', fd, fd],
            timeout: 10_000,
          })
        : spawnSync(bbBinary, ['sh', '-c', code], { cwd: work, env: env(bbPath, work), stdio: ['ignore', fd, fd], timeout: 10_000 });
    closeSync(fd);
    return { out: readFileSync(file, 'utf8'), code: r.status ?? 128 };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function runSim(w: FakeWorld, shell: Shell, code: string, n: number): Promise<{ out: string; code: number }> {
  const cwd = `/tmp/w${n}`;
  const t = createTerminal(w, shell === 'bash' ? NODE : podHost('bb'), { cwd });
  const quoted = `'${code.replace(/'/g, `'"'"'`)}'`;
  const r = await type(t, `${shell === 'bash' ? 'bash' : 'sh'} -c ${quoted}`);
  return { out: r.output, code: r.exitCode };
}

const corpus = parseCorpus(readFileSync(join(DIR, 'corpus.sh'), 'utf8'));
const known = knownDifferences(readFileSync(join(DIR, 'KNOWN-DIFFERENCES.md'), 'utf8'));

test('the corpus is well formed', () => {
  assert.ok(corpus.length >= 100, `corpus has ${corpus.length} snippets`);
  const names = new Set<string>();
  for (const s of corpus) {
    assert.ok(!names.has(s.name), `duplicate snippet name ${s.name} (corpus.sh:${s.line})`);
    assert.ok(s.code.trim() !== '', `empty snippet ${s.name}`);
    names.add(s.name);
  }
  for (const key of known.keys()) {
    const [name, shell] = key.split(' ') as [string, Shell];
    assert.ok(
      corpus.some((s) => s.name === name && s.shells.includes(shell)),
      `KNOWN-DIFFERENCES.md lists ${key}, which the corpus does not run`,
    );
  }
});

for (const shell of ['bash', 'ash'] as const) {
  const program = shell === 'bash' ? 'bash' : 'busybox';
  const missing = !have(program);
  const reason = missing
    ? `${program} is not installed (Debian: apt-get install -y ${program}); the differential shell corpus cannot run against it`
    : false;
  if (missing) console.warn(`SKIP differential ${shell}: ${reason}`);
  test(`differential corpus: simulator vs real ${shell === 'bash' ? 'bash' : 'busybox ash'}`, { skip: reason }, async () => {
    let bbPath = '';
    let bbDir = '';
    let which = '';
    if (shell === 'ash') {
      bbDir = mkdtempSync(join(tmpdir(), 'podlab-bb-'));
      bbPath = join(bbDir, 'bin');
      mkdirSync(bbPath);
      which = spawnSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).stdout.trim();
      const list = spawnSync('busybox', ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
      for (const applet of list) symlinkSync(which, join(bbPath, applet));
    }
    const failures: string[] = [];
    const stale: string[] = [];
    try {
      let n = 0;
      // One world per shell; every snippet gets a fresh terminal in its own empty directory.
      const w = new FakeWorld({ pods: [{ name: 'bb', node: 'wk1', ip: '172.16.1.3', image: 'busybox' }] });
      for (const s of corpus) {
        if (!s.shells.includes(shell)) continue;
        n++;
        const real = runReal(shell, s.code, bbPath, which);
        const sim = await runSim(w, shell, s.code, n);
        const same = real.out === sim.out && real.code === sim.code;
        const key = `${s.name} ${shell}`;
        if (!same && !known.has(key)) {
          failures.push(
            `${key} (corpus.sh:${s.line})\n  real: ${JSON.stringify(real.out)} status ${real.code}\n  sim:  ${JSON.stringify(sim.out)} status ${sim.code}`,
          );
        } else if (same && known.has(key)) stale.push(key);
      }
    } finally {
      if (bbDir) rmSync(bbDir, { recursive: true, force: true });
    }
    assert.deepEqual(
      failures,
      [],
      `new differences from the real ${shell} (fix them, or list and justify them in KNOWN-DIFFERENCES.md):\n${failures.join('\n')}`,
    );
    assert.deepEqual(stale, [], 'KNOWN-DIFFERENCES.md lists differences that are gone: remove them');
  });
}
