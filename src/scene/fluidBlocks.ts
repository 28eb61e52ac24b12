import * as THREE from 'three';
import type { FluidSurfaceUpdate } from '../core/fluid/fluidMesher';
import { geometryFromMesh } from './meshGeometry';

/** Meshers (sessions) whose blocks are kept: the live attempt, a replay and a review at most. */
const KEPT_MESHERS = 3;

interface MesherBlocks {
  generation: number;
  blocks: Map<number, THREE.BufferGeometry>;
}

/**
 * The fluid's 3D surface as the worker's updates build it: per mesher (one per session), a
 * geometry per block; an update replaces only the blocks it re-meshed and drops those it no longer
 * lists, so a hold step uploads a few blocks, not the whole surface. Every update must pass
 * through here in order (the scene subscribes to the store for that), else a delta would apply to
 * the wrong blocks: one that does not follow the last seen is shown as far as it goes and said.
 */
export class FluidBlocks {
  private readonly meshers = new Map<number, MesherBlocks>();

  /** Applies an update; returns the blocks to show now (its mesher's). */
  apply(update: FluidSurfaceUpdate): ReadonlyMap<number, THREE.BufferGeometry> {
    let entry = this.meshers.get(update.mesherId);
    if (update.base === null || !entry) {
      if (update.base !== null) console.warn(`fluid surface: update ${update.generation} of mesher ${update.mesherId} arrived without its base ${update.base}`);
      if (entry) disposeAll(entry.blocks);
      entry = { generation: 0, blocks: new Map() };
      this.meshers.delete(update.mesherId);
      this.meshers.set(update.mesherId, entry);
      this.forgetOld();
    } else if (entry.generation !== update.base) {
      console.warn(`fluid surface: update ${update.generation} of mesher ${update.mesherId} follows ${update.base}, last seen ${entry.generation}`);
    }
    const blocks = new Map(entry.blocks);
    for (const block of update.changed) {
      blocks.get(block.key)?.dispose();
      if (block.mesh) blocks.set(block.key, geometryFromMesh(block.mesh));
      else blocks.delete(block.key);
    }
    const listed = new Set(update.keys);
    for (const [key, geometry] of blocks) {
      if (listed.has(key)) continue;
      geometry.dispose();
      blocks.delete(key);
    }
    entry.generation = update.generation;
    entry.blocks = blocks;
    return blocks;
  }

  private forgetOld(): void {
    while (this.meshers.size > KEPT_MESHERS) {
      const oldest = this.meshers.keys().next().value as number;
      disposeAll(this.meshers.get(oldest)!.blocks);
      this.meshers.delete(oldest);
    }
  }
}

function disposeAll(blocks: Map<number, THREE.BufferGeometry>): void {
  for (const g of blocks.values()) g.dispose();
}
