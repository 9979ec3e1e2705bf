// Typography for lesson prose: headings, paragraphs, lists, quotes, inline code and code blocks.
import { css } from 'lit';

export const proseStyles = css`
  article { line-height: 1.65; color: var(--podlab-fg, #1f2328); font-size: 16px; overflow-wrap: break-word; }
  h1 { font-size: 2em; margin: 0.2em 0 0.6em; line-height: 1.25; }
  h2 { font-size: 1.45em; margin: 1.8em 0 0.6em; padding-bottom: 0.3em; border-bottom: 1px solid var(--podlab-border, #d8dee4); }
  h3 { font-size: 1.2em; margin: 1.5em 0 0.5em; }
  p, ul, ol { margin: 0.6em 0; }
  blockquote { margin: 0.8em 0; padding: 0.2em 1em; color: var(--podlab-muted, #57606a); border-left: 4px solid var(--podlab-border, #d0d7de); }
  a { color: var(--podlab-link, #0969da); }
  a:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; border-radius: 3px; }
  code { font-family: var(--podlab-mono); font-size: 0.88em; background: var(--podlab-subtle, #eff2f5); padding: 0.15em 0.35em; border-radius: 4px; }
  pre { font-family: var(--podlab-mono); font-size: 13px; line-height: 1.5; background: var(--podlab-bar, #f6f8fa); border: 1px solid var(--podlab-border, #d0d7de); border-radius: 6px; padding: 10px 14px; overflow-x: auto; margin: 0.8em 0; }
  pre code { background: none; padding: 0; font-size: inherit; }
  strong { font-weight: 650; }
  @media (max-width: 600px) {
    article { font-size: 15px; }
    pre { white-space: pre-wrap; overflow-wrap: anywhere; padding: 8px 10px; }
  }
`;
