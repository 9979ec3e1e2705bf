// resource.Quantity (k8s.io/apimachinery/pkg/api/resource) as far as `kubectl describe node` needs it: parse
// "250m", "2", "70Mi", "1e3", add, and print in canonical form (Quantity.String: the parsed format, BinarySI
// falling back to DecimalSI below 1024 or for fractions; DecimalSI in powers of 1000 with m/k/M/G... suffixes).

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** A quantity in thousandths of its unit (exact for what pods and nodes carry), with the format it was written in. */
export interface Quantity {
  milli: number;
  format: QuantityFormat;
}

export const ZERO: Quantity = { milli: 0, format: 'DecimalSI' };

const BINARY: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Parse a quantity; undefined when the text is not one. */
export function parseQuantity(text: string): Quantity | undefined {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] && m[2] in BINARY) return { milli: Math.ceil(n * 1024 ** BINARY[m[2]] * 1000), format: 'BinarySI' };
  if (m[3] !== undefined) return { milli: Math.ceil(n * 10 ** (Number(m[3]) + 3)), format: 'DecimalExponent' };
  const exp = DECIMAL[m[2] ?? ''];
  // below a milli-unit the value rounds up, as Quantity's MilliValue does
  return { milli: Math.ceil(n * 10 ** (exp + 3)), format: 'DecimalSI' };
}

/** a + b, in a's format (Quantity.Add); a sum starts as a copy of its first term. */
export function addQuantity(a: Quantity | undefined, b: Quantity): Quantity {
  return a ? { milli: a.milli + b.milli, format: a.format } : { ...b };
}

/** MilliValue(). */
export const milliValue = (q: Quantity): number => q.milli;
/** Value(): whole units, rounded up. */
export const value = (q: Quantity): number => Math.ceil(q.milli / 1000);

const DECIMAL_SUFFIX: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String(). */
export function formatQuantity(q: Quantity): string {
  if (q.milli === 0) return '0';
  let format = q.format;
  if (format === 'BinarySI' && (Math.abs(q.milli) < 1024_000 || q.milli % 1000 !== 0)) format = 'DecimalSI';
  if (format === 'BinarySI') {
    let v = q.milli / 1000;
    let e = 0;
    while (e < 6 && v % 1024 === 0) {
      v /= 1024;
      e++;
    }
    return `${v}${BINARY_SUFFIX[e]}`;
  }
  // mantissa * 10^exp, exp a multiple of 3 (the largest that keeps the mantissa whole)
  let mantissa = q.milli;
  let exp = -3;
  while (mantissa % 10 === 0 && exp < 18) {
    mantissa /= 10;
    exp++;
  }
  while (((exp % 3) + 3) % 3 !== 0) {
    mantissa *= 10;
    exp--;
  }
  if (format === 'DecimalExponent') return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  return `${mantissa}${DECIMAL_SUFFIX[exp]}`;
}
