import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { KneeAnatomy } from '../core/anatomy/knee';
import { voxelise, type LabelVolume } from '../core/anatomy/voxelise';
import { decodeVolume, encodeVolume, type StoredVolume } from './volumeCodec';
import { expectSameVolume, smallVolume } from './testVolumes';

describe('volume codec', () => {
  it('gives back a voxelised knee byte for byte, fine labels and surroundings, in fewer bytes', () => {
    const fresh = voxelise(new KneeAnatomy(), { spacingMm: 1 });
    expect(fresh.surroundings).toBeDefined();
    const stored = encodeVolume(fresh);
    const decoded = decodeVolume(structuredClone(stored));
    expect(decoded).not.toBeNull();
    expectSameVolume(fresh, decoded!);
    const storedBytes = stored.runLabels.byteLength + stored.runLengths.byteLength + (stored.surroundings?.table.byteLength ?? 0);
    expect(storedBytes).toBeLessThan((fresh.labels.length + fresh.surroundings!.bricks.length) / 2);
  });

  it('round-trips volumes without surroundings and with runs across the fine labels and bricks', () => {
    const v = smallVolume(7);
    expectSameVolume(v, decodeVolume(encodeVolume(v))!);
    const bare: LabelVolume = { ...v, surroundings: undefined };
    delete bare.surroundings;
    expectSameVolume(bare, decodeVolume(encodeVolume(bare))!);
    const uniform: LabelVolume = { ...bare, labels: new Uint8Array(bare.labels.length).fill(3) };
    expect(encodeVolume(uniform).runLabels.length).toBe(1);
    expectSameVolume(uniform, decodeVolume(encodeVolume(uniform))!);
  });

  it('refuses records that are not whole: wrong shapes, unknown labels, runs that do not cover the volume', () => {
    const good = encodeVolume(smallVolume(3));
    const broken: unknown[] = [
      null,
      'volume',
      { ...good, format: 2 },
      { ...good, dims: [6, 5] },
      { ...good, dims: [60000, 60000, 60000] },
      { ...good, spacingMm: 0 },
      { ...good, origin: [0, NaN, 0] },
      { ...good, runLengths: good.runLengths.slice(1) },
      { ...good, runLabels: Array.from(good.runLabels) },
      { ...good, runLengths: good.runLengths.map((n, i) => (i === 0 ? n + 1 : n)) },
      { ...good, runLengths: good.runLengths.map((n, i) => (i === 0 ? n - 1 : n)) },
      { ...good, runLabels: good.runLabels.map((l, i) => (i === 0 ? 200 : l)) },
      { ...good, checksum: good.checksum ^ 1 },
      { ...good, surroundings: { ...good.surroundings!, table: good.surroundings!.table.map((t, i) => (i === 0 ? 5 : t)) } },
      { ...good, surroundings: { ...good.surroundings!, table: good.surroundings!.table.map((t, i) => (i === 0 ? -40 : t)) } },
      { ...good, surroundings: { ...good.surroundings!, brickBytes: 100 } },
      { ...good, surroundings: undefined },
    ];
    for (const record of broken) expect(decodeVolume(record)).toBeNull();
    expect(decodeVolume(good)).not.toBeNull();
  });

  it('any one damaged number in a stored record is refused or changes nothing', () => {
    const volume = smallVolume(11);
    fc.assert(
      fc.property(fc.constantFrom<'runLabels' | 'runLengths' | 'table'>('runLabels', 'runLengths', 'table'), fc.nat(), fc.integer({ min: -300, max: 300 }), (field, at, value) => {
        const stored = structuredClone(encodeVolume(volume)) as StoredVolume;
        const target = field === 'table' ? stored.surroundings!.table : stored[field];
        target[at % target.length] = value;
        const decoded = decodeVolume(stored);
        if (decoded) expectSameVolume(volume, decoded);
      }),
    );
  });
});
