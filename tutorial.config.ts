// Project defaults for `podlab serve`, `podlab build` and the Kernel; command-line flags override them.

/** The shape of tutorial.config.ts. */
export interface TutorialConfig {
  /** Port `podlab serve` listens on. */
  port: number;
  /** Address `podlab serve` binds; anything but 127.0.0.1 exposes the lessons (and --shell) to the network. */
  host: string;
  /** Folder of lesson Markdown files. */
  lessons: string;
  /** Default time budget of a run cell, in ms. */
  cellTimeoutMs: number;
}

const config: TutorialConfig = { port: 4173, host: '127.0.0.1', lessons: 'lessons', cellTimeoutMs: 30000 };

export default config;
