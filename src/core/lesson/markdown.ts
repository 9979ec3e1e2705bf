// The markdown-it instance podlab parses and renders lessons with: the podlab plugin on markdown-it's defaults.
import MarkdownItCtor, { type MarkdownIt, type MarkdownItOptions } from 'markdown-it';
import { collectLesson } from './collect.ts';
import { frontMatterRule } from './front-matter-rule.ts';
import { installRenderer } from './render.ts';

/**
 * The podlab plugin: a front matter block rule, a core rule that reads sections, cells and
 * expectations into `env.podlab`, and fence renderers that mark cells with data attributes.
 */
export function podlabPlugin(md: MarkdownIt): void {
  md.block.ruler.before('table', 'front_matter', frontMatterRule);
  md.core.ruler.push('podlab_lesson', collectLesson);
  installRenderer(md);
}

/**
 * A markdown-it instance with the podlab plugin, for parseLesson and for renderers that show a
 * lesson. Render with `md.render(source, { file })`; raw HTML is off unless `options.html` is set.
 */
export function createMarkdown(options: MarkdownItOptions = {}): MarkdownIt {
  const md = new MarkdownItCtor({ html: false, ...options });
  md.use(podlabPlugin);
  return md;
}
