// Reading tutorial.config.ts from the working directory: project defaults that command-line flags override.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PodlabError } from '../../core/index.ts';

export interface TutorialDefaults {
  port: number;
  host: string;
  lessons: string;
  cellTimeoutMs: number;
}

export const BUILTIN_DEFAULTS: TutorialDefaults = { port: 4173, host: '127.0.0.1', lessons: 'lessons', cellTimeoutMs: 30_000 };

/** tutorial.config.ts's default export over the built-in defaults; the built-ins when there is no file. */
export async function loadTutorialConfig(dir = process.cwd()): Promise<TutorialDefaults> {
  const file = path.join(dir, 'tutorial.config.ts');
  if (!existsSync(file)) return BUILTIN_DEFAULTS;
  let mod: { default?: unknown };
  try {
    // tsx's tsImport loads this one TypeScript file whether podlab runs from its sources or from the bundle.
    const { tsImport } = await import('tsx/esm/api');
    mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
  } catch (e: unknown) {
    throw new PodlabError('usage', `${file} could not be loaded: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  const raw = (typeof mod.default === 'object' && mod.default !== null ? mod.default : {}) as Record<string, unknown>;
  const pick = <K extends keyof TutorialDefaults>(k: K): TutorialDefaults[K] =>
    (typeof raw[k] === typeof BUILTIN_DEFAULTS[k] ? raw[k] : BUILTIN_DEFAULTS[k]) as TutorialDefaults[K];
  return { port: pick('port'), host: pick('host'), lessons: pick('lessons'), cellTimeoutMs: pick('cellTimeoutMs') };
}
