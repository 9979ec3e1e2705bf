// The grammar of the shell fuzzer: simple commands (hostile shapes among them) joined by operators and compound
// commands. Kept apart so that a script can sample it to find slow or failing cases.
import fc from 'fast-check';

const word = fc.constantFrom('a', 'b', 'ab', '""', "'x y'", '$X', '"$X"', '${X:-d}', '$s', '*', '?', '[ab]', '$((1+2))', '$?', '~');
const globPiece = fc.constantFrom('*', '*', 'a', 'b', '?', '[a-c]', '[!b]', '\\*', '[[:alpha:]]');
const glob = fc.array(globPiece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const rePiece = fc.constantFrom('a', 'b', '(', ')', '+', '*', '|', '.', '[a-c]', '^', '$', '{2}', '\\(', '\\)', '\\1', '[', '?');
const regex = fc.array(rePiece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
const arithPiece = fc.constantFrom('1', 'x', '(', ')', '+', '*', '-', '**', '2', '/', '0', '?', ':', ',', '=');
const arith = fc.array(arithPiece, { maxLength: 10 }).map((p) => p.join(' '));
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Simple commands, hostile ones among them. */
const simple: fc.Arbitrary<string> = fc.oneof(
  word.map((w) => `echo ${w}`),
  fc.tuple(fc.constantFrom('X', 's', 'v'), word).map(([n, w]) => `${n}=${w}`),
  fc.tuple(glob, word, fc.boolean()).map(([p, r, all]) => `v=\${s${all ? '//' : '/'}${p}/${r}}`),
  fc.tuple(glob, fc.constantFrom('#', '##', '%', '%%')).map(([p, op]) => `echo \${s${op}${p}}`),
  glob.map((p) => `case $s in ${p}) echo yes;; *) echo no;; esac`),
  fc.integer({ min: 0, max: 22 }).map((k) => `s=a; for i in $(seq 1 ${k}); do s=$s$s; done`),
  fc.constantFrom('s=$s$s', 'echo ${#s}', 'v=${s//a/bb}', 'true', 'false', ':'),
  fc
    .tuple(fc.constantFrom('%d', '%s', '%0999999999d', '%.300f', '%*d', '%-20s|', '%b', '%x'), word)
    .map(([f, a]) => `printf ${quote(f)} ${a}`),
  fc.constantFrom('seq 3', 'seq 1 100000 | tail -n 1', 'seq 1 3000000 | wc -l', 'seq 5 -1 1', 'seq 0.5 0.5 2'),
  fc.tuple(regex, fc.constantFrom('grep -E', 'grep', 'grep -c', 'grep -ow')).map(([r, g]) => `echo $s | ${g} ${quote(r)}`),
  regex.map((r) => `echo aaab | sed ${quote(`s/${r}/X/g`)}`),
  regex.map((r) => `echo aaab | awk ${quote(`/${r}/ { print "m" }`)}`),
  arith.map((a) => `echo $(( ${a} ))`),
  fc.constantFrom('x=\'eval "$x"\'; eval "$x"', 'x=x; echo $((x))', 'eval "echo hi"', 'sh -c "echo in"'),
  fc
    .tuple(
      fc.constantFrom(['echo $(', ')'], ['{ ', '; }'], ['( ', ' )'], ['$(( ', ' ))'], ['${X:-', '}'], ['if true; then ', '; fi']),
      fc.integer({ min: 1, max: 2500 }),
    )
    .map(([[open, close], n]) => `${open.repeat(n)}echo deep${close.repeat(n)}`),
);

/** Programs: simple commands joined by operators and compound commands, a few levels deep. */
export const program: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
  p: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    simple,
    fc.tuple(tie('p'), fc.constantFrom('; ', ' | ', ' && ', ' || '), tie('p')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('p').map((a) => `{ ${a}; }`),
    tie('p').map((a) => `( ${a} )`),
    tie('p').map((a) => `echo "$(${a})"`),
    fc.tuple(fc.integer({ min: 0, max: 30 }), tie('p')).map(([k, a]) => `for i in $(seq 1 ${k}); do ${a}; done`),
    fc.tuple(tie('p'), tie('p')).map(([a, b]) => `if ${a}; then ${b}; fi`),
  ),
})).p;
