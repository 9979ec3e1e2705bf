// Text for xterm: newlines as the terminal needs them, and prompt lines colored the way a colored PS1 shows them.

const CSI = '\x1b[';
export const STYLE = {
  prompt: `${CSI}1;32m`,
  command: `${CSI}1m`,
  dim: `${CSI}2m`,
  error: `${CSI}31m`,
  reset: `${CSI}0m`,
} as const;

/** A bare \n moves down without returning to column 0 in a terminal: make every line end \r\n. */
export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** A prompt and the line typed after it, colored. */
export function promptLine(prompt: string, line: string): string {
  return `${STYLE.prompt}${prompt}${STYLE.reset}${STYLE.command}${line}${STYLE.reset}`;
}

/**
 * Color the echo lines of a cell's transcript: a line that ends with one of the cell's commands and
 * whose rest ends like a prompt ("# " or "$ ") is shown as prompt + command. Other lines are untouched.
 */
export function colorTranscript(output: string, commands: readonly string[]): string {
  return transcriptLines(output, commands)
    .map((l) => (l.prompt === undefined ? l.text : promptLine(l.prompt, l.text)))
    .join('\n');
}

/** A transcript line for plain-text display: an echo line split into prompt and command, or just text. */
export interface TranscriptLine {
  prompt?: string;
  text: string;
}

/** The same echo-line rule as colorTranscript, as data (for <pre> output instead of a terminal). */
export function transcriptLines(output: string, commands: readonly string[]): TranscriptLine[] {
  return output.split('\n').map((text) => {
    for (const cmd of commands) {
      if (cmd === '' || !text.endsWith(cmd)) continue;
      const prompt = text.slice(0, text.length - cmd.length);
      if (/[#$>] $/.test(prompt) && prompt.length <= 120) return { prompt, text: cmd };
    }
    return { text };
  });
}

/** Columns a string takes in a terminal: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      c >= 0x1100 &&
      (c <= 0x115f ||
        (c >= 0x2e80 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) ||
        (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) ||
        (c >= 0x20000 && c <= 0x3fffd))
        ? 2
        : 1;
  }
  return w;
}
