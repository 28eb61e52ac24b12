// Developer aid: a hash of a few B-mode frames, to check a refactor changes no pixel.
import { createHash } from 'node:crypto';
import { KneeAnatomy } from '../../src/core/anatomy/knee';
import { voxelise } from '../../src/core/anatomy/voxelise';
import { placeProbe } from '../../src/core/probe/placement';
import { BModeImager } from '../../src/core/ultrasound/bmode';
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
const knee = new KneeAnatomy({ adhesionToGastrocnemius: true });
const imager = new BModeImager(knee, voxelise(knee));
const h = createHash('sha256');
for (const [landmark, rotationDeg, compressionMm, skinDragMm] of [['cpnAtFibularHead', 0, 1, 0], ['cpnAtFibularHead', 90, 3, 1.5], ['poplitealArtery', 0, 5, 0]] as const) {
  const p = knee.landmarks[landmark];
  const pose = { ...placeProbe(knee, { centre: landmark === 'poplitealArtery' ? { ...p, x: p.x + 5, z: p.z + 24 } : p, rotationDeg, compressionMm }), skinDragMm };
  h.update(imager.form(pose, { ...defaultScannerSettings, timeSeconds: 0.3 }).pixels);
}
console.log(h.digest('hex'));
