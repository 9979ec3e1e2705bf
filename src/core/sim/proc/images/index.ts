// The image catalog: which images exist, what their processes do, which commands they ship.
import type { ImageCatalog } from '../../contracts.ts';

export function createImageCatalog(): ImageCatalog {
  throw new Error('not implemented yet: sim/proc/images');
}
