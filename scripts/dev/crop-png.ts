// Developer aid: crops and enlarges a region of a PNG (nearest neighbour) for a close look.
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
const [input, output, x0, y0, w, h, k = '4'] = process.argv.slice(2);
const src = PNG.sync.read(readFileSync(input));
const [X, Y, W, H, K] = [x0, y0, w, h, k].map(Number);
const out = new PNG({ width: W * K, height: H * K });
for (let y = 0; y < H * K; y++) for (let x = 0; x < W * K; x++) {
  const si = ((Y + Math.floor(y / K)) * src.width + X + Math.floor(x / K)) * 4;
  out.data.set(src.data.subarray(si, si + 4), (y * W * K + x) * 4);
}
writeFileSync(output, PNG.sync.write(out));
