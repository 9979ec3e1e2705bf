// JSON as Go's encoding/json writes unstructured objects: sorted keys, HTML-safe escapes, MarshalIndent's layout.

function escapeString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029)
      out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Go's float formatting for JSON numbers (integers print without exponent up to 1e21). */
function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go uses 'e' format here and trims e-07 to e-7, as JavaScript does
    return n.toExponential();
  }
  return String(n);
}

/** Byte-wise key order, as Go sorts map keys. */
export function goKeyOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Encode like json.Marshal (indent '') or json.MarshalIndent(v, '', indent).
 * Object keys are sorted because unstructured objects are Go maps.
 */
export function goJson(value: unknown, indent = '', prefix = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeString(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const nl = indent ? '\n' : '';
  const inner = prefix + indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => (indent ? inner : '') + goJson(v, indent, inner));
    return '[' + nl + items.join(',' + nl) + nl + (indent ? prefix : '') + ']';
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort(goKeyOrder);
    if (keys.length === 0) return '{}';
    const sep = indent ? ': ' : ':';
    const items = keys.map(
      (k) => (indent ? inner : '') + escapeString(k) + sep + goJson((value as Record<string, unknown>)[k], indent, inner),
    );
    return '{' + nl + items.join(',' + nl) + nl + (indent ? prefix : '') + '}';
  }
  return 'null';
}

/** kubectl -o json: MarshalIndent with four spaces, then a newline. */
export function printJson(value: unknown): string {
  return goJson(value, '    ') + '\n';
}
