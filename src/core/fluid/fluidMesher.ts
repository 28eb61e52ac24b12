import { surfaceNets, type SampledField, type TriangleMesh } from '../geometry/surfaceNets';
import type { FluidSpread } from './spread';
import { ColumnRecords } from './fluidMesherColumns';
import { DEFAULT_VOXEL_SPACING_MM } from '../anatomy/voxelise';

/**
 * Voxels per sample of the 3D view's fluid: 1 mm at the 0.25 mm grid. The view shows the knee
 * whole, a 1 mm step a pixel or two, and under software WebGL its frame costs by the triangle:
 * 5 ml meshed at 0.5 mm (~45 000 triangles, as many as the knee, drawn in two passes) took a frame
 * from ~22 to ~60 ms, at 1 mm (~11 000) to ~37 ms (scripts/dev/scene-frame-cost.ts).
 */
const STRIDE = 4;
/** The 3D view's fluid sample step (mm), on the default label grid. */
export const SAMPLE_STEP_MM = STRIDE * DEFAULT_VOXEL_SPACING_MM;
/** Samples along each edge of a block (16 mm): a hold step changes only the few blocks round the tip. */
export const BLOCK_SAMPLES = 16;
/** Block indices are packed into one key per axis in this many slots. */
const KEY_SLOTS = 1024;

/** One block of the fluid's surface; `mesh` null where the block holds none of it (any more). */
export interface FluidSurfaceBlock {
  key: number;
  mesh: TriangleMesh | null;
}

/**
 * The fluid's surface as one update: the blocks re-meshed since the update numbered `base` of the
 * same mesher (`base` null: every block, nothing kept from before), and the keys of every block
 * that has surface now (a kept block is one listed here but not among `changed`).
 */
export interface FluidSurfaceUpdate {
  mesherId: number;
  generation: number;
  base: number | null;
  changed: FluidSurfaceBlock[];
  keys: number[];
}

let nextMesherId = 1;

/** A block as last sampled: its samples and its mesh (null: no surface in it). */
interface KeptBlock {
  values: Float32Array;
  mesh: TriangleMesh | null;
}

/**
 * The injectate's surface for the 3D view, where the fluid lies after it pushed the tissue aside
 * (the warp's displaced coverage, smooth to a fraction of a voxel), meshed by surface nets in
 * fixed 16 mm blocks. Blocks overlap by one sample, so their edges meet without cracks.
 *
 * Incremental both ways: a block is sampled again only where a column it reads changed since the
 * last update (fluidMesherColumns.ts), and meshed again only where its samples changed; an update
 * sends the blocks whose surface changed, or (`complete`) every block with surface, the ones not
 * re-meshed as copies of the meshes kept. So a hold step or a replay's seek across injections
 * costs the blocks the fluid moved in, and the result is the same as meshing everything afresh.
 */
export class FluidSurfaceMesher {
  readonly id = nextMesherId++;
  private generation = 0;
  /** Every block in the fluid's reach at the last update (with surface or not). */
  private readonly blocks = new Map<number, KeptBlock>();
  /** What the samples read at the last update: the columns and the grid. */
  private records: ColumnRecords | null = null;
  private grid: FluidSpread['field']['grid'] | null = null;

  /** The blocks changed since the last update (`complete`: all of them, as for a view that holds none). */
  update(spread: FluidSpread, complete = false): FluidSurfaceUpdate {
    const job = this.begin(spread, complete);
    return job.step(Infinity)!;
  }

  /**
   * The same update made a few blocks at a time (the worker spreads a big one over several turns,
   * so a replay's seeks answer between them): what the samples read is copied when it begins, so
   * the fluid may move on meanwhile. A job is of the mesher as it stood when it began: another
   * update finished before it makes it stale (it then ends with null).
   */
  begin(spread: FluidSpread, complete = false): SurfaceJob {
    const { grid } = spread.field;
    if (!sameGrid(grid, this.grid)) this.forget(grid);
    const { min, max } = spread.filledBox;
    const startedAt = this.generation;
    const blocks: [number, number, number, boolean][] = [];
    let records: ColumnRecords | null = null;
    let reach = 0;
    if (min[0] <= max[0]) {
      // The warp only moves tissue along the grid's Z: the fluid keeps its columns and moves at most maxShift up or down.
      reach = Math.ceil(spread.warp.maxShiftMm / grid.spacingMm) + STRIDE;
      const lo = [min[0] - STRIDE, min[1] - STRIDE, min[2] - reach];
      const hi = [max[0] + STRIDE, max[1] + STRIDE, max[2] + reach];
      const span = BLOCK_SAMPLES * STRIDE;
      const [bx0, by0, bz0] = lo.map((v) => Math.floor(v / span));
      const [bx1, by1, bz1] = hi.map((v) => Math.floor(v / span));
      // A block reads the columns from its first sample's to one past its last (blockColumns).
      records = new ColumnRecords(...blockColumns(bx0, bx1), ...blockColumns(by0, by1), spread.warp, wetColumns(spread));
      for (let by = by0; by <= by1; by++) {
        for (let bx = bx0; bx <= bx1; bx++) {
          // The reach bounds the samples asked, not their values (outside it coverage is 0, the
          // sample 0.5 as left): a block's samples depend on its columns' records alone.
          const clean = !records.changedSince(this.records, ...blockColumns(bx, bx), ...blockColumns(by, by));
          for (let bz = bz0; bz <= bz1; bz++) blocks.push([bx, by, bz, clean]);
        }
      }
    }
    const made = new Map<number, KeptBlock>();
    let next = 0;
    const sampling = { records: records!, reach, grid };
    return {
      step: (maxBlocks) => {
        if (this.generation !== startedAt) {
          next = blocks.length + 1;
          return null;
        }
        for (let n = 0; n < maxBlocks && next < blocks.length; n++, next++) {
          const [bx, by, bz, clean] = blocks[next];
          const key = blockKey(bx, by, bz);
          const before = this.blocks.get(key);
          made.set(key, before && clean ? before : meshBlock(sampling, bx, by, bz, before));
        }
        return next < blocks.length ? null : this.finish(made, records, complete);
      },
      get done() {
        return next >= blocks.length;
      },
      get stale() {
        return next > blocks.length;
      },
    };
  }

  /** A job's blocks become the mesher's: the update that sends them. */
  private finish(made: Map<number, KeptBlock>, records: ColumnRecords | null, complete: boolean): FluidSurfaceUpdate {
    const base = complete || this.generation === 0 ? null : this.generation;
    this.generation++;
    const changed: FluidSurfaceBlock[] = [];
    const seen: number[] = [];
    for (const [key, block] of made) {
      const before = this.blocks.get(key);
      if (block.mesh) seen.push(key);
      // A block that had no surface and still has none changed nothing the view shows.
      if (complete ? block.mesh : block !== before && (block.mesh || before?.mesh)) changed.push({ key, mesh: block.mesh && copyMesh(block.mesh) });
    }
    // Blocks outside the fluid's reach now (a replay sought back before an injection) hold none.
    for (const [key, block] of this.blocks) if (!made.has(key) && block.mesh && !complete) changed.push({ key, mesh: null });
    this.blocks.clear();
    for (const [key, block] of made) this.blocks.set(key, block);
    this.records = records;
    return { mesherId: this.id, generation: this.generation, base, changed, keys: seen.sort((a, b) => a - b) };
  }

  /** Another grid (another knee): nothing kept applies. */
  private forget(grid: FluidSpread['field']['grid']): void {
    this.blocks.clear();
    this.records = null;
    this.grid = grid;
  }
}

/** A surface update under way (FluidSurfaceMesher.begin). */
export interface SurfaceJob {
  /** Samples and meshes up to `maxBlocks` more blocks: the update once all are done, else null (null for good once stale). */
  step(maxBlocks: number): FluidSurfaceUpdate | null;
  /** Nothing left to do: every block is made (the step that made the last returned the update), or the job went stale. */
  readonly done: boolean;
  /** Another update finished first: this job's update would not follow it (begin another). */
  readonly stale: boolean;
}

interface Sampling {
  records: ColumnRecords;
  reach: number;
  grid: FluidSpread['field']['grid'];
}

/** The block sampled again: `before` itself where its samples are the same, else a new block (meshed where it holds surface). */
function meshBlock({ records, reach, grid }: Sampling, bx: number, by: number, bz: number, before: KeptBlock | undefined): KeptBlock {
  const n = BLOCK_SAMPLES + 2;
  const values = new Float32Array(n * n * n);
  // Samples from one before the block to its last (the next block starts one after): each grid
  // edge of the surface is meshed in exactly one block.
  const s0 = [bx * BLOCK_SAMPLES - 1, by * BLOCK_SAMPLES - 1, bz * BLOCK_SAMPLES - 1];
  values.fill(0.5);
  let inside = false;
  for (let j = 0; j < n; j++) {
    // Half a voxel off the columns in X and Y: each sample blends two columns each way.
    const vy = (s0[1] + j) * STRIDE + 0.5;
    for (let i = 0; i < n; i++) {
      const vx = (s0[0] + i) * STRIDE + 0.5;
      // Only where the four columns blended hold fluid, and only over the Z it can have been moved to.
      const range = records.reach(Math.floor(vx), Math.floor(vy), reach, grid.nz);
      if (range === null) continue;
      const k0 = Math.max(0, Math.ceil(range[0] / STRIDE) - s0[2]);
      const k1 = Math.min(n - 1, Math.floor(range[1] / STRIDE) - s0[2]);
      for (let k = k0; k <= k1; k++) {
        const v = 0.5 - Math.min(1, records.share(vx, vy, (s0[2] + k) * STRIDE));
        values[i + n * (j + n * k)] = v;
        if (v < 0) inside = true;
      }
    }
  }
  if (before !== undefined && equalValues(before.values, values)) return before;
  let mesh: TriangleMesh | null = null;
  if (inside) {
    const h = grid.spacingMm;
    const field: SampledField = {
      origin: { x: grid.origin.x + (s0[0] * STRIDE + 0.5) * h, y: grid.origin.y + (s0[1] * STRIDE + 0.5) * h, z: grid.origin.z + s0[2] * STRIDE * h },
      spacingMm: h * STRIDE,
      nx: n,
      ny: n,
      nz: n,
      values,
    };
    mesh = surfaceNets(field);
    if (mesh.indices.length === 0) mesh = null;
  }
  return { values, mesh };
}

/**
 * The grid columns (along X or Y) the blocks b0..b1 read: from the first sample's column
 * ((b0·BLOCK_SAMPLES − 1)·STRIDE, the sample half a voxel past it) to one past the last
 * sample's ((b1 + 1)·BLOCK_SAMPLES·STRIDE + 1: each sample blends a column and the next).
 */
function blockColumns(b0: number, b1: number): [number, number] {
  return [(b0 * BLOCK_SAMPLES - 1) * STRIDE, (b1 + 1) * BLOCK_SAMPLES * STRIDE + 1];
}

/** The same grid (a replay's fluid history restores copies of it, so not by identity). */
function sameGrid(a: FluidSpread['field']['grid'], b: FluidSpread['field']['grid'] | null): boolean {
  if (!b) return false;
  return a.nx === b.nx && a.ny === b.ny && a.nz === b.nz && a.spacingMm === b.spacingMm && a.origin.x === b.origin.x && a.origin.y === b.origin.y && a.origin.z === b.origin.z;
}

/** A kept mesh as sent: a copy, since the worker hands the buffers it sends over. */
const copyMesh = (m: TriangleMesh): TriangleMesh => ({ positions: m.positions.slice(), normals: m.normals.slice(), indices: m.indices.slice() });

/**
 * Which columns of the grid hold fluid and over which resting Z, from the fill over the filled
 * box (per column (x, y): [lowest, highest] voxel Z, or null): the warp moves fluid only along its
 * column, by at most the mesher's reach, so every other sample is empty without asking it.
 */
function wetColumns(spread: FluidSpread): (x: number, y: number) => readonly [number, number] | null {
  const { min, max } = spread.filledBox;
  const { nx, ny } = spread.field.grid;
  const fill = spread.field.fill;
  const w = max[0] - min[0] + 1;
  const hgt = max[1] - min[1] + 1;
  const low = new Int32Array(w * hgt).fill(0x7fffffff);
  const high = new Int32Array(w * hgt).fill(-1);
  for (let z = min[2]; z <= max[2]; z++) {
    for (let y = min[1]; y <= max[1]; y++) {
      const row = nx * (y + ny * z);
      const c = w * (y - min[1]) - min[0];
      for (let x = min[0]; x <= max[0]; x++) {
        if (fill[row + x] === 0) continue;
        if (z < low[c + x]) low[c + x] = z;
        high[c + x] = z;
      }
    }
  }
  return (x, y) => {
    const cx = x - min[0];
    const cy = y - min[1];
    if (cx < 0 || cy < 0 || cx >= w || cy >= hgt) return null;
    const c = cx + w * cy;
    return high[c] < 0 ? null : [low[c], high[c]];
  };
}

function blockKey(bx: number, by: number, bz: number): number {
  return bx + 1 + KEY_SLOTS * (by + 1 + KEY_SLOTS * (bz + 1));
}

function equalValues(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** All of an update's blocks (with those it kept from `kept`) as one mesh, or null when there is none. */
export function mergeBlocks(meshes: Iterable<TriangleMesh>): TriangleMesh | null {
  const list = [...meshes];
  const vertices = list.reduce((s, m) => s + m.positions.length, 0);
  if (vertices === 0) return null;
  const positions = new Float32Array(vertices);
  const normals = new Float32Array(vertices);
  const indices = new Uint32Array(list.reduce((s, m) => s + m.indices.length, 0));
  let v = 0;
  let t = 0;
  for (const m of list) {
    positions.set(m.positions, v);
    normals.set(m.normals, v);
    for (let i = 0; i < m.indices.length; i++) indices[t + i] = m.indices[i] + v / 3;
    v += m.positions.length;
    t += m.indices.length;
  }
  return { positions, normals, indices };
}
