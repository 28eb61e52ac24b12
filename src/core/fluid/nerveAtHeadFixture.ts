import { KneeAnatomy, type NerveSample } from '../anatomy/knee';
import { voxelise, type LabelVolume } from '../anatomy/voxelise';
import { CPN_AT_HEAD_LEVEL_Y } from '../anatomy/landmarks';
import type { Vec3 } from '../math/vec3';

/**
 * The default knee at the seed's injection site, the CPN at the fibular head, as the fluid and
 * hydrodissection-image tests use it: the nerve there, the skin's outward normal over it, the
 * radius of a circle of its area, and points a given distance from its centre along that normal
 * (positive: superficial).
 */
export interface NerveAtHead {
  knee: KneeAnatomy;
  volume: LabelVolume;
  /** Arc length of the CPN at the fibular head (mm). */
  site: number;
  nerve: NerveSample;
  up: Vec3;
  radius: number;
  fromNerve: (mm: number) => Vec3;
}

/** `levelY`: another level of the limb (mm) than the fibular head, for the dev figures. */
export function nerveAtHead(levelY = CPN_AT_HEAD_LEVEL_Y): NerveAtHead {
  const knee = new KneeAnatomy();
  const volume = voxelise(knee);
  const site = knee.nerveSAtLevel(levelY);
  const nerve = knee.nerveAt(site)!;
  const up = knee.skinNormal(knee.projectOntoSkin(nerve.centre));
  const radius = Math.sqrt(nerve.areaMm2 / Math.PI);
  const fromNerve = (mm: number): Vec3 => ({ x: nerve.centre.x + up.x * mm, y: nerve.centre.y + up.y * mm, z: nerve.centre.z + up.z * mm });
  return { knee, volume, site, nerve, up, radius, fromNerve };
}
