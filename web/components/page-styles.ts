// The lesson page's frame: a header bar, the article, and the side panel (picture, matrix, terminal); one column when narrow.
import { css } from 'lit';

export const pageStyles = css`
  :host { display: block; min-height: 100vh; background: #fff; }
  header { position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; align-items: center; gap: 10px; padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d0d7de; }
  .back { color: #0969da; text-decoration: none; font-size: 14px; white-space: nowrap; }
  .title { font-weight: 650; font-size: 15px; }
  .spacer { flex: 1; }
  .status { font-size: 13px; color: #57606a; }
  .status[data-status='failed'] { color: #cf222e; }
  button { font: inherit; font-size: 14px; border: 1px solid #d0d7de; background: #fff; border-radius: 6px; padding: 4px 12px; cursor: pointer; }
  button.primary { background: #1f883d; border-color: #1f883d; color: #fff; font-weight: 600; }
  button:disabled { opacity: 0.55; cursor: default; }
  button:focus-visible, a:focus-visible, summary:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 500px; gap: 24px; padding: 0 16px; max-width: 1600px; margin: 0 auto; }
  .article { padding: 16px 0 64px; min-width: 0; }
  aside { position: sticky; top: 49px; height: calc(100vh - 49px); display: flex; flex-direction: column; gap: 10px; padding: 12px 0; min-width: 0; }
  aside h2 { font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; color: #57606a; margin: 0 0 6px; }
  .picture { flex: 1 1 55%; overflow: auto; min-height: 0; border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 10px; }
  details { margin-top: 8px; }
  summary { cursor: pointer; font-size: 13px; font-weight: 600; color: #24292f; }
  .terminal { flex: 0 0 38%; display: flex; flex-direction: column; min-height: 200px; }
  .terminal podlab-free-terminal { flex: 1; }
  .diagnostics { border: 1px solid #cf222e; background: #ffebe9; border-radius: 6px; padding: 8px 12px; font-family: var(--podlab-mono); font-size: 12px; }
  @media (max-width: 1100px) {
    .layout { grid-template-columns: minmax(0, 1fr); }
    aside { position: static; height: auto; }
    .picture { max-height: none; }
    .terminal { height: 340px; flex: none; }
  }
  @media (max-width: 600px) {
    header { padding: 6px 10px; }
    .layout { padding: 0 10px; }
    .title { flex-basis: 100%; order: 3; }
  }
`;
