// YAML as kubectl prints it (sigs.k8s.io/yaml over go-yaml v2): sorted keys, unindented sequences, 80-column folding.
import { writeScalar } from './yaml-scalar.ts';

const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** yaml.v2's keyList.Less: letters after other characters, digit runs compared as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

function scalarText(v: unknown, column: number, indent: number): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? '.inf' : v < 0 ? '-.inf' : '.nan';
  if (typeof v === 'string') return writeScalar(v, column, indent, true);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (typeof v === 'object' && !Array.isArray(v) && sortedKeys(v as Record<string, unknown>).length === 0) return '{}';
  return undefined;
}

/** Lines of a mapping at `indent`; `firstPrefix` replaces the indentation of the first line ("- " in sequences). */
function emitMap(o: Record<string, unknown>, indent: number, out: string[], firstPrefix?: string): void {
  let first = true;
  for (const k of sortedKeys(o)) {
    const lead = first && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent);
    first = false;
    const key = writeScalar(k, lead.length, indent, false);
    const v = o[k];
    const head = `${lead}${key}:`;
    const s = scalarText(v, head.length + 1, indent + 2);
    if (s !== undefined) out.push(`${head} ${s}`);
    else if (Array.isArray(v)) {
      out.push(head);
      emitSeq(v, indent, out);
    } else {
      out.push(head);
      emitMap(v as Record<string, unknown>, indent + 2, out);
    }
  }
}

function emitSeq(items: unknown[], indent: number, out: string[]): void {
  const dash = ' '.repeat(indent) + '- ';
  for (const item of items) {
    const s = scalarText(item, dash.length, indent + 2);
    if (s !== undefined) out.push(dash + s);
    else if (Array.isArray(item)) {
      // a sequence in a sequence starts on the dash's line: "- - a"
      const inner: string[] = [];
      emitSeq(item, indent + 2, inner);
      inner[0] = dash + inner[0].slice(indent + 2);
      out.push(...inner);
    } else emitMap(item as Record<string, unknown>, indent + 2, out, dash);
  }
}

/** kubectl -o yaml for one object (or a List). Ends with a newline. */
export function printYaml(value: unknown): string {
  const out: string[] = [];
  const s = scalarText(value, 0, 0);
  if (s !== undefined) return s + '\n';
  if (Array.isArray(value)) emitSeq(value, 0, out);
  else emitMap(value as Record<string, unknown>, 0, out);
  return out.join('\n') + '\n';
}
