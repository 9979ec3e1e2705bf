// The image catalog a world uses: images/ with the userland tools of bin/ available to containers' main processes.
import type { ImageCatalog } from '../contracts.ts';
import { createImageCatalog as catalogOf } from './images/index.ts';
import type { ImageFamily } from './images/family.ts';
import { runMainTool } from './main-tool.ts';

export function createImageCatalog(families?: ImageFamily[]): ImageCatalog {
  return catalogOf(families, runMainTool);
}
