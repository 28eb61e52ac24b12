import type { TriangleMesh } from '../geometry/surfaceNets';
import type { FluidSpread } from './spread';
import { FluidSurfaceMesher, mergeBlocks } from './fluidMesher';

/**
 * The injectate's surface in the limb frame, where the fluid lies after pushing the tissue aside,
 * as one mesh (null before any): every block of a fresh FluidSurfaceMesher merged. The worker
 * keeps a mesher per session instead and sends only the blocks an injection changed.
 */
export function fluidSurface(spread: FluidSpread): TriangleMesh | null {
  const update = new FluidSurfaceMesher().update(spread, true);
  return mergeBlocks(update.changed.flatMap((b) => (b.mesh ? [b.mesh] : [])));
}
