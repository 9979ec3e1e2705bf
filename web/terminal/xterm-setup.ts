// One look for every xterm on the page: theme, fonts, and xterm's own stylesheet for components' shadow roots.
// Only the lazy free-terminal screen (free-screen.ts) imports this: xterm is not part of the page's first download.
import { Terminal, type ITerminalInitOnlyOptions, type ITerminalOptions } from '@xterm/xterm';
import xtermCss from '@xterm/xterm/css/xterm.css';

/** xterm's stylesheet as text, to add to a component's shadow root (shadow roots do not see the document's). */
export const XTERM_CSS: string = xtermCss;

export const TERMINAL_FONT = 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace';

const THEME = {
  background: '#161b22',
  foreground: '#e6edf3',
  cursor: '#e6edf3',
  selectionBackground: '#3b5070',
  black: '#161b22',
  green: '#3fb950',
  brightGreen: '#56d364',
  red: '#ff7b72',
  yellow: '#d29922',
  blue: '#58a6ff',
};

/** A terminal with podlab's look; `options` override. The caller opens and disposes it. */
export function createXterm(options: ITerminalOptions & ITerminalInitOnlyOptions = {}): Terminal {
  return new Terminal({
    fontFamily: TERMINAL_FONT,
    fontSize: 13,
    lineHeight: 1.15,
    theme: THEME,
    convertEol: true,
    allowProposedApi: false,
    scrollback: 2000,
    ...options,
  });
}

/** Every line of the terminal's active buffer, right-trimmed, without trailing empty lines. */
export function bufferText(term: Terminal): string {
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) {
    const line = buf.getLine(i);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
