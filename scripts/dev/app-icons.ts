// Developer aid: draws the app's icons (public/icon-192.png, public/icon-512.png): the CPN in
// short axis — a bright-rimmed dark nerve over the fibular head's bright curve — on the dark panel colour.
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

for (const size of [192, 512]) {
  const png = new PNG({ width: size, height: size });
  const k = size / 192;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      let rgb = [15, 20, 25];
      const nerve = Math.hypot(x - 96 * k, y - 80 * k) / k;
      if (nerve < 30) rgb = [40, 40, 40];
      if (nerve >= 30 && nerve < 38) rgb = [242, 199, 24];
      for (const [fx, fy] of [[-10, -8], [9, -6], [0, 10], [-12, 10], [12, 9]]) if (Math.hypot(x - (96 + fx) * k, y - (80 + fy) * k) / k < 6) rgb = [90, 70, 10];
      const bone = Math.hypot(x - 96 * k, y - 250 * k) / k;
      if (bone > 118 && bone < 128 && y > 110 * k) rgb = [232, 232, 232];
      png.data.set([...rgb, 255], i);
    }
  }
  writeFileSync(`public/icon-${size}.png`, PNG.sync.write(png));
  console.log(`public/icon-${size}.png`);
}
