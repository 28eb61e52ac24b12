import type { TissueWarp } from '../fluid/tissueWarp';
import type { NerveDeformationSpec } from './nerveDeformation';
import type { NeedleSegment } from './needleEcho';

/** What the echo field draws beside the anatomy: injectate, the needle, the nerve moved or swollen. */
export interface EchoOptions {
  /** Injectate share of each voxel (0–255), laid out as the label volume. */
  fluid?: Uint8Array | null;
  needle?: NeedleSegment | null;
  /** The nerve swollen by intraneural injectate, or pushed aside by fluid beside it. */
  nerveDeformation?: NerveDeformationSpec | null;
  /** Fluid has opened the plane of the scar: the nerve no longer moves with the gastrocnemius. */
  adhesionReleased?: boolean;
  /**
   * The tissue pushed aside by the injectate (fluid/tissueWarp.ts): labels are read where the
   * tissue now shown came from, and the injectate where the warp puts it (instead of `fluid`).
   */
  tissueWarp?: TissueWarp | null;
}
