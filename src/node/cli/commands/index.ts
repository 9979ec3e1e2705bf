// The table of `podlab` subcommands: one module per command; add a row to add a command.
import { apiserverCommand } from './apiserver.ts';
import { buildCommand } from './build.ts';
import { gradeCommand } from './grade.ts';
import { labCommand } from './lab.ts';
import { lintCommand } from './lint.ts';
import { matrixCommand } from './matrix.ts';
import { releaseCommand } from './release.ts';
import { runCommand } from './run.ts';
import { serveCommand } from './serve.ts';
import { shellCommand } from './shell.ts';
import type { CliCommand } from './types.ts';

export const COMMANDS: CliCommand[] = [
  runCommand,
  lintCommand,
  matrixCommand,
  shellCommand,
  serveCommand,
  buildCommand,
  releaseCommand,
  gradeCommand,
  apiserverCommand,
  labCommand,
];
