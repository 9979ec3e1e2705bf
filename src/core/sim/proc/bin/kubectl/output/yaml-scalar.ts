// How go-yaml v2 (behind sigs.k8s.io/yaml) writes one string: plain, 'single', "double" or a | literal block.

/** yaml.v2's resolve(): would this plain text read back as something other than a string? */
export function resolvesToNonString(s: string): boolean {
  if (s === '') return true;
  const keywords = [
    'y',
    'Y',
    'yes',
    'Yes',
    'YES',
    'on',
    'On',
    'ON',
    'n',
    'N',
    'no',
    'No',
    'NO',
    'off',
    'Off',
    'OFF',
    'true',
    'True',
    'TRUE',
    'false',
    'False',
    'FALSE',
    'null',
    'Null',
    'NULL',
    '~',
    '.inf',
    '.Inf',
    '.INF',
    '+.inf',
    '+.Inf',
    '+.INF',
    '-.inf',
    '-.Inf',
    '-.INF',
    '.nan',
    '.NaN',
    '.NAN',
    '<<',
  ];
  if (keywords.includes(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0|[1-9][0-9]*)$/.test(plain)) return true; // int
  if (/^[-+]?0b[01]+$/.test(plain) || /^[-+]?0x[0-9a-fA-F]+$/.test(plain) || /^[-+]?0[0-7]+$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true; // float
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  // timestamps (yaml.v2 allowedTimestampFormats)
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]|\s+)\d{1,2}:\d{2}:\d{2}(\.\d*)?(\s*(Z|[-+]\d{1,2}(:\d{2})?))?$/.test(s)) return true;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return true;
  return false;
}

const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined) => c === ' ';
const isBlankOrEnd = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || (c !== undefined && isBreak(c));

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

export interface ScalarAnalysis {
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  multiline: boolean;
}

/** libyaml's yaml_emitter_analyze_scalar, for block context. */
export function analyzeScalar(value: string): ScalarAnalysis {
  if (value === '') return { blockPlainAllowed: false, singleQuotedAllowed: true, multiline: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let specialCharacters = false;
  let lineBreaks = false;
  let leadingSpace = false,
    leadingBreak = false,
    trailingSpace = false,
    trailingBreak = false;
  let breakSpace = false,
    spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false,
    previousBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  }
  let blockPlain = true;
  let single = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (breakSpace) blockPlain = single = false;
  if (spaceBreak || specialCharacters) blockPlain = single = false;
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return { blockPlainAllowed: blockPlain, singleQuotedAllowed: single, multiline: lineBreaks };
}

const BEST_WIDTH = 80;

/**
 * Write a scalar that starts at output column `column`; continuation lines (folding at 80 columns,
 * as go-yaml v2 does) are indented by `indent`. `allowBreaks` is false for mapping keys.
 */
export function writeScalar(value: string, column: number, indent: number, allowBreaks: boolean): string {
  const a = analyzeScalar(value);
  if (value.includes('\n') && !a.blockPlainAllowed) return writeLiteral(value, indent);
  const forceDouble = resolvesToNonString(value);
  if (!forceDouble && a.blockPlainAllowed) return fold(value, column, indent, allowBreaks, 'plain');
  if (!forceDouble && a.singleQuotedAllowed) return fold(value, column, indent, allowBreaks, 'single');
  return fold(value, column, indent, allowBreaks, 'double');
}

function fold(value: string, column: number, indent: number, allowBreaks: boolean, style: 'plain' | 'single' | 'double'): string {
  const chars = [...value];
  let out = style === 'single' ? "'" : style === 'double' ? '"' : '';
  let col = column + out.length;
  let spaces = false;
  const pad = ' '.repeat(indent);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (isSpace(c)) {
      const canBreak =
        allowBreaks &&
        !spaces &&
        col > BEST_WIDTH &&
        (style === 'plain' ? !isSpace(chars[i + 1]) : i > 0 && i < chars.length - 1 && (style === 'double' || !isSpace(chars[i + 1])));
      if (canBreak) {
        out += '\n' + pad;
        col = indent;
        if (style === 'double' && isSpace(chars[i + 1])) {
          out += '\\';
          col++;
        }
      } else {
        out += c;
        col++;
      }
      spaces = true;
      continue;
    }
    spaces = false;
    const piece = style === 'single' ? (c === "'" ? "''" : c) : style === 'double' ? escapeDouble(c) : c;
    out += piece;
    col += [...piece].length;
  }
  if (style === 'single') out += "'";
  if (style === 'double') out += '"';
  return out;
}

function escapeDouble(c: string): string {
  const map: Record<string, string> = {
    '\0': '\\0',
    '\x07': '\\a',
    '\b': '\\b',
    '\t': '\\t',
    '\n': '\\n',
    '\x0b': '\\v',
    '\f': '\\f',
    '\r': '\\r',
    '\x1b': '\\e',
    '"': '\\"',
    '\\': '\\\\',
    '\u0085': '\\N',
    '\u00a0': '\\_',
    '\u2028': '\\L',
    '\u2029': '\\P',
  };
  if (map[c]) return map[c];
  if (isPrintable(c) && c !== '\ufeff') return c;
  const cp = c.codePointAt(0) as number;
  if (cp <= 0xff) return '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  return '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
}

/** A `|` literal block: chomping `-` without a final newline, `+` with several; lines at `indent`. */
function writeLiteral(value: string, indent: number): string {
  let chomp = '';
  if (!value.endsWith('\n')) chomp = '-';
  else if (value === '\n' || value.endsWith('\n\n')) chomp = '+';
  const hint = value.startsWith(' ') || value.startsWith('\n') ? '2' : '';
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  return `|${hint}${chomp}\n${lines.join('\n')}`;
}
