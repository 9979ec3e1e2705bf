// Limits: the largest lesson podlab parses, so a huge or hostile file gives a diagnostic instead of a hang.

/** Size and count limits of a lesson; exceeding one is an `input-limit` error. */
export const LESSON_LIMITS = {
  /** Largest lesson source, in UTF-8 bytes (2 MiB). */
  maxBytes: 2 * 1024 * 1024,
  /** Most cells (file + run) in one lesson; later fences are not turned into cells. */
  maxCells: 2000,
} as const;

/** UTF-8 length of `text`, stopping early once it passes `limit`. */
export function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}
