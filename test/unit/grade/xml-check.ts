// A small XML 1.0 well-formedness check for the JUnit writer's tests (no XML parser is installed).

const NAME = /^[A-Za-z_][A-Za-z0-9._:-]*$/;
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;

/** Decode the five entities and numeric references. */
export function xmlDecode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e]) return named[e];
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });
}

function checkText(text: string, where: number): void {
  if (INVALID.test(text)) throw new Error(`invalid character near ${where}`);
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) throw new Error(`bare & at ${where + i}`);
  }
}

/** Throws unless `xml` is well-formed: one root, balanced tags, quoted attributes, escaped text. Returns the elements seen. */
export function checkWellFormed(xml: string): { name: string; attrs: Record<string, string>; text: string }[] {
  const elements: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const stack: { name: string; attrs: Record<string, string>; text: string }[] = [];
  let i = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    checkText(text, i);
    if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root at ${i}`);
    if (stack.length > 0) stack[stack.length - 1].text += xmlDecode(text);
    if (lt < 0) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error(`unclosed tag at ${lt}`);
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1)) throw new Error(`mismatched </${tag.slice(1)}> at ${lt}`);
    } else {
      const selfClosing = tag.endsWith('/');
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const m = /^(\S+)((?:\s+[^\s=]+="[^"<]*")*)\s*$/.exec(body);
      if (!m || !NAME.test(m[1])) throw new Error(`malformed tag <${tag}> at ${lt}`);
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(/([^\s=]+)="([^"]*)"/g)) {
        if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
        checkText(a[2], lt);
        attrs[a[1]] = xmlDecode(a[2]);
      }
      const el = { name: m[1], attrs, text: '' };
      elements.push(el);
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(el);
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (roots !== 1) throw new Error(`${roots} root elements`);
  return elements;
}
