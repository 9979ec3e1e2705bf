// A Terminal without a pty (node-pty missing): each line runs in `bash -c` in the session directory; the working
// directory carries over, and `kubectl exec -it POD -- sh` is followed by running lines through `kubectl exec`.
import { simpleCommandWords, type LineResult, type Terminal, type TypeOptions } from '../../../core/index.ts';
import { runProcess } from './process.ts';

/** `kubectl exec -it [-n NS] POD [-c C] -- SHELL`: the parts needed to run later lines in that container. */
function nestedShell(line: string): string[] | undefined {
  const words = simpleCommandWords(line);
  if (!words || words[0] !== 'kubectl' || !words.includes('exec')) return undefined;
  const dash = words.indexOf('--');
  if (dash < 0 || dash !== words.length - 2 || !/^(\/bin\/)?(ba|a|da|z)?sh$/.test(words[dash + 1])) return undefined;
  const flags = words.slice(0, dash);
  if (!flags.some((w) => /^-(\w*i\w*t|\w*t\w*i)$/.test(w)) && !(flags.includes('-i') && flags.includes('-t'))) return undefined;
  // drop -i/-t/-it and keep the rest (namespace, pod, container flags)
  return flags.filter((w) => !/^-(i|t|it|ti|-stdin|-tty)$/.test(w));
}

export class LineTerminal implements Terminal {
  private readonly nested: string[][] = [];
  private cwd: string;

  constructor(
    cwd: string,
    private readonly env: Record<string, string>,
    private readonly displayPrompt: string,
    /** Run every line through this argv prefix (a pod's or node's `sh -c`) instead of a local bash. */
    private readonly perLine?: string[],
  ) {
    this.cwd = cwd;
  }

  prompt(): string {
    return this.nested.length > 0
      ? `${this.nested[this.nested.length - 1].find((w, i, a) => i > 0 && a[i - 1] === 'exec' && !w.startsWith('-')) ?? 'pod'}:/# `
      : this.displayPrompt;
  }

  depth(): number {
    return this.nested.length + 1;
  }

  async type(line: string, options: TypeOptions): Promise<LineResult> {
    const start = Date.now();
    const top = this.nested[this.nested.length - 1];
    if (top && /^exit(\s|$)/.test(line.trim())) {
      this.nested.pop();
      return { output: '', exitCode: Number(line.trim().split(/\s+/)[1] ?? 0) || 0, durationMs: 0, timedOut: false, truncated: false };
    }
    const shell = nestedShell(line);
    if (shell && !top) {
      this.nested.push(shell);
      return { output: '', exitCode: 0, durationMs: Date.now() - start, timedOut: false, truncated: false };
    }
    const [file, args] = top
      ? [top[0], [...top.slice(1), '--', 'sh', '-c', line]]
      : this.perLine
        ? [this.perLine[0], [...this.perLine.slice(1), line]]
        : ['bash', ['-c', `${line}\nstatus=$?; printf '\\n__PODLAB_PWD=%s' "$PWD"; exit $status`]];
    const r = await runProcess(file, args, {
      cwd: this.cwd,
      env: this.env,
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxOutputBytes + 4096,
    });
    let out = r.stdout;
    const pwd = /\n__PODLAB_PWD=(.*)$/.exec(out);
    if (pwd) {
      this.cwd = pwd[1];
      out = out.slice(0, pwd.index);
    }
    let output = out + r.stderr;
    const truncated = Buffer.byteLength(output) > options.maxOutputBytes;
    if (truncated) output = Buffer.from(output).subarray(0, options.maxOutputBytes).toString('utf8');
    options.onOutput?.(output);
    return { output, exitCode: r.timedOut ? 130 : r.code, durationMs: Date.now() - start, timedOut: r.timedOut, truncated };
  }

  async dispose(): Promise<void> {
    this.nested.length = 0;
  }
}
