// Renderer overrides: cell fences get data attributes the page finds them by; hidden blocks and front matter render nothing.
import type { MarkdownIt, RendererRule, Token } from 'markdown-it';
import { FRONT_MATTER_TOKEN } from './front-matter-rule.ts';
import type { FenceMeta } from './collect.ts';

function fenceMeta(token: Token): FenceMeta | undefined {
  const meta = token.meta as { podlab?: FenceMeta } | null;
  return meta?.podlab;
}

/**
 * Wraps cells as `<div class="podlab-cell" data-cell-id=… data-cell-kind=…>` and expect blocks as
 * `<div class="podlab-expect" data-expect-for=…>` (hidden lines removed); hidden ones render as ''.
 */
export function installRenderer(md: MarkdownIt): void {
  const fallback: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
  const defaultFence = md.renderer.rules.fence ?? fallback;
  const esc = md.utils.escapeHtml;
  md.renderer.rules[FRONT_MATTER_TOKEN] = () => '';
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const meta = fenceMeta(token);
    if (!meta) return defaultFence(tokens, idx, options, env, self);
    if (meta.hidden) return '';
    if (meta.kind === 'cell') {
      const exercise = meta.exercise ? ' data-exercise' : '';
      const html = defaultFence(tokens, idx, options, env, self);
      return `<div class="podlab-cell" data-cell-id="${esc(meta.id)}" data-cell-kind="${meta.cellKind}"${exercise}>\n${html}</div>\n`;
    }
    if (meta.visibleContent === '') return '';
    const saved = token.content;
    token.content = meta.visibleContent; // render without hidden lines, then restore the token
    try {
      const html = defaultFence(tokens, idx, options, env, self);
      const forId = meta.for === undefined ? '' : ` data-expect-for="${esc(meta.for)}"`;
      return `<div class="podlab-expect"${forId}>\n${html}</div>\n`;
    } finally {
      token.content = saved;
    }
  };
}
