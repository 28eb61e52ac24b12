import type { KneeAnatomy } from '../anatomy/knee';
import type { LabelVolume } from '../anatomy/voxelise';
import type { ScanGeometry } from '../probe/scanGeometry';
import {
  ECHO, TEXTURE, RING_DECAY, TEXTURE_REUSE_MM, PERINEURAL_FAT_MM, PERINEURAL_FAT_GAIN,
  OUTSIDE, FAT, FLUID, INTERFASCICULAR, FASCICLE, IS_BONE, IS_VESSEL, IS_FIBROUS,
} from './echoTables';
import { interfaceCosine } from './echoGeometry';
import { InterfaceReflection } from './interfaceEcho';
import { scattererHash } from './scatterers';
import type { ScannerSettings } from './scannerSettings';
import { VesselDynamics } from './vesselDynamics';
import { DeformedSource } from './nerveDeformation';
import type { EchoOptions } from './echoOptions';
import { addNeedle, type NeedleSegment } from './needleEcho';
import { textureGain } from './tissueTexture';
import { IS_NERVE_PART } from './nerveImaging';
import { echoFrame, SAMPLE_SCRATCH } from './echoFrame';

export type { NeedleSegment };
export type { EchoOptions };

/**
 * Echoes along every scan line before the point-spread function blurs them: complex amplitudes
 * (a baseband model: envelope detection after the PSF gives Rayleigh speckle of the right size).
 *
 * - Scatterers are fixed in tissue: a hashed lattice in limb coordinates, so speckle moves with
 *   the anatomy when the probe slides and decorrelates when the slice moves out of plane.
 * - Two positions across the slice thickness are sampled, so structures partly in the slice
 *   appear partly.
 * - Interfaces reflect specularly: |ΔZ/ΣZ| times a lobe in the angle between the beam and the
 *   surface normal, and pass on only what they transmit.
 * - Attenuation accumulates along the line (round trip, per tissue, ∝ frequency): shadow behind
 *   bone, enhancement behind fluid fall out of it.
 */
export class EchoField {
  re: Float32Array = new Float32Array(0);
  im: Float32Array = new Float32Array(0);
  /** Per scan line, the first sample from which the line is silent (all zero, below a shadow): the point-spread function skips it. */
  silentFrom: Int32Array = new Int32Array(0);
  private vessels: { knee: KneeAnatomy; dynamics: VesselDynamics } | null = null;

  private vesselsFor(knee: KneeAnatomy): VesselDynamics {
    if (this.vessels?.knee !== knee) this.vessels = { knee, dynamics: new VesselDynamics(knee) };
    return this.vessels.dynamics;
  }

  /**
   * Echoes of scan lines [lineFrom, lineTo) (all by default). Below `negligibleAmplitude` of
   * what the beam still carries (deep in a bone's shadow) a line is left silent: it could not
   * show over the receiver's noise.
   */
  form(knee: KneeAnatomy, volume: LabelVolume, scan: ScanGeometry, settings: ScannerSettings, options: EchoOptions = {}, negligibleAmplitude = 0, lineFrom = 0, lineTo = scan.image.cols): void {
    const lines = scan.image.cols;
    const samples = scan.image.rows;
    const n = lines * samples;
    if (this.re.length !== n) {
      this.re = new Float32Array(n);
      this.im = new Float32Array(n);
    }
    if (this.silentFrom.length !== lines) this.silentFrom = new Int32Array(lines);
    const { re, im, silentFrom } = this;
    const { origin, spacingMm: h, nx, ny, nz, labels } = volume;
    const nxy = nx * ny;
    const frame = echoFrame(knee, volume, scan, settings, options, this.vesselsFor(knee));
    const { motion, deformation, cpn, fibres, labelAt, labelAtScratch, labelAtScratchVoxel, withMovingWallsAtScratch, sliceHalf, lnDecayPerMm, fatShiftBySample, ride } = frame;
    const inv = 1 / h;
    const ox0 = origin.x;
    const oy0 = origin.y;
    const oz0 = origin.z;
    const { x: bx, y: by, z: bz } = scan.frame.beamAxis;
    const { x: ex, y: ey, z: ez } = scan.frame.elevationAxis;
    const { x: ax, y: ay, z: az } = scan.frame.arrayAxis;
    const beam = scan.frame.beamAxis;
    const tissueDepth = scan.tissueDepthMm;
    const avx = ax * inv;
    const avy = ay * inv;
    const avz = az * inv;
    const bvx = bx * inv;
    const bvy = by * inv;
    const bvz = bz * inv;
    const imagePoint = { x: 0, y: 0, z: 0 };
    const tissuePoint = { x: 0, y: 0, z: 0 };
    const deformedPoint = { x: 0, y: 0, z: 0 };
    const reflection = new InterfaceReflection();
    const at = SAMPLE_SCRATCH;
    // Without warp or injectate, a point inside the fine volume is read right here, not through a call.
    const plainVolume = frame.warp === null && frame.fluid === null;
    const nxEdge = nx - 0.5;
    const nyEdge = ny - 0.5;
    const nzEdge = nz - 0.5;
    const sampleSpacingMm = scan.image.sampleSpacingMm;
    const cpnRowStart = cpn.rowStart;
    const cpnRowEnd = cpn.rowEnd;
    for (let line = lineFrom; line < lineTo; line++) {
      const base = line * samples;
      const entry = scan.entryMm[line];
      if (Number.isNaN(entry)) {
        re.fill(0, base, base + samples);
        im.fill(0, base, base + samples);
        silentFrom[line] = 0;
        continue;
      }
      const o = { ...scan.lineOrigin(scan.lateralMm(line + 0.5)) };
      o.x += ride.x;
      o.y += ride.y;
      o.z += ride.z;
      const ovx = (o.x - ox0) * inv;
      const ovy = (o.y - oy0) * inv;
      const ovz = (o.z - oz0) * inv;
      let previous: number = OUTSIDE;
      let transmitted = 1;
      let attenuation = 1;
      let previousDepth = 0;
      // A strong reflector rings for a few samples (pulse length, reverberation in the cortex).
      let ringing = 0;
      let ringDecay = RING_DECAY;
      let texturedLabel = -1;
      let texturedDepth = 0;
      let gain = -1;
      fibres.newLine();
      silentFrom[line] = samples;
      const cpnFrom = cpnRowStart[line];
      const cpnTo = cpnRowEnd[line];
      for (let s = 0; s < samples; s++) {
        // Only ever weaker further down: the rest of the line is silent.
        if (transmitted * attenuation < negligibleAmplitude) {
          re.fill(0, base + s, base + samples);
          im.fill(0, base + s, base + samples);
          silentFrom[line] = s;
          break;
        }
        const t = entry + tissueDepth[s];
        let px = o.x + bx * t;
        let py = o.y + by * t;
        let pz = o.z + bz * t;
        let vx = ovx + bvx * t;
        let vy = ovy + bvy * t;
        let vz = ovz + bvz * t;
        let label: number;
        if (motion.dragging) {
          // The fat at this depth has moved with the skin: read the tissue from where it came.
          const shift = fatShiftBySample[s];
          imagePoint.x = px;
          imagePoint.y = py;
          imagePoint.z = pz;
          px -= ax * shift;
          py -= ay * shift;
          pz -= az * shift;
          vx -= avx * shift;
          vy -= avy * shift;
          vz -= avz * shift;
          at[0] = vx;
          at[1] = vy;
          at[2] = vz;
          label = labelAtScratchVoxel();
        } else {
          imagePoint.x = px;
          imagePoint.y = py;
          imagePoint.z = pz;
          if (plainVolume && vx >= -0.5 && vy >= -0.5 && vz >= -0.5 && vx < nxEdge && vy < nyEdge && vz < nzEdge) label = labels[((vx + 0.5) | 0) + nx * ((vy + 0.5) | 0) + nxy * ((vz + 0.5) | 0)];
          else {
            at[0] = vx;
            at[1] = vy;
            at[2] = vz;
            label = labelAtScratchVoxel();
          }
        }
        let deformed = false;
        if (deformation && s >= deformation.rowStart[line] && s < deformation.rowEnd[line]) {
          deformedPoint.x = px;
          deformedPoint.y = py;
          deformedPoint.z = pz;
          const source = deformation.source(deformedPoint, tissuePoint);
          if (source === DeformedSource.Nerve) {
            deformed = true;
            px = tissuePoint.x;
            py = tissuePoint.y;
            pz = tissuePoint.z;
            vx = (px - ox0) * inv;
            vy = (py - oy0) * inv;
            vz = (pz - oz0) * inv;
            at[0] = vx;
            at[1] = vy;
            at[2] = vz;
            label = labelAtScratchVoxel();
          } else if (source === DeformedSource.Vacated) {
            deformed = true;
            label = FLUID;
          }
        }
        if (!deformed && motion.moves(label)) {
          at[3] = tissueDepth[s];
          label = motion.source(imagePoint, at[3], labelAt, tissuePoint);
          px = tissuePoint.x;
          py = tissuePoint.y;
          pz = tissuePoint.z;
          vx = (px - ox0) * inv;
          vy = (py - oy0) * inv;
          vz = (pz - oz0) * inv;
        }
        if (IS_VESSEL[label] === 1) {
          at[0] = px;
          at[1] = py;
          at[2] = pz;
          label = withMovingWallsAtScratch(label);
        }
        // The CPN at the image's resolution, not the voxels' (fluid in the voxels stands).
        const nearCpn = s >= cpnFrom && s < cpnTo;
        const e = sliceHalf[s];
        const oex = ex * e;
        const oey = ey * e;
        const oez = ez * e;
        if (nearCpn) {
          at[0] = px;
          at[1] = py;
          at[2] = pz;
          at[4] = oex;
          at[5] = oey;
          at[6] = oez;
          cpn.classify(at);
          if (label !== FLUID) {
            if (cpn.centrePart >= 0) label = cpn.centrePart;
            else if (IS_NERVE_PART[label] === 1 && cpn.outsideMm[0] < 0.5) label = FAT;
          }
        }
        // First-order decay per sample step (steps are a fraction of a mm): no exp in the loop.
        const decay = 1 - lnDecayPerMm[label] * (tissueDepth[s] - previousDepth);
        attenuation *= decay > 0 ? decay : 0;
        previousDepth = tissueDepth[s];
        let specular = 0;
        if (label !== previous) {
          if (previous !== OUTSIDE) {
            at[0] = px;
            at[1] = py;
            at[2] = pz;
            const cosine = interfaceCosine(labelAtScratch, at, h, label, beam);
            specular = reflection.meet(previous, label, cosine, sampleSpacingMm);
            ringDecay = reflection.ringDecay;
            // A tendon's surfaces are fibre bundles too: as anisotropic as its inside (not so a bone it lies on).
            if (IS_BONE[label] === 0 && IS_BONE[previous] === 0) {
              if (IS_FIBROUS[label] === 1) specular *= fibres.anisotropyAt(label, at);
              else if (IS_FIBROUS[previous] === 1) specular *= fibres.anisotropyAt(previous, at);
            }
            ringing = specular * ringDecay;
            transmitted *= reflection.transmission;
          }
          previous = label;
        }
        // Scatterers at two places across the slice thickness.
        let sumRe = 0;
        let sumIm = 0;
        for (let side = -1; side <= 1; side += 2) {
          const qx = px + oex * side;
          const qy = py + oey * side;
          const qz = pz + oez * side;
          const svx = vx + oex * side * inv;
          const svy = vy + oey * side * inv;
          const svz = vz + oez * side * inv;
          let l: number;
          if (plainVolume && svx >= -0.5 && svy >= -0.5 && svz >= -0.5 && svx < nxEdge && svy < nyEdge && svz < nzEdge) l = labels[((svx + 0.5) | 0) + nx * ((svy + 0.5) | 0) + nxy * ((svz + 0.5) | 0)];
          else {
            at[0] = svx;
            at[1] = svy;
            at[2] = svz;
            l = labelAtScratchVoxel();
          }
          at[0] = qx;
          at[1] = qy;
          at[2] = qz;
          if (IS_VESSEL[l] === 1) l = withMovingWallsAtScratch(l);
          let nerveEcho = 1;
          if (nearCpn && l !== FLUID) {
            const k = (side + 1) >> 1;
            const part = cpn.sidePart[k];
            if (part >= 0) {
              l = part;
              if (l === INTERFASCICULAR || l === FASCICLE) nerveEcho = cpn.insideEcho;
            } else if (IS_NERVE_PART[l] === 1 && cpn.outsideMm[k + 1] < 0.5) l = FAT;
            // The fat hugging a large nerve is echogenic: a bright ring that helps find it.
            if (l === FAT && cpn.outsideMm[k + 1] < PERINEURAL_FAT_MM) nerveEcho = PERINEURAL_FAT_GAIN;
          }
          const echo = ECHO[l];
          if (echo === 0) continue;
          // Textures are drawn at ≥ 0.15 mm: both places across the slice, and the next sample down
          // the line, share one look-up while they lie in one tissue.
          const texture = TEXTURE[l];
          if (l !== texturedLabel || tissueDepth[s] - texturedDepth > TEXTURE_REUSE_MM) {
            texturedLabel = l;
            texturedDepth = tissueDepth[s];
            gain = -1;
          }
          const fibrous = IS_FIBROUS[l] === 1;
          const fibre = fibrous ? fibres.axesAt(l, at) : null;
          const hash = scattererHash(qx, qy, qz, texture, fibre);
          if (gain < 0) {
            at[3] = tissueDepth[s];
            gain = textureGain(texture, l, at, fibre);
          }
          let a = echo * nerveEcho * gain;
          if (fibrous) a *= fibres.anisotropyAt(l, at);
          sumRe += a * ((hash & 0xffff) * INV_65535 - 0.5);
          sumIm += a * ((hash >>> 16) * INV_65535 - 0.5);
        }
        if (specular === 0 && ringing > 0.05) {
          specular = ringing;
          ringing *= ringDecay;
        }
        const amplitude = transmitted * attenuation;
        re[base + s] = amplitude * (sumRe + specular);
        im[base + s] = amplitude * sumIm;
      }
    }
    // The needle echoes where it lies, shadows or not.
    if (options.needle) {
      silentFrom.fill(samples, lineFrom, lineTo);
      addNeedle(options.needle, scan, settings, re, im, lineFrom, lineTo);
    }
  }
}

const INV_65535 = 1 / 65535;

