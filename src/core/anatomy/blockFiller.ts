import { boxDistance } from './sdf';
import type { KneeAnatomy } from './knee';
import type { Structure } from './structure';
import { Label, type LabelId } from './tissues';
import { hypot3 } from '../math/hypot';
import type { LabelVolume } from './voxelise';

/** Top-level block edge in voxels; blocks that a surface crosses are split down to LEAF. */
export const BLOCK = 32;
const LEAF = 2;

/**
 * Fills a label volume one top block at a time. At a block's centre every candidate structure's
 * signed distance says whether it surely covers the block, surely misses it, or crosses it; a
 * block that nothing crosses is filled with one label, a crossed one is split in eight with only
 * the crossing structures as candidates, and voxels are looked at one by one only in small leaves
 * next to a surface. A top block's labels depend on nothing but its place: blocks may be filled in
 * any order.
 */
export class BlockFiller {
  private readonly centre = { x: 0, y: 0, z: 0 };
  private readonly p = { x: 0, y: 0, z: 0 };

  constructor(
    private readonly volume: LabelVolume,
    private readonly knee: KneeAnatomy,
  ) {}

  fillTopBlock(x0: number, y0: number, z0: number): void {
    const { nx, ny, nz } = this.volume;
    const x1 = Math.min(nx, x0 + BLOCK);
    const y1 = Math.min(ny, y0 + BLOCK);
    const z1 = Math.min(nz, z0 + BLOCK);
    const radius = this.setCentre(x0, x1, y0, y1, z0, z1);
    // Everything lies inside the skin: a block well outside it is air, whatever else is near.
    if (this.knee.skin.distance(this.centre) > radius * 2) {
      this.fill(x0, x1, y0, y1, z0, z1, Label.outside);
      return;
    }
    const candidates = this.knee.structures.filter((s) => boxDistance(s.bounds, this.centre) <= radius);
    this.fillBlock(x0, x1, y0, y1, z0, z1, candidates, Label.outside, 0);
  }

  private setCentre(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number): number {
    const { origin, spacingMm: h } = this.volume;
    this.centre.x = origin.x + ((x0 + x1 - 1) / 2) * h;
    this.centre.y = origin.y + ((y0 + y1 - 1) / 2) * h;
    this.centre.z = origin.z + ((z0 + z1 - 1) / 2) * h;
    return (hypot3(x1 - x0, y1 - y0, z1 - z0) * h) / 2 + h * 0.5;
  }

  /** The crossing structures of each level of blocks, reused: no array per block. */
  private readonly crossingAtDepth: Structure[][] = [];

  private fillBlock(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, candidates: readonly Structure[], outerFloor: LabelId, depth: number): void {
    const radius = this.setCentre(x0, x1, y0, y1, z0, z1);
    const crossing = (this.crossingAtDepth[depth] ??= []);
    crossing.length = 0;
    let floor = outerFloor;
    for (const s of candidates) {
      const d = s.distance(this.centre) / s.lipschitz;
      if (d > radius) continue;
      if (d < -radius && !s.hasInnerParts) {
        floor = s.label;
        break;
      }
      crossing.push(s);
      if (d < -radius) break; // covers the block: nothing of lower priority can show
    }
    if (crossing.length === 0) {
      this.fill(x0, x1, y0, y1, z0, z1, floor);
    } else if (x1 - x0 <= LEAF && y1 - y0 <= LEAF && z1 - z0 <= LEAF) {
      this.fillVoxels(x0, x1, y0, y1, z0, z1, crossing, floor);
    } else {
      const xm = Math.min(x1, x0 + Math.ceil((x1 - x0) / 2));
      const ym = Math.min(y1, y0 + Math.ceil((y1 - y0) / 2));
      const zm = Math.min(z1, z0 + Math.ceil((z1 - z0) / 2));
      // The eight octants in z, y, x order (bit 2: upper z half, bit 1: y, bit 0: x), without
      // allocating: this runs for every crossed block of every level.
      for (let octant = 0; octant < 8; octant++) {
        const za = octant & 4 ? zm : z0;
        const zb = octant & 4 ? z1 : zm;
        const ya = octant & 2 ? ym : y0;
        const yb = octant & 2 ? y1 : ym;
        const xa = octant & 1 ? xm : x0;
        const xb = octant & 1 ? x1 : xm;
        if (xb > xa && yb > ya && zb > za) this.fillBlock(xa, xb, ya, yb, za, zb, crossing, floor, depth + 1);
      }
    }
  }

  private fill(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, label: LabelId): void {
    const { nx, ny, labels } = this.volume;
    // Most fills are small leaves next to a surface, where a call to fill costs more than the stores.
    const short = x1 - x0 <= 8;
    for (let z = z0; z < z1; z++) {
      for (let y = y0; y < y1; y++) {
        const row = nx * (y + ny * z);
        if (short) for (let x = row + x0; x < row + x1; x++) labels[x] = label;
        else labels.fill(label, row + x0, row + x1);
      }
    }
  }

  private fillVoxels(x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, crossing: readonly Structure[], floor: LabelId): void {
    const { nx, ny, labels, origin, spacingMm: h } = this.volume;
    const p = this.p;
    for (let z = z0; z < z1; z++) {
      p.z = origin.z + z * h;
      for (let y = y0; y < y1; y++) {
        p.y = origin.y + y * h;
        const row = nx * (y + ny * z);
        for (let x = x0; x < x1; x++) {
          p.x = origin.x + x * h;
          let label: LabelId = floor;
          for (const s of crossing) {
            if (s.distance(p) < 0) {
              label = s.classify(p);
              break;
            }
          }
          labels[row + x] = label;
        }
      }
    }
  }
}
