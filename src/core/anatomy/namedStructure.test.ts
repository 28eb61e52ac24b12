import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from './knee';
import { NerveStructure } from './nerve';
import { Label } from './tissues';
import * as g from './kneeGeometry';
import { NERVE_NAMES, STRUCTURE_TITLES_EN, isNerveName, structureAt, structureHitAt, wholeStructureName } from './namedStructure';
import { seededRandom } from '../random';

const knee = new KneeAnatomy();

describe('the structure at a point', () => {
  it('names the CPN by its parts: fascicles or the epineurium between them at its centre', () => {
    for (const s of [-20, 0, 20]) {
      const centre = knee.nerveAt(s)!.centre;
      expect(['fascicle', 'interfascicularEpineurium'], `s = ${s}`).toContain(structureAt(knee, centre));
      expect(structureHitAt(knee, centre).structure).toBe('commonPeronealNerve');
    }
  });

  it('names the CPN’s sheath and epineurium just inside its surface', () => {
    const { centre, tangent, areaMm2 } = knee.nerveAt(0)!;
    // A direction across the nerve (perpendicular to its course), toward the skin.
    const across = { x: -tangent.x * tangent.z, y: -tangent.y * tangent.z, z: 1 - tangent.z * tangent.z };
    const n = Math.hypot(across.x, across.y, across.z);
    const radius = Math.sqrt(areaMm2 / Math.PI);
    const at = (r: number) => ({ x: centre.x + (across.x / n) * r, y: centre.y + (across.y / n) * r, z: centre.z + (across.z / n) * r });
    const parts = [0.3, 0.6, 0.8, 0.95, 1.02].map((f) => structureAt(knee, at(radius * f)));
    expect(parts.some((p) => p === 'epineurium' || p === 'paraneuralSheath')).toBe(true);
    expect(parts.every((p) => ['fascicle', 'interfascicularEpineurium', 'epineurium', 'paraneuralSheath'].includes(p))).toBe(true);
  });

  it('names the lateral sural cutaneous nerve under the skin whole, and the other nerves too', () => {
    expect(structureAt(knee, g.suralNervePoints[2])).toBe('lateralSuralCutaneousNerve');
    expect(structureAt(knee, g.suralNervePoints[3])).toBe('lateralSuralCutaneousNerve');
    expect(structureHitAt(knee, g.suralNervePoints[2]).label).toMatch(/^(fascicle|interfascicularEpineurium|epineurium)$/);
    expect(structureAt(knee, knee.landmarks.tibialNerve)).toBe('tibialNerve');
    expect(structureAt(knee, g.deepPeronealPoints[1])).toBe('deepPeronealNerve');
  });

  it('names everything else by its label: bone, tendon, muscle, vessels, fat, outside', () => {
    expect(structureAt(knee, g.fibulaHead.centre)).toBe('fibula');
    expect(structureAt(knee, g.bicepsTendon.points[2])).toBe('bicepsFemorisTendon');
    expect(structureAt(knee, g.gastrocnemiusLateral.points[3])).toBe('gastrocnemiusLateral');
    expect(structureAt(knee, knee.landmarks.poplitealArtery)).toBe('poplitealArtery');
    expect(structureAt(knee, g.poplitealVein.points[2])).toBe('poplitealVein');
    expect(structureAt(knee, knee.landmarks.genicularArtery)).toBe('genicularArtery');
    expect(structureAt(knee, { x: 0, y: 0, z: 200 })).toBe('outside');
  });

  it('knows every nerve of the anatomy by name', () => {
    const named = knee.structures.filter((s) => s instanceof NerveStructure).map((s) => wholeStructureName(knee, s, 'epineurium'));
    expect([...named].sort()).toEqual([...NERVE_NAMES].sort());
    for (const name of NERVE_NAMES) expect(STRUCTURE_TITLES_EN[name]).toMatch(/nerve$/);
  });

  it('always agrees with the label volume’s labelAt (the same walk over the structures)', () => {
    const random = seededRandom(7);
    const r = knee.region;
    for (let i = 0; i < 2000; i++) {
      const p = { x: r.min.x + random() * (r.max.x - r.min.x), y: r.min.y + random() * (r.max.y - r.min.y), z: r.min.z + random() * (r.max.z - r.min.z) };
      const hit = structureHitAt(knee, p);
      expect(Label[hit.label], `${p.x},${p.y},${p.z}`).toBe(knee.labelAt(p));
      if (isNerveName(hit.structure)) expect(['fascicle', 'interfascicularEpineurium', 'epineurium', 'paraneuralSheath']).toContain(hit.label);
    }
  });
});
