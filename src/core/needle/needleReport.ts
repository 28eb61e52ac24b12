import type { Vec3 } from '../math/vec3';
import type { TissueType } from '../anatomy/tissues';
import type { StructureName } from '../anatomy/namedStructure';
import type { NeedleContact } from './needle';

/**
 * The needle as the probe sees it: what the worker's session reports after every event, what the
 * store mirrors and what the automation API's needle() returns (one definition for all three).
 */
export interface NeedleReport {
  tip: Vec3;
  tissueAtTip: TissueType;
  inPlane: boolean;
  tipVisible: boolean;
  angleToBeamDeg: number;
  /**
   * Everything the needle met since it was inserted, each with the structure it was, in
   * `structureAt`'s names but with every nerve whole: 'commonPeronealNerve',
   * 'lateralSuralCutaneousNerve', 'tibialNerve', ..., 'poplitealArtery', 'fibula', 'skin', ...
   */
  contacts: { kind: NeedleContact; insertedMm: number; structure: StructureName }[];
}
