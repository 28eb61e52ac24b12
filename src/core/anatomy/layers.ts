import type { Vec3 } from '../math/vec3';
import { type LabelId, Label } from './tissues';
import type { Box } from './sdf';
import type { Structure } from './structure';
import type { SkinEnvelope } from './skinEnvelope';
import { ellipticCylinderDistance } from './sdf';
import { limbOutline, SKIN_THICKNESS_MM } from './kneeGeometry';

/** The skin field is a smooth union of near-distances read back trilinearly: not quite a distance. */
const SKIN_FIELD_LIPSCHITZ = 1.8;

/** The skin: a shell of SKIN_THICKNESS_MM under the envelope's surface. */
export class SkinShell implements Structure {
  readonly name = 'skin';
  readonly lipschitz = SKIN_FIELD_LIPSCHITZ;
  readonly label: LabelId = Label.skin;
  readonly hasInnerParts = false;
  constructor(private readonly envelope: SkinEnvelope, readonly bounds: Box) {}
  private readonly halfThickness = SKIN_THICKNESS_MM / 2;
  distance(p: Vec3): number {
    const half = this.halfThickness;
    return Math.abs(this.envelope.distance(p) + half) - half;
  }
  nearDistance(p: Vec3): number {
    return this.distance(p);
  }
  classify(): LabelId {
    return this.label;
  }
}

/** Everything inside the skin that no other structure claims is subcutaneous or fossa fat. */
export class SubcutaneousFat implements Structure {
  readonly name = 'subcutaneous fat';
  readonly lipschitz = SKIN_FIELD_LIPSCHITZ;
  readonly label: LabelId = Label.fat;
  readonly hasInnerParts = false;
  constructor(private readonly envelope: SkinEnvelope, readonly bounds: Box) {}
  distance(p: Vec3): number {
    return this.envelope.distance(p);
  }
  nearDistance(p: Vec3): number {
    return this.distance(p);
  }
  classify(): LabelId {
    return this.label;
  }
}

/**
 * The anterior and lateral compartments and popliteus, as one muscle mass deep to the limb's
 * outline (anterior of a coronal plane just behind the tibia), so that the deep image is muscle
 * rather than fat.
 */
export class DeepMuscle implements Structure {
  readonly name = 'deep muscle';
  readonly lipschitz = 1;
  readonly label: LabelId = Label.deepMuscle;
  readonly hasInnerParts = false;
  private static readonly posteriorLimitZ = -2;
  constructor(private readonly depthBelowOutlineMm: number, readonly bounds: Box) {}
  private readonly outline = { ...limbOutline };
  distance(p: Vec3): number {
    const o = this.outline;
    const inOutline = ellipticCylinderDistance(p, o.centreX, o.centreZ, o.radiusX, o.radiusZ) + this.depthBelowOutlineMm;
    return Math.max(inOutline, p.z - DeepMuscle.posteriorLimitZ);
  }
  nearDistance(p: Vec3): number {
    return this.distance(p);
  }
  classify(): LabelId {
    return this.label;
  }
}
