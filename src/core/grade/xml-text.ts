// XML text: escaping for element content and attributes, dropping characters XML 1.0 cannot hold.

/**
 * Characters XML 1.0 forbids even escaped: C0 controls except TAB/LF/CR, lone surrogates, U+FFFE and U+FFFF.
 * They become U+FFFD so the reader still sees that something was there.
 */
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or a quoted attribute. */
export function xmlEscape(text: string): string {
  return text.replace(INVALID, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Like xmlEscape, and line breaks in attributes kept as character references (a parser would fold them to spaces). */
export function xmlAttr(text: string): string {
  return xmlEscape(text).replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
