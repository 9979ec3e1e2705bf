// parseLesson: a lesson's Markdown source to a Lesson, synchronously, with every problem as a diagnostic.
import type { Diagnostic } from '../errors.ts';
import { CLUSTER_CHECKS, emptyCluster, FRONT_MATTER_DEFAULTS, toClusterSpec } from './cluster.ts';
import { ENV_KEY, type CollectedLesson } from './collect.ts';
import { readFrontMatter } from './front-matter.ts';
import { LESSON_LIMITS, utf8Length } from './limits.ts';
import { createMarkdown } from './markdown.ts';
import type { Lesson } from './model.ts';
import { checkManifestSyntax } from './manifests.ts';

let shared: ReturnType<typeof createMarkdown> | undefined;

function emptyLesson(source: string, file: string, diagnostics: Diagnostic[]): Lesson {
  return {
    id: '',
    title: '',
    lang: '',
    file,
    seed: FRONT_MATTER_DEFAULTS.seed,
    cluster: emptyCluster(),
    sections: [],
    cells: [],
    source,
    diagnostics,
  };
}

/**
 * Parse one lesson. Pure and synchronous: never throws for a bad lesson; problems (with
 * file:line:col) are in `lesson.diagnostics`, and a lesson with an error there must not be run.
 */
export function parseLesson(source: string, file: string): Lesson {
  if (utf8Length(source, LESSON_LIMITS.maxBytes) > LESSON_LIMITS.maxBytes) {
    const message = `lesson is larger than ${LESSON_LIMITS.maxBytes / 1024 / 1024} MiB; not parsed`;
    return emptyLesson(source, file, [{ severity: 'error', code: 'input-limit', message, pos: { file, line: 1, column: 1 } }]);
  }
  shared ??= createMarkdown();
  const env: Record<string, unknown> = { file };
  shared.parse(source, env);
  const collected = env[ENV_KEY] as CollectedLesson;
  const { src } = collected;
  const diagnostics: Diagnostic[] = [];
  const lesson = emptyLesson(source, file, diagnostics);
  lesson.sections = collected.sections;
  lesson.cells = collected.cells;

  const fm = collected.frontMatter;
  if (!fm) diagnostics.push(src.error('lesson-parse', "lesson has no front matter (a '---' line, YAML, then '---')", 0));
  else if (fm.unclosed) diagnostics.push(src.error('lesson-parse', "front matter starts here but has no closing '---' line", 0));
  else {
    const read = readFrontMatter(fm.text, fm.line0, src);
    diagnostics.push(...read.diagnostics);
    if (read.value) {
      lesson.id = read.value.id;
      lesson.title = read.value.title;
      lesson.lang = read.value.lang;
      if (read.value.description !== undefined) lesson.description = read.value.description;
      if (read.value.minutes !== undefined) lesson.minutes = read.value.minutes;
      if (read.value.solution !== undefined) lesson.solution = read.value.solution;
      if (read.value.order !== undefined) lesson.order = read.value.order;
      lesson.seed = read.value.seed ?? FRONT_MATTER_DEFAULTS.seed;
      lesson.cluster = toClusterSpec(read.value);
      for (const rule of CLUSTER_CHECKS) diagnostics.push(...rule.check(lesson.cluster));
      for (const step of lesson.cluster.setup) diagnostics.push(...checkManifestSyntax(step.manifests, step.pos, 'error'));
    }
  }
  diagnostics.push(...collected.diagnostics);
  diagnostics.sort((a, b) => a.pos.line - b.pos.line || (a.pos.column ?? 0) - (b.pos.column ?? 0));
  return lesson;
}
