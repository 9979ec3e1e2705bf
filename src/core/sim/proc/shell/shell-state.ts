// One shell process's state: variables (and which are exported), cwd, $?, positional parameters, jobs, aliases.
import type { HostRef } from '../../contracts.ts';
import type { FunctionDef } from './ast.ts';
import type { Flavour, Speaker } from './flavours.ts';
import { LimitError, USERLAND_LIMITS, VARIABLES_TOO_LARGE } from '../limits.ts';

/** A background job (`cmd &`): when it will be done, in simulated ms, and what to print then. */
export interface Job {
  id: number;
  pid: number;
  text: string;
  doneAt: number;
  status: number;
}

export interface ShellInit {
  host: HostRef;
  flavour: Flavour;
  /** $0 and the prefix of the shell's messages ("bash", "sh", "/bin/sh"). */
  argv0: string;
  interactive: boolean;
  /** Set for `sh -c STRING`. */
  dashC?: boolean;
  cwd: string;
  /** The environment it starts with (all exported). */
  env: Record<string, string>;
  positional?: string[];
  pid: number;
  user: string;
  home: string;
  hostUid?: string;
}

/** The state of one shell; `clone()` makes the copy a subshell `( ... )` or `$( ... )` runs in. */
export class ShellState {
  readonly host: HostRef;
  readonly flavour: Flavour;
  argv0: string;
  readonly interactive: boolean;
  readonly dashC: boolean;
  /** A copy running `( ... )`, a pipeline member or `$( ... )`: its `exit` leaves only the copy. */
  subshell = false;
  cwd: string;
  vars = new Map<string, string>();
  /** The characters of all variables' values (setVar keeps it). */
  private varChars = 0;
  exported = new Set<string>();
  status = 0;
  positional: string[];
  pid: number;
  lastBackground?: number;
  /** The line counter dash shows in messages (interactive: typed lines; scripts: the command's line). */
  lineNo = 1;
  /** The line number of the command running now, for messages (`bash: line 3: ...`, `sh: 2: ...`). */
  curLine = 1;
  jobs: Job[] = [];
  /** `set -e` / `set -o pipefail` ... by long name (errexit, pipefail). */
  options = new Set<string>();
  /** Above 0 while running a condition (if/while/until, `&&`/`||` operands, `!`), where `set -e` does not act. */
  noErrexit = 0;
  aliases = new Map<string, string>();
  /** Shell functions by name. */
  functions = new Map<string, FunctionDef>();
  /** How many function calls are running now (0 at top level). */
  funcDepth = 0;
  /** The names of the running functions, innermost last (`$FUNCNAME` is the innermost). */
  funcNames: string[] = [];
  /** How many `.`/`source` files are running now (`return` ends one). */
  sourceDepth = 0;
  /** One frame per running function: the values its `local` names had before (undefined = unset). */
  localFrames: Map<string, { value: string | undefined; exported: boolean }>[] = [];
  /** Indexed arrays (bash): BASH_REMATCH, PIPESTATUS. `$NAME` reads element 0. */
  arrays = new Map<string, string[]>();
  readonly user: string;
  readonly home: string;
  /** The uid of the pod the shell runs in, when it started (a new pod of the same name is another container). */
  hostUid?: string;

  constructor(init: ShellInit) {
    this.host = init.host;
    this.flavour = init.flavour;
    this.argv0 = init.argv0;
    this.interactive = init.interactive;
    this.dashC = init.dashC ?? false;
    this.cwd = init.cwd;
    this.positional = init.positional ?? [];
    this.pid = init.pid;
    this.user = init.user;
    this.home = init.home;
    this.hostUid = init.hostUid;
    for (const [k, v] of Object.entries(init.env)) this.setVar(k, v, true);
    this.setVar('PWD', this.cwd, true);
  }

  get(name: string): string | undefined {
    const v = this.vars.get(name);
    if (v !== undefined) return v;
    if (name === 'FUNCNAME' && this.funcNames.length > 0) return this.funcNames[this.funcNames.length - 1];
    return this.arrays.size > 0 ? this.arrays.get(name)?.[0] : undefined;
  }

  /** `local NAME[=VALUE]` in the running function: remember the outer value once, then set or unset it. */
  makeLocal(name: string, value: string | undefined): void {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame) return;
    if (!frame.has(name)) frame.set(name, { value: this.vars.get(name), exported: this.exported.has(name) });
    if (value === undefined) this.unset(name);
    else this.setVar(name, value, this.exported.has(name));
  }

  /** Leave a function: its locals get their outer values back. */
  popLocals(): void {
    const frame = this.localFrames.pop();
    if (!frame) return;
    for (const [name, saved] of frame) {
      if (saved.value === undefined) this.unset(name);
      else {
        this.setVar(name, saved.value, saved.exported);
        if (!saved.exported) this.exported.delete(name);
      }
    }
  }

  setVar(name: string, value: string, exported = false): void {
    // Each value is bounded where it is built (expansion); the sum of all of them is bounded here, so that
    // many large variables cannot add up to the process's memory.
    const total = this.varChars - (this.vars.get(name)?.length ?? 0) + value.length;
    if (total > USERLAND_LIMITS.maxShellVarsChars) throw new LimitError(VARIABLES_TOO_LARGE);
    this.varChars = total;
    this.vars.set(name, value);
    if (exported) this.exported.add(name);
  }

  unset(name: string): void {
    this.arrays.delete(name);
    this.varChars -= this.vars.get(name)?.length ?? 0;
    this.vars.delete(name);
    this.exported.delete(name);
  }

  /** The environment programs get: exported variables in the order they were first set. */
  env(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.vars) if (this.exported.has(k)) out[k] = v;
    return out;
  }

  /** Who speaks in this shell's messages, at the current line. */
  speaker(): Speaker {
    // bash names a `-c` string's functions' source "environment" (BASH_SOURCE), and so words errors inside them.
    const inCFunction = this.funcDepth > 0 && this.dashC && !this.interactive && this.flavour.name === 'bash';
    return { argv0: inCFunction ? 'environment' : this.argv0, interactive: this.interactive, line: this.curLine, dashC: this.dashC };
  }

  /** A copy for a subshell: changes to it do not come back. */
  clone(): ShellState {
    const c = Object.create(ShellState.prototype) as ShellState;
    Object.assign(c, this);
    c.vars = new Map(this.vars);
    c.exported = new Set(this.exported);
    c.options = new Set(this.options);
    c.positional = [...this.positional];
    c.subshell = true;
    c.jobs = [];
    c.aliases = new Map(this.aliases);
    c.functions = new Map(this.functions);
    c.localFrames = this.localFrames.map((f) => new Map(f));
    c.funcNames = [...this.funcNames];
    c.arrays = new Map(this.arrays);
    return c;
  }
}
