import { LATTICE_PER_MM, FIBRE_ELONGATION, PERIMYSIAL } from './echoTables';

/** Lattice coordinates are shifted positive before truncating (the limb frame spans ±200 mm at most). */
const CELL_SHIFT = 4096;

/**
 * The scatterer of the tissue lattice at (qx, qy, qz) (limb frame, mm): a hash of its lattice
 * cell, 16 bits of in-phase and 16 of quadrature amplitude. Fixed in tissue, so speckle moves
 * with the anatomy. Muscle (perimysial) cells are strung out along Y, a tendon's along its
 * fibres (`fibre`: its axes from FibreDirections, or null).
 */
export function scattererHash(qx: number, qy: number, qz: number, texture: number, fibre: Float64Array | null): number {
  let ix: number;
  let iy: number;
  let iz: number;
  // Lattice cells by truncation of a shifted (always positive) coordinate: floor without a call.
  if (fibre !== null) {
    const along = qx * fibre[0] + qy * fibre[1] + qz * fibre[2];
    ix = ((qx - fibre[0] * along) * LATTICE_PER_MM + CELL_SHIFT) | 0;
    iy = ((qy - fibre[1] * along) * LATTICE_PER_MM + CELL_SHIFT) | 0;
    iz = ((along * LATTICE_PER_MM) / FIBRE_ELONGATION + CELL_SHIFT) | 0;
    iz += 7919 * (((qz - fibre[2] * along) * LATTICE_PER_MM + CELL_SHIFT) | 0);
  } else {
    ix = (qx * LATTICE_PER_MM + CELL_SHIFT) | 0;
    iy = (texture === PERIMYSIAL ? (qy * LATTICE_PER_MM) / FIBRE_ELONGATION + CELL_SHIFT : qy * LATTICE_PER_MM + CELL_SHIFT) | 0;
    iz = (qz * LATTICE_PER_MM + CELL_SHIFT) | 0;
  }
  let hash = Math.imul(ix, 0x8da6b343) ^ Math.imul(iy, 0xd8163841) ^ Math.imul(iz, 0xcb1ab31f) ^ Math.imul(texture + 1, 0x165667b1);
  hash = Math.imul(hash ^ (hash >>> 13), 0x5bd1e995);
  return (hash ^ (hash >>> 15)) >>> 0;
}
