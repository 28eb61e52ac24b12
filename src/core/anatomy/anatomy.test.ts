import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from './knee';
import { CPN_NECK_BELOW_APEX_MM } from './parameters';
import { limbToWorld, worldToLimb } from './side';
import { seededRandom } from '../random';
import { distance } from '../math/vec3';
import { voxelise } from './voxelise';
import { Label } from './tissues';

const knee = new KneeAnatomy();

describe('CPN against anatomy.md', () => {
  it('has the parameter area at the fibular head, within 5%', () => {
    for (const area of [8.4, 11, 16]) {
      const k = area === 8.4 ? knee : new KneeAnatomy({ nerveAreaMm2: area });
      const s = k.nerveSAtLevel(k.landmarks.cpnAtFibularHead.y);
      expect(Math.abs(k.nerveAt(s)!.areaMm2 - area) / area).toBeLessThan(0.05);
    }
  });

  it('measures its area from the voxels too: the labelled volume of a slab across the nerve matches', () => {
    // The voxel volume the image, the needle and the fluid read (voxelise), at 0.1 mm round the
    // nerve at the fibular head: the CPN's voxels (epineurium and what it holds) in a slab 2 mm
    // thick along the limb are its volume there; divided by the thickness that is the section
    // across the limb, and times |tangent · Y| the section across the nerve itself.
    const c = knee.landmarks.cpnAtFibularHead;
    const spacingMm = 0.1;
    const slabMm = 2;
    const region = { min: { x: c.x - 4, y: c.y - slabMm / 2, z: c.z - 4 }, max: { x: c.x + 4, y: c.y + slabMm / 2, z: c.z + 4 } };
    const volume = voxelise(knee, { spacingMm, region, surroundings: false });
    const nerveLabels: number[] = [Label.epineurium, Label.interfascicularEpineurium, Label.fascicle];
    const nerveVoxels = volume.labels.reduce((count, label) => count + (nerveLabels.includes(label) ? 1 : 0), 0);
    // The slab must hold the whole section: no nerve voxel on its sides.
    for (let iy = 0; iy < volume.ny; iy++)
      for (let k = 0; k < volume.nx; k++) {
        for (const [ix, iz] of [[k, 0], [k, volume.nz - 1], [0, k], [volume.nx - 1, k]]) {
          expect(nerveLabels).not.toContain(volume.labels[ix + volume.nx * (iy + volume.ny * iz)]);
        }
      }
    const tangent = knee.nerveAt(knee.nerveSAtLevel(c.y))!.tangent;
    const areaMm2 = ((nerveVoxels * spacingMm ** 3) / (volume.ny * spacingMm)) * Math.abs(tangent.y);
    expect(Math.abs(areaMm2 - 8.4) / 8.4).toBeLessThan(0.05);
  });

  it('crosses the fibular neck about 20 mm below the apex of the head, lying on it', () => {
    const neck = knee.landmarks.cpnAtFibularNeck;
    expect(neck.y).toBeCloseTo(-CPN_NECK_BELOW_APEX_MM, 1);
    const boneGap = distance(neck, knee.landmarks.fibularNeck) - Math.sqrt(8.4 / Math.PI);
    expect(boneGap).toBeGreaterThan(0);
    expect(boneGap).toBeLessThan(3);
  });

  it('lies at the asked depth under the skin at the fibular neck', () => {
    for (const depth of [4, 6, 12]) {
      const k = depth === 6 ? knee : new KneeAnatomy({ nerveDepthMm: depth });
      const n = k.landmarks.cpnAtFibularNeck;
      expect(distance(n, k.projectOntoSkin(n))).toBeCloseTo(depth, 0);
    }
  });

  it('has the 5–9 fascicle groups of 0.5–1.0 mm that ultrasound resolves of its ~16 fascicles, ~30% of its area and a little more', () => {
    expect(knee.cpn.fascicles.length).toBeGreaterThanOrEqual(5);
    expect(knee.cpn.fascicles.length).toBeLessThanOrEqual(9);
    const share = knee.cpn.fascicles.reduce((sum, f) => sum + f.radius * f.radius, 0);
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThanOrEqual(0.4);
    const radius = knee.cpn.radiusAt(0);
    for (const f of knee.cpn.fascicles) {
      expect(2 * f.radius * radius).toBeGreaterThan(0.45);
      expect(2 * f.radius * radius).toBeLessThan(1.05);
    }
  });

  it('is oval, and flattened against the fibular neck', () => {
    const head = knee.cpn.sectionAt(0);
    const neck = knee.cpn.sectionAt(knee.nerveSAtLevel(-21));
    expect(head.halfWidthMm / head.halfThicknessMm).toBeGreaterThan(1.1);
    expect(neck.halfWidthMm / neck.halfThicknessMm).toBeGreaterThan(1.6);
    // The area is the case's: an ellipse of the same area as the circle of radiusAt.
    expect(Math.PI * neck.halfWidthMm * neck.halfThicknessMm).toBeCloseTo(knee.cpn.areaAt(knee.nerveSAtLevel(-21)), 5);
  });

  it('runs posterior to the fibular head and winds laterally round the neck', () => {
    const head = knee.landmarks.cpnAtFibularHead;
    const neck = knee.landmarks.cpnAtFibularNeck;
    expect(head.z).toBeGreaterThan(10); // behind the head (posterior)
    expect(neck.x).toBeGreaterThan(head.x + 3); // lateral at the neck
    expect(knee.landmarks.cpnDivision.y).toBeLessThan(-25);
  });

  it('passes behind the head, more medially, in the 29% variant', () => {
    const behind = new KneeAnatomy({ nerveCourse: 'behind-fibular-head' });
    expect(behind.landmarks.cpnAtFibularHead.x).toBeLessThan(knee.landmarks.cpnAtFibularHead.x - 4);
  });
});

describe('tissue at each landmark', () => {
  const expected: Record<string, string[]> = {
    cpnAtFibularHead: ['nerve'],
    cpnAtFibularNeck: ['nerve'],
    cpnProximal: ['nerve'],
    fibularTunnel: ['nerve'],
    tibialNerve: ['nerve'],
    poplitealArtery: ['vessel'],
    genicularArtery: ['vessel'],
    gastrocnemiusLateral: ['muscle'],
    bicepsTendonInsertion: ['bone', 'tendon'],
  };
  for (const [name, tissues] of Object.entries(expected)) {
    it(`${name} is ${tissues.join(' or ')}`, () => {
      expect(tissues).toContain(knee.tissueAt(knee.landmarks[name as keyof typeof knee.landmarks]));
    });
  }
  it('just inside the fibular neck is bone, just outside the skin is outside', () => {
    const neck = knee.landmarks.fibularNeck;
    expect(knee.tissueAt({ x: neck.x * 0.9, y: neck.y, z: neck.z * 0.9 })).toBe('bone');
    const skin = knee.projectOntoSkin(knee.landmarks.cpnAtFibularHead);
    const n = knee.skinNormal(skin);
    expect(knee.tissueAt({ x: skin.x + n.x, y: skin.y + n.y, z: skin.z + n.z })).toBe('outside');
    expect(knee.tissueAt({ x: skin.x - n.x * 0.7, y: skin.y - n.y * 0.7, z: skin.z - n.z * 0.7 })).toBe('skin');
  });
  it('the biceps femoris tendon lies lateral to the nerve above the head', () => {
    expect(knee.tissueAt({ x: 6, y: 18, z: 17 })).toBe('tendon');
  });
});

describe('left and right legs', () => {
  it('the left knee is the mirror image of the right in the world frame', () => {
    const left = new KneeAnatomy({ side: 'left' });
    const random = seededRandom(42);
    const r = knee.region;
    for (let i = 0; i < 400; i++) {
      const world = { x: r.min.x + random() * (r.max.x - r.min.x), y: r.min.y + random() * (r.max.y - r.min.y), z: r.min.z + random() * (r.max.z - r.min.z) };
      const mirrored = { ...world, x: -world.x };
      expect(left.tissueAt(worldToLimb(mirrored, 'left'))).toBe(knee.tissueAt(worldToLimb(world, 'right')));
    }
    expect(limbToWorld(left.landmarks.cpnAtFibularHead, 'left').x).toBeCloseTo(-knee.landmarks.cpnAtFibularHead.x, 6);
  });
});

describe('parameters', () => {
  it('refuses impossible knees with a clear message', () => {
    expect(() => new KneeAnatomy({ nerveAreaMm2: Number.NaN })).toThrow(/nerveAreaMm2/);
    expect(() => new KneeAnatomy({ nerveDepthMm: 1 })).toThrow(/nerveDepthMm must be a number from 4/);
  });
  it('adhesion puts scar between the nerve and the lateral gastrocnemius', () => {
    const adhered = new KneeAnatomy({ adhesionToGastrocnemius: true });
    const n = adhered.nerveAt(0)!.centre;
    const r = Math.sqrt(8.4 / Math.PI);
    const between = { x: n.x - r - 0.8, y: n.y, z: n.z };
    expect(adhered.tissueAt(between)).toBe('fibrous');
    expect(knee.tissueAt(between)).not.toBe('fibrous');
  });
});

