// The lesson page's frame: a header bar, the article, a splitter and the side panel (picture, matrix, terminal as
// tabs); below 1100 px one column, with the side panel as a drawer along the bottom edge.
import { css } from 'lit';

export const pageStyles = css`
  :host { display: block; min-height: 100vh; background: var(--podlab-bg, #fff); color: var(--podlab-fg, #1f2328); }
  header { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 10px; padding: 8px 16px; background: var(--podlab-bar, #f6f8fa); border-bottom: 1px solid var(--podlab-border, #d0d7de); }
  .back { color: var(--podlab-link, #0969da); text-decoration: none; font-size: 14px; white-space: nowrap; }
  .title { font-weight: 650; font-size: 15px; min-width: 0; overflow-wrap: anywhere; }
  .spacer { flex: 1; }
  .status { font-size: 13px; color: var(--podlab-muted, #57606a); }
  .status[data-status='failed'] { color: var(--podlab-danger, #cf222e); }
  button { font: inherit; font-size: 14px; border: 1px solid var(--podlab-border, #d0d7de); background: var(--podlab-bg, #fff); color: inherit; border-radius: 6px; padding: 4px 12px; cursor: pointer; white-space: nowrap; }
  button.primary { background: #1f883d; border-color: #1f883d; color: #fff; font-weight: 600; }
  button:disabled { opacity: 0.55; cursor: default; }
  button:focus-visible, a:focus-visible, summary:focus-visible, .splitter:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 12px min(var(--side, 680px), calc(100vw - 460px)); padding: 0 16px; max-width: 2400px; margin: 0 auto; }
  .article { padding: 16px 0 64px; min-width: 0; }
  .splitter { cursor: col-resize; position: relative; touch-action: none; }
  .splitter::after { content: ''; position: absolute; top: 0; bottom: 0; left: 5px; width: 2px; background: var(--podlab-border, #d0d7de); }
  .splitter:hover::after, .splitter:focus-visible::after { background: #0969da; }
  aside { position: sticky; top: 49px; height: calc(100vh - 49px); display: flex; flex-direction: column; padding: 8px 0 8px 4px; min-width: 0; box-sizing: border-box; }
  podlab-side-panel { flex: 1; min-height: 0; }
  .picture, .matrix { min-width: 0; }
  .terminal { flex: 1; display: flex; flex-direction: column; min-height: 240px; }
  .terminal podlab-free-terminal { flex: 1; }
  .standby { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; margin: 12px 16px 0; padding: 10px 14px; border: 1px solid #d4a72c; border-radius: 8px; background: var(--podlab-attention-bg, #fff8c5); color: var(--podlab-attention-fg, #3b2300); }
  .standby p { margin: 0; flex: 1 1 320px; }
  .layout[inert] { opacity: 0.6; }
  .diagnostics { border: 1px solid #cf222e; background: var(--podlab-danger-bg, #ffebe9); border-radius: 6px; padding: 8px 12px; font-family: var(--podlab-mono); font-size: 12px; overflow-wrap: anywhere; }
  @media (max-width: 1100px) {
    .layout { grid-template-columns: minmax(0, 1fr); }
    .splitter { display: none; }
    .article { padding-bottom: 72px; }
    aside {
      position: fixed; top: auto; left: 0; right: 0; bottom: 0; height: auto; max-height: 70vh; z-index: 6; padding: 0 10px;
      background: var(--podlab-bg, #fff); border-top: 1px solid var(--podlab-border, #d0d7de); box-shadow: 0 -4px 16px #0000001f;
    }
    podlab-side-panel[open] { height: 62vh; }
    /* Room to scroll the last cells above the open drawer (see drawer-place.ts). */
    :host([drawer-open]) .article { padding-bottom: calc(62vh + 48px); }
    .terminal { min-height: 0; }
  }
  @media (max-width: 600px) {
    header { padding: 6px 10px; }
    .layout { padding: 0 10px; }
    .title { flex-basis: 100%; order: 3; }
    .status { flex-basis: 100%; order: 4; }
  }
`;
