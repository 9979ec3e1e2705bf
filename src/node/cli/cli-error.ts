// CliError: a failure that ends a CLI command with an exit code; caught in exactly one place (main.ts).
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
