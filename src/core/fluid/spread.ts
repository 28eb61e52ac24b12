import type { LabelVolume } from '../anatomy/voxelise';
import { Label, tissueOfLabelId } from '../anatomy/tissues';
import type { Vec3 } from '../math/vec3';
import { hash3 } from '../random';
import { type FluidField, emptyFluid, voxelIndex, unitMl, FULL } from './fluidField';
import { MinHeap } from './minHeap';
import { ENTRY_PRESSURE_PSI, ENTRY_PRESSURE_SCATTER, crossingPressurePsi } from './entryPressure';

export interface InjectionResult {
  injectedMl: number;
  /** Pressure needed to keep the front moving during this injection: the highest entry met. */
  openingPressurePsi: number;
  /** Went into a vessel's lumen and away with the blood. */
  intravascularMl: number;
  intraneural: boolean;
}

/** Pressure to push fluid into a lumen: blood takes it away at once. */
const INTRAVASCULAR_PRESSURE_PSI = 2;
/**
 * Pushing fluid further from the tip costs more (the opened plane resists and the fluid must
 * flow through it): a pressure drop per mm of distance from the tip. Without it a loose sheath
 * would carry a few drops along the whole nerve.
 */
const PRESSURE_PER_MM_FROM_TIP_PSI = 0.4;

/**
 * Injectate spreading by invasion percolation on the voxel grid: at every step the front advances
 * into the neighbouring voxel that opens at the lowest pressure, so fluid runs along loose planes
 * (the paraneural sheath, fat) before it forces muscle, and wraps the epineurium unless the tip is
 * inside it. Volume is conserved exactly in 255ths of a voxel. Deterministic for a seed.
 */
export class FluidSpread {
  readonly field: FluidField;
  totalInjectedMl = 0;
  intravascularMl = 0;
  /** Voxel-index box holding every voxel with fluid (empty while min > max). */
  readonly filledBox = { min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
  private readonly seen: Uint8Array;
  private readonly unitMl: number;
  /**
   * The front left by the last injection, kept while the tip stays in the same voxel: a
   * press-and-hold injection is many small steps from one place, and each continues the one
   * before instead of flooding again through everything already filled.
   */
  private continuation: { start: number; front: MinHeap; touched: number[] } | null = null;

  constructor(
    private readonly volume: LabelVolume,
    private readonly seed: number,
  ) {
    this.field = emptyFluid(volume);
    this.seen = new Uint8Array(volume.labels.length);
    this.unitMl = unitMl(this.field);
  }

  /** Volume in the grid now, ml. */
  gridMl(): number {
    let units = 0;
    for (let i = 0; i < this.field.fill.length; i++) units += this.field.fill[i];
    return units * this.unitMl;
  }

  inject(tip: Vec3, ml: number): InjectionResult {
    const start = voxelIndex(this.field, tip);
    if (start < 0) throw new RangeError('The needle tip is outside the modelled knee');
    const label = this.volume.labels[start];
    this.totalInjectedMl += ml;
    if (tissueOfLabelId(label) === 'vessel') {
      this.intravascularMl += ml;
      return { injectedMl: ml, openingPressurePsi: INTRAVASCULAR_PRESSURE_PSI, intravascularMl: ml, intraneural: false };
    }
    if (!Number.isFinite(ENTRY_PRESSURE_PSI[label]) && this.field.fill[start] === 0) {
      throw new RangeError(`Fluid cannot be injected into ${tissueOfLabelId(label)}`);
    }
    let remaining = Math.round(ml / this.unitMl);
    if (this.continuation?.start !== start) this.releaseContinuation();
    const continuing = this.continuation !== null;
    const { front, touched } = this.continuation ?? { front: new MinHeap(), touched: [] as number[] };
    const { nx, ny } = this.field.grid;
    const nxy = nx * ny;
    const { origin, spacingMm: h } = this.field.grid;
    const fromTipPsi = (i: number) => {
      const dx = origin.x + (i % nx) * h - tip.x;
      const dy = origin.y + (Math.floor(i / nx) % ny) * h - tip.y;
      const dz = origin.z + Math.floor(i / nxy) * h - tip.z;
      return PRESSURE_PER_MM_FROM_TIP_PSI * Math.sqrt(dx * dx + dy * dy + dz * dz);
    };
    const labels = this.volume.labels;
    const visit = (i: number, from: number) => {
      this.seen[i] = 1;
      touched.push(i);
      const crossing = this.field.fill[i] > 0 ? 0 : crossingPressurePsi(labels[from], labels[i]);
      front.push(this.entryPressure(i) + crossing + fromTipPsi(i), i);
    };
    if (!continuing) visit(start, start);
    this.continuation = { start, front, touched };
    let openingPressurePsi = 0;
    let intraneural = false;
    const size = this.field.fill.length;
    let last = -1;
    while (remaining > 0 && front.size > 0) {
      const pressure = front.peekKey();
      if (!Number.isFinite(pressure)) break;
      const i = front.pop();
      last = i;
      const room = FULL - this.field.fill[i];
      if (room > 0) {
        const amount = Math.min(room, remaining);
        this.field.fill[i] += amount;
        remaining -= amount;
        this.growBox(i % nx, Math.floor(i / nx) % ny, Math.floor(i / nxy));
        // What the trainee's manometer shows: the tissue's opening pressure, not the flow's.
        const opening = pressure - fromTipPsi(i);
        if (opening > openingPressurePsi) openingPressurePsi = opening;
        const tissue = tissueOfLabelId(this.volume.labels[i]);
        if (tissue === 'nerve') intraneural = true;
      }
      if (this.field.fill[i] < FULL) continue;
      // Full: the front moves on to its six neighbours.
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      if (x > 0 && !this.seen[i - 1]) visit(i - 1, i);
      if (x < nx - 1 && !this.seen[i + 1]) visit(i + 1, i);
      if (y > 0 && !this.seen[i - nx]) visit(i - nx, i);
      if (y < ny - 1 && !this.seen[i + nx]) visit(i + nx, i);
      if (i >= nxy && !this.seen[i - nxy]) visit(i - nxy, i);
      if (i + nxy < size && !this.seen[i + nxy]) visit(i + nxy, i);
    }
    // A voxel left part full stays at the head of the front for the next step.
    if (last >= 0 && this.field.fill[last] > 0 && this.field.fill[last] < FULL) front.push(fromTipPsi(last), last);
    if (remaining > 0) {
      this.releaseContinuation();
      throw new RangeError('No tissue around the tip will take the injectate');
    }
    return { injectedMl: ml, openingPressurePsi, intravascularMl: 0, intraneural };
  }

  private releaseContinuation(): void {
    if (!this.continuation) return;
    for (const i of this.continuation.touched) this.seen[i] = 0;
    this.continuation = null;
  }

  private growBox(x: number, y: number, z: number): void {
    const { min, max } = this.filledBox;
    min[0] = Math.min(min[0], x);
    min[1] = Math.min(min[1], y);
    min[2] = Math.min(min[2], z);
    max[0] = Math.max(max[0], x);
    max[1] = Math.max(max[1], y);
    max[2] = Math.max(max[2], z);
  }

  /** Entry pressure of a voxel, with seeded scatter; filled voxels are open. */
  private entryPressure(i: number): number {
    if (this.field.fill[i] > 0) return 0;
    const label = this.volume.labels[i];
    const base = ENTRY_PRESSURE_PSI[label];
    if (!Number.isFinite(base) || label === Label.fluid) return base;
    const { nx, ny } = this.field.grid;
    const scatter = hash3(i % nx, Math.floor(i / nx) % ny, Math.floor(i / (nx * ny)), this.seed) - 0.5;
    return base * (1 + 2 * ENTRY_PRESSURE_SCATTER * scatter);
  }
}
