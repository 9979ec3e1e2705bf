// Launching Debian's chromium for page tests and benchmarks (flags from the platform notes); absent chromium is said loudly.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PODLAB_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH)
    ? undefined
    : `SKIPPED: browser tests need chromium at ${CHROMIUM_PATH} (apt-get install chromium; .ci/run installs it). Nothing in the page was tested.`;
}

/** Print the skip reason where nobody can miss it. */
export function shoutSkip(reason: string): void {
  const bar = '!'.repeat(Math.min(100, reason.length + 4));
  process.stderr.write(`\n${bar}\n! ${reason} !\n${bar}\n\n`);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}
