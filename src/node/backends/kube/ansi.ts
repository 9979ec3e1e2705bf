// Terminal output as text: escape sequences (colors, bracketed paste, titles) removed and CRLF turned into LF.

/** CSI (ESC [ … final), OSC (ESC ] … BEL/ST), and two-byte escapes. */
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function plainText(raw: string): string {
  return raw
    .replace(ESCAPES, '')
    .replace(/\r+\n/g, '\n')
    .replace(/[^\n]*\r(?!\n)/g, '');
}
