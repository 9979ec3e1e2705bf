// Markdown text: putting untrusted strings (student files, program output) into feedback without breaking it.

/** One line: runs of whitespace (newlines too) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Plain text for the middle of a line, with the punctuation that could start markup there escaped
 * (emphasis, code, links, HTML, entities, table pipes, strikethrough). Line-start markers (`#`, `>`, `-`)
 * need nothing: this text never starts a line.
 */
export function mdText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<|~&]/g, (c) => `\\${c}`);
}

/**
 * An inline code span that survives backticks inside it (fenced by a longer run of backticks) and
 * table pipes (GFM needs `\|` even in code spans inside a table row).
 */
export function mdCode(text: string): string {
  const flat = oneLine(text).replace(/\|/g, '\\|');
  if (flat === '') return '` `';
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block around untrusted text: the fence is longer than any backtick run inside. */
export function mdFence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/\n$/, '')}\n${fence}`;
}
