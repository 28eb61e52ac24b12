import { completeFineGrid, type LabelVolume } from '../anatomy/voxelise';
import { Label, tissueOfLabelId } from '../anatomy/tissues';
import type { Vec3 } from '../math/vec3';
import { hash3 } from '../random';
import { type FluidField, emptyFluid, voxelIndex, unitMl, FULL } from './fluidField';
import { MinHeap } from './minHeap';
import { VoxelSet } from './voxelSet';
import { pendingFill } from './pendingFill';
import { ENTRY_PRESSURE_PSI, ENTRY_PRESSURE_SCATTER, crossingPressurePsi, FASCIA_CROSSING_PSI, EPINEURIUM_CROSSING_PSI } from './entryPressure';
import type { NerveStructure } from '../anatomy/nerve';
import { ParaneuralSpace, TIP_IN_SHEATH_MM, PARANEURAL_REACH_MM, distanceOfCode } from './paraneuralSpace';
import { TissueWarp } from './tissueWarp';
import { isMuscleLabel, muscleFlowPsi, perimysiumShare } from './muscleSpread';
import { type FluidPlane, fluidPlaneOf, towardSkinFrom } from './fluidPlane';
import {
  INTRAVASCULAR_PRESSURE_PSI,
  PRESSURE_PER_MM_FROM_TIP_PSI,
  SUBCUTIS_ALONG_PSI_PER_MM,
  SUBCUTIS_DEPTH_PSI_PER_MM,
  PARANEURAL_OPENING_PSI,
  PARANEURAL_STRETCH_PSI_PER_MM,
  PARANEURAL_ALONG_PSI_PER_MM,
  PARANEURAL_AROUND_PSI_PER_MM,
  SHEATH_CROSSING_PSI,
  SHEATH_LEAK_PSI,
  NERVE_CONTACT_MM,
  NERVE_CONTACT_OPENING_PSI,
  OPENABLE,
  IS_MUSCLE,
  IS_NERVE_TISSUE,
  IS_NERVE_INSIDE,
  NOT_IN_SPACE,
} from './spreadPressures';

export interface InjectionResult {
  injectedMl: number;
  /** Pressure needed to keep the front moving during this injection: the highest entry met. */
  openingPressurePsi: number;
  /** Went into a vessel's lumen and away with the blood. */
  intravascularMl: number;
  intraneural: boolean;
  /** The plane this injection's fluid went into (wrong planes get their own coaching); absent where no fluid is simulated. */
  fluidPlane?: FluidPlane;
}

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
  /** The voxels the held front has reached (cleared when the tip moves to another voxel). */
  private readonly seen: VoxelSet;
  private readonly unitMl: number;
  /**
   * The front left by the last injection, kept while the tip stays in the same voxel: a
   * press-and-hold injection is many small steps from one place, and each continues the one
   * before instead of flooding again through everything already filled.
   */
  private continuation: { start: number; front: MinHeap; onEmptyField: boolean; partial: number[] } | null = null;

  /** The tissue pushed aside by the fluid, redone after every injection where the fill changed. */
  readonly warp: TissueWarp;

  /** Null where no nerve's paraneural space is modelled (plain invasion by label). */
  private readonly paraneural: ParaneuralSpace | null;

  constructor(
    private readonly volume: LabelVolume,
    private readonly seed: number,
    nerve: NerveStructure | null = null,
  ) {
    this.field = emptyFluid(volume);
    this.paraneural = nerve ? new ParaneuralSpace(nerve, this.field.grid) : null;
    const space = this.paraneural;
    this.warp = new TissueWarp(this.field, volume.labels, space ? (x, y, z) => space.distanceAtMm(x, y, z) : null);
    this.seen = new VoxelSet(volume.labels.length);

    this.unitMl = unitMl(this.field);
  }

  /** Volume in the grid now, ml (read over the filled box: fluid lies nowhere else). */
  gridMl(): number {
    const { nx, ny } = this.field.grid;
    const { min, max } = this.filledBox;
    const fill = this.field.fill;
    let units = 0;
    for (let z = min[2]; z <= max[2]; z++)
      for (let y = min[1]; y <= max[1]; y++) {
        const row = nx * (y + ny * z);
        for (let i = row + min[0]; i <= row + max[0]; i++) units += fill[i];
      }
    return units * this.unitMl;
  }

  inject(tip: Vec3, ml: number): InjectionResult {
    // The spread and what is measured of it read the volume anywhere the fluid goes.
    completeFineGrid(this.volume);
    const start = voxelIndex(this.field, tip);
    if (start < 0) throw new RangeError('The needle tip is outside the modelled knee');
    const label = this.volume.labels[start];
    this.totalInjectedMl += ml;
    if (tissueOfLabelId(label) === 'vessel') {
      this.intravascularMl += ml;
      return { injectedMl: ml, openingPressurePsi: INTRAVASCULAR_PRESSURE_PSI, intravascularMl: ml, intraneural: false, fluidPlane: 'intravascular' };
    }
    if (!Number.isFinite(ENTRY_PRESSURE_PSI[label]) && this.field.fill[start] === 0) {
      throw new RangeError(`Fluid cannot be injected into ${tissueOfLabelId(label)}`);
    }
    let remaining = Math.round(ml / this.unitMl);
    if (this.continuation?.start !== start) this.releaseContinuation();
    const continuing = this.continuation !== null;
    // A front begun on an empty field has filled only voxels it has seen, so every voxel it
    // reaches anew is empty: its fill need not be read (a cache miss a voxel on the hold's path).
    const onEmptyField = this.continuation?.onEmptyField ?? !(this.filledBox.min[0] <= this.filledBox.max[0]);
    const front = this.continuation?.front ?? new MinHeap();
    // The voxels on such a front left part full by an earlier step (pushed back onto it): the only
    // ones it pops that hold fluid, so the only ones whose fill a pop reads (usually one or none).
    const partial = this.continuation?.partial ?? [];
    const fill = this.field.fill;
    const seen = this.seen;
    const { nx, ny } = this.field.grid;
    const nxy = nx * ny;
    const { origin, spacingMm: h } = this.field.grid;
    const labels = this.volume.labels;
    const space = this.paraneural;
    const tipInSheath = space !== null && !IS_NERVE_INSIDE[label] && label !== Label.epineurium && space.distanceAtMm(tip.x, tip.y, tip.z) <= TIP_IN_SHEATH_MM;
    const tangent = space && tipInSheath ? space.tangentNear(tip) : null;
    // A tip in a muscle belly: the fluid dissects along its fibres (muscleSpread.ts).
    const tipInMuscle = !tipInSheath && isMuscleLabel(label);
    // A tip in the fat under the skin: the fluid spreads in the subcutis's layer as a bleb.
    const towardSkin = tipInSheath ? null : towardSkinFrom(this.volume, start);
    // Distance outside the epineurium of a voxel in the paraneural space, Infinity elsewhere; as a
    // code (the space's cached byte, NOT_IN_SPACE) the front keeps with the voxel, with its label.
    const sheathCode = (i: number, label: number) => (space !== null && OPENABLE[label] === 1 ? space.codeAt(i) : NOT_IN_SPACE);
    const depthOfCode = (code: number) => (code === NOT_IN_SPACE ? Number.POSITIVE_INFINITY : distanceOfCode(code));
    // How far out the paraneural space reaches for this injection: the stretched sheath's reach
    // once the tip has pierced it; else only the unstretched sheath (the tissue beyond it is what
    // it is, and a tip there sits in it).
    const spaceReachMm = tipInSheath ? PARANEURAL_REACH_MM : TIP_IN_SHEATH_MM;
    // The fat pressed against the stretched sheath (beyond its reach, within its wall), for a voxel of `label` at `depth`.
    // Only a sheath the tip has inflated is tight; fluid from outside it meets plain fat.
    const sheathWallPsi = (label: number, depth: number) => (tipInSheath && depth > PARANEURAL_REACH_MM && Number.isFinite(depth) && !IS_MUSCLE[label] ? SHEATH_LEAK_PSI : 0);
    // The pressure lost pushing fluid from the tip to voxel i (not shown on the manometer).
    const flowPsi = (i: number, paraneural: boolean) => {
      const dx = origin.x + (i % nx) * h - tip.x;
      const dy = origin.y + (Math.floor(i / nx) % ny) * h - tip.y;
      const dz = origin.z + Math.floor(i / nxy) * h - tip.z;
      if (tipInMuscle && !paraneural && isMuscleLabel(labels[i])) return muscleFlowPsi(labels[i], dx, dy, dz);
      if (towardSkin && !paraneural && labels[i] === Label.fat) {
        const normal = Math.abs(dx * towardSkin.x + dy * towardSkin.y + dz * towardSkin.z);
        return SUBCUTIS_ALONG_PSI_PER_MM * Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - normal * normal)) + SUBCUTIS_DEPTH_PSI_PER_MM * normal;
      }
      if (!paraneural || !tangent) return PRESSURE_PER_MM_FROM_TIP_PSI * Math.sqrt(dx * dx + dy * dy + dz * dz);
      const along = dx * tangent.x + dy * tangent.y + dz * tangent.z;
      const around = Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - along * along));
      return PARANEURAL_ALONG_PSI_PER_MM * Math.abs(along) + PARANEURAL_AROUND_PSI_PER_MM * around;
    };
    // What opening voxel i takes, reached from voxel `from` (the manometer's part of the pressure).
    const openingPsi = (i: number, depth: number, from: number, fromInSpace: boolean) => {
      const filled = !onEmptyField && this.field.fill[i] > 0;
      if (depth > spaceReachMm) {
        if (filled) return 0;
        const fromSpace = fromInSpace && from !== i;
        const crossing = fromSpace ? (IS_MUSCLE[labels[i]] ? FASCIA_CROSSING_PSI : IS_NERVE_INSIDE[labels[i]] ? EPINEURIUM_CROSSING_PSI : 0) : crossingPressurePsi(labels[from], labels[i]);
        return this.entryPressure(i) + crossing + sheathWallPsi(labels[i], depth);
      }
      const stretch = PARANEURAL_OPENING_PSI + PARANEURAL_STRETCH_PSI_PER_MM * depth;
      if (filled) return 0;
      if (from === i || fromInSpace) return tipInSheath ? stretch : stretch + SHEATH_CROSSING_PSI;
      // Into the sheath from outside it: through the muscle's fascia or the sheath itself.
      return stretch + (IS_MUSCLE[labels[from]] ? FASCIA_CROSSING_PSI : IS_NERVE_INSIDE[labels[from]] ? EPINEURIUM_CROSSING_PSI : SHEATH_CROSSING_PSI);
    };
    const againstNerve = space !== null && space.distanceAtMm(tip.x, tip.y, tip.z) <= NERVE_CONTACT_MM;
    // The epineurium holds against fluid from outside it, whatever the pressure: only a tip in the
    // nerve puts injectate inside it (the sheath and the fat round it give way first).
    const tipInNerve = IS_NERVE_TISSUE[label] === 1 || label === Label.epineurium;
    const visit = (i: number, from: number, fromInSpace: boolean) => {
      seen.add(i);
      const label = labels[i];
      if (!tipInNerve && (IS_NERVE_TISSUE[label] === 1 || label === Label.epineurium)) return;
      const code = sheathCode(i, label);
      const depth = depthOfCode(code);
      const opening = openingPsi(i, depth, from, fromInSpace);
      // Tagged with its label and sheath code: the pop reads neither grid again.
      front.push((i === start && againstNerve && this.field.fill[i] === 0 ? Math.max(opening, NERVE_CONTACT_OPENING_PSI) : opening) + flowPsi(i, depth <= spaceReachMm), i, label | (code << 8));
    };
    if (!continuing) visit(start, start, false);
    this.continuation = { start, front, onEmptyField, partial };
    let openingPressurePsi = 0;
    let intraneural = false;
    const size = this.field.fill.length;
    let last = -1;
    let lastFill = 0;
    let lastTag = 0;
    // What this injection fills, written once the front stops (pendingFill.ts).
    const pending = pendingFill;
    pending.count = 0;
    // Where this injection's units went: the paraneural space, muscle outside it, anywhere else.
    const placed = { paraneural: 0, muscle: 0, other: 0 };
    while (remaining > 0 && front.size > 0) {
      const pressure = front.peekKey();
      if (!Number.isFinite(pressure)) break;
      const i = front.pop();
      const tag = front.poppedTag;
      const label = tag & 0xff;
      last = i;
      lastTag = tag;
      let had = 0;
      if (!onEmptyField) had = fill[i];
      else if (partial.length > 0) {
        const at = partial.indexOf(i);
        if (at >= 0) {
          had = fill[i];
          partial.splice(at, 1);
        }
      }
      const room = FULL - had;
      lastFill = had;
      // Where i lies against the sheath: as the front found it when it reached i.
      const depth = depthOfCode(tag >>> 8);
      const here = depth <= spaceReachMm;
      if (room > 0) {
        const amount = Math.min(room, remaining);
        if (here) placed.paraneural += amount;
        else if (isMuscleLabel(label)) placed.muscle += amount;
        else placed.other += amount;
        lastFill = had + amount;
        pending.add(i, lastFill);
        remaining -= amount;
        // What the trainee's manometer shows: the tissue's opening pressure, not the flow's nor
        // the tight sheath's (the tip's plane opened at the sheath's pressure; the wall only
        // decides where the fluid goes, so a leak does not read as a stiff plane).
        const opening = pressure - flowPsi(i, here) - (room === FULL ? sheathWallPsi(label, depth) : 0);
        if (opening > openingPressurePsi) openingPressurePsi = opening;
        if (IS_NERVE_TISSUE[label] === 1) intraneural = true;
      }
      if (lastFill < FULL) continue;
      // Full: the front moves on to its six neighbours.
      const x = i % nx;
      const y = Math.floor(i / nx) % ny;
      if (x > 0 && !seen.has(i - 1)) visit(i - 1, i, here);
      if (x < nx - 1 && !seen.has(i + 1)) visit(i + 1, i, here);
      if (y > 0 && !seen.has(i - nx)) visit(i - nx, i, here);
      if (y < ny - 1 && !seen.has(i + nx)) visit(i + nx, i, here);
      if (i >= nxy && !seen.has(i - nxy)) visit(i - nxy, i, here);
      if (i + nxy < size && !seen.has(i + nxy)) visit(i + nxy, i, here);
    }
    // A voxel left part full stays at the head of the front for the next step.
    if (last >= 0 && lastFill > 0 && lastFill < FULL) {
      front.push(flowPsi(last, depthOfCode(lastTag >>> 8) <= spaceReachMm), last, lastTag);
      if (onEmptyField) partial.push(last);
    }
    for (let k = 0; k < pending.count; k++) {
      const i = pending.voxels[k];
      fill[i] = pending.fill[k];
      this.warp.markWet(i, pending.fill[k]);
      this.growBox(i % nx, Math.floor(i / nx) % ny, Math.floor(i / nxy));
    }
    this.warp.update();
    if (remaining > 0) {
      this.releaseContinuation();
      throw new RangeError('No tissue around the tip will take the injectate');
    }
    const fluidPlane = intraneural ? 'intraneural' : fluidPlaneOf(towardSkin !== null, tipInSheath, placed);
    return { injectedMl: ml, openingPressurePsi, intravascularMl: 0, intraneural, fluidPlane };
  }

  private releaseContinuation(): void {
    if (!this.continuation) return;
    this.seen.clear();
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

  /** Entry pressure of an empty voxel (filled ones are open: the caller has returned 0 for them), with seeded scatter. */
  private entryPressure(i: number): number {
    const label = this.volume.labels[i];
    const base = ENTRY_PRESSURE_PSI[label];
    if (!Number.isFinite(base) || label === Label.fluid) return base;
    const { nx, ny, origin, spacingMm: h } = this.field.grid;
    const x = i % nx;
    const y = Math.floor(i / nx) % ny;
    const z = Math.floor(i / (nx * ny));
    const scatter = hash3(x, y, z, this.seed) - 0.5;
    // Muscle opens along its septa before its fibre bundles (muscleSpread.ts).
    const septa = isMuscleLabel(label) ? perimysiumShare(label, origin.x + x * h, origin.y + y * h, origin.z + z * h) : 1;
    return base * septa * (1 + 2 * ENTRY_PRESSURE_SCATTER * scatter);
  }
}
