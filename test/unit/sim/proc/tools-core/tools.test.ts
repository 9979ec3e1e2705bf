// The core tools, table-driven: each row's expected output is what GNU coreutils/grep (Debian 12) or BusyBox
// 1.35 printed for the same input (captured with `script` for terminal output). G = node host (GNU), B = busybox.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTerminal } from '../../../../../src/core/sim/proc/index.ts';
import type { HostRef } from '../../../../../src/core/sim/contracts.ts';
import { coreTools } from '../../../../../src/core/sim/proc/bin/coreutils/index.ts';
import { FakeWorld, NODE, podHost } from '../shell/fake-world.ts';

const TOOLS = new Map(coreTools.map((t) => [t.name, t]));
const S = 'printf "b 2\\na 10\\nc 1\\na 10\\n" > s.txt; ';
const T = 'printf "one\\ntwo\\nthree\\n" > t3; ';

/** [host, line, stdout+stderr, status] */
const ROWS: ['G' | 'B' | 'D', string, string, number][] = [
  // cat
  ['G', `${S}cat s.txt`, 'b 2\na 10\nc 1\na 10\n', 0],
  ['G', 'echo x | cat - ', 'x\n', 0],
  ['G', 'cat -n /etc/hostname', '     1\tcp1\n', 0],
  ['G', 'cat /nope', 'cat: /nope: No such file or directory\n', 1],
  ['B', 'cat /nope', "cat: can't open '/nope': No such file or directory\n", 1],
  ['G', 'cat /tmp', 'cat: /tmp: Is a directory\n', 1],
  // sort, uniq
  ['G', `${S}sort s.txt`, 'a 10\na 10\nb 2\nc 1\n', 0],
  ['G', `${S}sort -k2 -n s.txt`, 'c 1\nb 2\na 10\na 10\n', 0],
  ['G', `${S}sort -u s.txt`, 'a 10\nb 2\nc 1\n', 0],
  ['G', `${S}sort -r s.txt | uniq -c`, '      1 c 1\n      1 b 2\n      2 a 10\n', 0],
  ['B', `${S}sort s.txt | uniq -c`, '      2 a 10\n      1 b 2\n      1 c 1\n', 0],
  ['G', 'sort /nope', 'sort: cannot read: /nope: No such file or directory\n', 2],
  ['B', 'sort /nope', 'sort: /nope: No such file or directory\n', 2],
  // cut, tr
  ['G', `${S}cut -d' ' -f2 s.txt`, '2\n10\n1\n10\n', 0],
  ['G', 'echo a:b:c | cut -d: -f1,3', 'a:c\n', 0],
  ['G', 'echo hello | cut -c2-4', 'ell\n', 0],
  ['G', 'cut', "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n", 1],
  ['B', 'cut', 'cut: expected a list of bytes, characters, or fields\n', 1],
  ['G', 'echo hello | tr a-z A-Z', 'HELLO\n', 0],
  ['G', 'echo "a  b" | tr -s " "', 'a b\n', 0],
  ['G', 'echo hello | tr -d l', 'heo\n', 0],
  // grep
  ['G', `${S}grep -n a s.txt`, '2:a 10\n4:a 10\n', 0],
  ['G', `${S}grep -c a s.txt`, '2\n', 0],
  ['G', `${S}grep -v a s.txt`, 'b 2\nc 1\n', 0],
  ['G', `${S}grep -o '[0-9]\\+' s.txt`, '2\n10\n1\n10\n', 0],
  ['G', `${S}grep -E 'a|c' s.txt`, 'a 10\nc 1\na 10\n', 0],
  ['G', `${S}grep 'a\\|c' s.txt`, 'a 10\nc 1\na 10\n', 0],
  ['G', `${S}grep -w 1 s.txt`, 'c 1\n', 0],
  ['G', `${S}grep -i A s.txt | head -1`, 'a 10\n', 0],
  ['G', `${S}grep a s.txt s.txt | head -2`, 's.txt:a 10\ns.txt:a 10\n', 0],
  ['G', `${S}grep '^[[:alpha:]] [[:digit:]]$' s.txt`, 'b 2\nc 1\n', 0],
  ['G', `${S}grep x s.txt`, '', 1],
  ['G', 'grep x /nope', 'grep: /nope: No such file or directory\n', 2],
  ['G', 'grep', "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2],
  // head, tail, wc
  ['G', `${S}head -2 s.txt; tail -1 s.txt; tail -n +3 s.txt`, 'b 2\na 10\na 10\nc 1\na 10\n', 0],
  ['G', `${S}head -c 3 s.txt`, 'b 2', 0],
  ['G', `${S}head -n 1 s.txt s.txt`, '==> s.txt <==\nb 2\n\n==> s.txt <==\nb 2\n', 0],
  ['G', 'head -n abc /etc/hostname', "head: invalid number of lines: 'abc'\n", 1],
  ['B', 'head -n abc /etc/hostname', "head: invalid number 'abc'\n", 1],
  ['G', 'head /nope', "head: cannot open '/nope' for reading: No such file or directory\n", 1],
  ['B', 'head /nope', 'head: /nope: No such file or directory\n', 1],
  ['G', 'tail /nope', "tail: cannot open '/nope' for reading: No such file or directory\n", 1],
  ['B', 'tail /nope', "tail: can't open '/nope': No such file or directory\n", 1],
  ['G', `${S}wc s.txt`, ' 4  8 18 s.txt\n', 0],
  ['G', `${S}wc -l s.txt; wc -l < s.txt`, '4 s.txt\n4\n', 0],
  ['G', 'echo hi | wc', '      1       1       3\n', 0],
  ['B', 'echo hi | wc', '        1         1         3\n', 0],
  ['G', 'printf "no newline" | wc', '      0       2      10\n', 0],
  ['G', `${S}wc -l s.txt /etc/hostname`, ' 4 s.txt\n 1 /etc/hostname\n 5 total\n', 0],
  ['B', `${S}wc -l s.txt /etc/hostname`, '        4 s.txt\n        1 /etc/hostname\n        5 total\n', 0],
  ['G', 'wc -z', "wc: invalid option -- 'z'\nTry 'wc --help' for more information.\n", 1],
  [
    'B',
    'wc -z',
    "wc: invalid option -- 'z'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wc [-cmlwL] [FILE]...\n\n",
    1,
  ],
  // env, identity, time
  ['G', 'env -i A=1 env; env -i A=1 env B=2 env', 'A=1\nA=1\nB=2\n', 0],
  ['G', 'export ZZ=1; printenv ZZ; printenv NOPE', '1\n', 1],
  ['G', 'hostname; hostname -i; hostname -s; whoami; id', 'cp1\n10.1.0.11\ncp1\nroot\nuid=0(root) gid=0(root) groups=0(root)\n', 0],
  ['B', 'hostname; hostname -i; id', 'bb\n172.16.1.4\nuid=0(root) gid=0(root) groups=0(root),10(wheel)\n', 0],
  [
    'G',
    'uname; uname -r; uname -a',
    'Linux\n3.10.0-1160.el7.x86_64\nLinux cp1 3.10.0-1160.el7.x86_64 #1 SMP Mon Oct 19 16:18:59 UTC 2020 x86_64 x86_64 x86_64 GNU/Linux\n',
    0,
  ],
  ['D', 'uname -a', 'Linux web 3.10.0-1160.el7.x86_64 #1 SMP Mon Oct 19 16:18:59 UTC 2020 x86_64 GNU/Linux\n', 0],
  ['G', 'date; date -u +%Y-%m-%dT%H:%M:%SZ; date +%s', 'Mon Jan  1 00:00:01 UTC 2024\n2024-01-01T00:00:01Z\n1704067201\n', 0],
  ['G', 'sleep', "sleep: missing operand\nTry 'sleep --help' for more information.\n", 1],
  ['G', 'sleep abc', "sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n", 1],
  ['B', 'sleep abc', "sleep: invalid number 'abc'\n", 1],
  ['G', 'sleep 1m 30s; date +%T', '00:01:31\n', 0],
  // files
  ['G', 'mkdir d; mkdir d', "mkdir: cannot create directory 'd': File exists\n", 1],
  ['B', 'mkdir /nope/x', "mkdir: can't create directory '/nope/x': No such file or directory\n", 1],
  ['G', 'mkdir -p a/b/c && touch a/b/c/f && ls a/b/c', 'f\n', 0],
  ['G', 'touch /nope/x', "touch: cannot touch '/nope/x': No such file or directory\n", 1],
  ['B', 'touch /nope/x', 'touch: /nope/x: No such file or directory\n', 1],
  ['G', 'rm /nope', "rm: cannot remove '/nope': No such file or directory\n", 1],
  ['G', 'rm -f /nope', '', 0],
  ['G', 'mkdir q; rm q', "rm: cannot remove 'q': Is a directory\n", 1],
  ['B', 'mkdir q; rm q', "rm: 'q' is a directory\n", 1],
  ['G', 'mkdir -p q/w; rmdir q', "rmdir: failed to remove 'q': Directory not empty\n", 1],
  ['G', 'mkdir -p q/w; rm -r q; ls', '', 0],
  ['G', 'echo x > f; cp f g; mv g h; cat h; ls', 'x\nf  h\n', 0],
  ['G', 'cp /nope x', "cp: cannot stat '/nope': No such file or directory\n", 1],
  ['B', 'cp /nope x', "cp: can't stat '/nope': No such file or directory\n", 1],
  ['G', 'cp f', "cp: missing destination file operand after 'f'\nTry 'cp --help' for more information.\n", 1],
  ['G', 'mkdir d; cp d e', "cp: -r not specified; omitting directory 'd'\n", 1],
  ['G', 'echo x | tee t1 t2; cat t2', 'x\nx\n', 0],
  ['G', 'basename /a/b.yaml .yaml; dirname /a/b.yaml', 'b\n/a\n', 0],
  // misc
  ['G', 'seq 3; seq 2 4; seq 1 2 7; seq -s, 3; seq -w 8 10', '1\n2\n3\n2\n3\n4\n1\n3\n5\n7\n1,2,3\n08\n09\n10\n', 0],
  ['G', 'seq abc', "seq: invalid floating point argument: 'abc'\nTry 'seq --help' for more information.\n", 1],
  [
    'G',
    'which ls kubectl-nope',
    '/usr/bin/ls\n/usr/bin/which: no kubectl-nope in (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/root/bin)\n',
    1,
  ],
  ['D', 'which ls nope', '/usr/bin/ls\n', 1],
  ['B', 'which ls', '/bin/ls\n', 0],
  ['G', 'vi x', 'podlab: vi is not available in this terminal; use a file cell to edit files\n', 1],
  ['G', '/bin/echo -e "a\\tb"; printf "%s=%03d|%-4s|\\n" x 7 ab', 'a\tb\nx=007|ab  |\n', 0],
  ['G', 'clear', '', 0],
  // sed (GNU sed 4.9 and BusyBox sed printed these)
  ['G', `${T}sed 's/o/0/' t3; sed 's/o/0/g' t3 | head -1`, '0ne\ntw0\nthree\n0ne\n', 0],
  ['G', `${T}sed -n '2p' t3; sed '1d' t3; sed -n '/th/p' t3`, 'two\ntwo\nthree\nthree\n', 0],
  ['G', `${T}sed 's/\\(t\\)\\(w\\)/\\2\\1/' t3 | sed -n 2p; sed -E 's/(o+)/[\\1]/g' t3`, 'wto\n[o]ne\ntw[o]\nthree\n', 0],
  [
    'G',
    `${T}sed 's/e/&&/' t3 | tail -1; sed '2q' t3; sed -n '$p' t3; sed '2,3d' t3; sed '/two/!d' t3`,
    'threee\none\ntwo\nthree\none\ntwo\n',
    0,
  ],
  ['G', `${T}sed -i 's/one/ONE/' t3; head -1 t3; echo path/to | sed 's|/|:|g'`, 'ONE\npath:to\n', 0],
  ['G', `${T}sed k t3`, "sed: -e expression #1, char 1: unknown command: `k'\n", 1],
  ['B', `${T}sed k t3`, 'sed: unsupported command k\n', 1],
  ['G', `${T}sed 's/a' t3`, "sed: -e expression #1, char 3: unterminated `s' command\n", 1],
  ['G', 'sed p /nope', "sed: can't read /nope: No such file or directory\n", 2],
  // awk (mawk 1.3.4 and BusyBox awk printed these)
  ['G', `printf 'a b c\\nd e f\\n' | awk '{print $2, NF; n++} END {print n, NR}'`, 'b 3\ne 3\n2 2\n', 0],
  ['G', `echo '3.5 x' | awk '{print $1*2, $1/3}'`, '7 1.16667\n', 0],
  ['G', `printf 'web-1 10\\nweb-2 20\\ndb 5\\n' | awk '/web/ {s+=$2} END {print s}'`, '30\n', 0],
  ['G', `printf 'x\\nx\\ny\\n' | awk '!seen[$0]++'; echo a:b | awk -F: '{print $2}'`, 'x\ny\nb\n', 0],
  ['G', `echo 'a b' | awk '{ $1 = "Z"; print }'; echo 'a b c' | awk '{print $NF; print NF}'`, 'Z b\nc\n3\n', 0],
  ['G', `echo '1 2' | awk '{ printf "%d-%s\\n", $1, $2 }'`, '1-2\n', 0],
  ['G', `awk 'BEGIN { print length("abc"), substr("hello", 2, 3), toupper("x") }'`, '3 ell X\n', 0],
  ['G', `printf 'NAME IP\\nweb 10.0.0.5\\n' | awk 'NR>1 {print $2}'`, '10.0.0.5\n', 0],
  ['G', "awk '{print}' /nope", 'awk: cannot open /nope (No such file or directory)\n', 2],
  ['B', "awk '{print}' /nope", 'awk: /nope: No such file or directory\n', 1],
  ['B', "awk '{print $1' /dev/null", 'awk: cmd. line:1: Unexpected token\n', 1],
  // xargs, timeout, tac, egrep, tty
  ['G', 'echo "a b c" | xargs -n 2 echo; echo "x y" | xargs -I {} echo "<{}>"', 'a b\nc\n<x y>\n', 0],
  ['G', 'timeout 1 sleep 5; echo $?; timeout 5 sleep 1; echo $?; date +%T', '124\n0\n00:00:03\n', 0],
  ['G', 'timeout .5 sleep 5; echo $?; timeout 1m sleep 1; echo $?', '124\n0\n', 0],
  ['G', 'timeout abc sleep 1', "timeout: invalid time interval 'abc'\nTry 'timeout --help' for more information.\n", 125],
  ['B', 'timeout 1 sleep 5', 'Terminated\n', 143],
  ['G', 'printf "1\\n2\\n" | tac; echo abc | egrep "b|z"; tty; tty < /dev/null', '2\n1\nabc\n/dev/pts/0\nnot a tty\n', 1],
];

const HOSTS: Record<'G' | 'B' | 'D', HostRef> = { G: NODE, B: podHost('bb'), D: podHost('web') };

test('core tools table', async () => {
  const wrong: string[] = [];
  for (const [h, line, out, code] of ROWS) {
    const w = new FakeWorld({
      pods: [
        { name: 'bb', node: 'wk1', ip: '172.16.1.4' },
        { name: 'web', node: 'wk1', ip: '172.16.1.5', image: 'nginx' },
      ],
    });
    const t = createTerminal(w, HOSTS[h], { tools: TOOLS, typingMs: 1000, ...(h === 'G' ? { cwd: '/root/lab' } : {}) });
    if (h !== 'G') await t.type('cd /tmp', { timeoutMs: 1, maxOutputBytes: 10 });
    const r = await t.type(line, { timeoutMs: 600_000, maxOutputBytes: 100_000 });
    if (r.output !== out || r.exitCode !== code)
      wrong.push(`${h}: ${line}\n  want ${JSON.stringify(out)} (${code})\n  got  ${JSON.stringify(r.output)} (${r.exitCode})`);
  }
  assert.equal(wrong.join('\n'), '');
});
