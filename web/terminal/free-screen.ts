// The free terminal's screen: xterm, its fit addon and the line shell. A chunk of its own (~90 KiB gzip), loaded by
// <podlab-free-terminal> the first time the terminal is shown, so the page's first download does without it.
export { FitAddon } from '@xterm/addon-fit';
export { LineShell } from './line-shell.ts';
export { bufferText, createXterm, XTERM_CSS } from './xterm-setup.ts';
