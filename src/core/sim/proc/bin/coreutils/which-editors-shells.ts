// which (where a program lives on this host), the editors podlab does not offer (vi, vim, nano), and the
// shells as programs (sh, bash, ash, dash).
import { findInstalled } from '../../os/commands.ts';
import { runShellTool } from '../../shell/shell-tool.ts';
import { runOf } from '../../os/tool-context.ts';
import type { ToolInfo } from '../tool.ts';
import { progName } from './kit.ts';

export const which: ToolInfo = {
  name: 'which',
  on: 'everywhere',
  summary: 'locate a program',
  run: (ctx) => {
    const info = ctx.hostInfo();
    const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!info) return 1;
    // Every context the shell makes has a runtime with the line's tool table; a hand-made one (no runtime) has no
    // programs to find. Reading the registry here instead would make a cycle (bin/index.ts lists this tool).
    const tools = runOf(ctx)?.rt.tools ?? new Map<string, ToolInfo>();
    let status = 0;
    for (const n of names) {
      const found = findInstalled(info, tools, n);
      if (found && found.kind !== 'missing' && found.kind !== 'script') ctx.stdout(`${found.path}\n`);
      else {
        // CentOS ships GNU which, which says where it looked; debianutils and BusyBox say nothing.
        if (info.os.id === 'centos') ctx.stderr(`/usr/bin/which: no ${n} in (${ctx.env.PATH ?? info.os.path})\n`);
        status = 1;
      }
    }
    return status;
  },
};

/**
 * Full-screen editors cannot run in a line-by-line terminal: podlab says so (exit 1) and points to file cells,
 * which write files into the session's working directory.
 */
function editor(name: string): ToolInfo {
  return {
    name,
    on: 'everywhere',
    summary: 'text editor (not available: use a file cell)',
    run: (ctx) => {
      ctx.stderr(`podlab: ${progName(ctx)} is not available in this terminal; use a file cell to edit files\n`);
      return 1;
    },
  };
}

export const editors: ToolInfo[] = ['vi', 'vim', 'nano', 'emacs'].map(editor);

export const shells: ToolInfo[] = ['sh', 'bash', 'ash', 'dash'].map((name) => ({
  name,
  on: name === 'ash' || name === 'dash' ? 'image' : 'everywhere',
  summary: 'command interpreter',
  run: runShellTool,
}));
