import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { placeProbe } from '../probe/placement';
import { probeFrame, ScanGeometry } from '../probe/scanGeometry';
import { acquisitionGeometry } from '../imaging/imageGeometry';
import { NerveDeformation, DeformedSource, swellingFor } from './nerveDeformation';

const knee = new KneeAnatomy();

describe('intraneural swelling', () => {
  const s0 = knee.nerveSAtLevel(-5);
  const span = swellingFor(0.3, s0 - 5, s0 + 5)!;
  const scan = new ScanGeometry(knee, probeFrame(knee, placeProbe(knee, { centre: knee.landmarks.cpnAtFibularHead, rotationDeg: 0, compressionMm: 1 })), acquisitionGeometry(30, 256, 375));
  const swelling = new NerveDeformation(knee, scan, { swelling: span, lift: null });

  it('swells the area by ~45% at full volume, less with less', () => {
    expect(span.areaFactor).toBeCloseTo(1.45, 5);
    expect(swellingFor(0.1, 0, 1)!.areaFactor).toBeLessThan(1.2);
    expect(swellingFor(0, 0, 1)).toBeNull();
  });

  it('shows nerve where fat was, just outside the resting nerve, within the swollen stretch only', () => {
    const n = knee.nerveAt(s0)!;
    const r = Math.sqrt(n.areaMm2 / Math.PI);
    const out = { x: 0, y: 0, z: 0 };
    const justOutside = { x: n.centre.x, y: n.centre.y, z: n.centre.z + r + 0.2 };
    expect(knee.tissueAt(justOutside)).not.toBe('nerve');
    expect(swelling.source(justOutside, out)).toBe(DeformedSource.Nerve);
    expect(['nerve', 'epineurium', 'sheath']).toContain(knee.tissueAt(out));
    const far = knee.nerveAt(s0 + 20)!.centre;
    expect(swelling.source({ ...far, z: far.z + r + 0.4 }, out)).toBe(DeformedSource.Unchanged);
  });

  it('traces only rows near the nerve in the image', () => {
    const lines = [...swelling.rowEnd].map((end, i) => end - swelling.rowStart[i]).filter((n) => n > 0);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.length).toBeLessThan(120);
  });
});
