// Developer aid: the tissue under the injectate after the model attempt's 5 ml (atlas SA and LA):
// mean grey and share of saturated samples 0.3–3 mm below each anechoic run, against the same
// depths in lines without fluid. `npx tsx scripts/dev/posterior-enhancement.ts`
import { defaultScannerSettings } from '../../src/core/ultrasound/scannerSettings';
import { BModeImager } from '../../src/core/ultrasound/bmode';
import { posteriorEnhancement } from '../../src/core/ultrasound/posteriorEnhancement';
import { patient, hydrodissection } from '../atlas/scene';

const p = patient('normal-teaching-knee');
const h = hydrodissection();
const settings = { ...defaultScannerSettings, timeSeconds: 0 };
const views = { sa: h.savedPoses['short-axis-halo'] ?? h.shortAxisPose, la: h.savedPoses['long-axis-spread'] };
const imager = new BModeImager(p.knee, p.volume);
for (const [name, pose] of Object.entries(views)) {
  if (!pose) continue;
  const e = posteriorEnhancement(imager, p.knee, p.volume, pose, settings, h.after);
  console.log(name, JSON.stringify(e));
}
