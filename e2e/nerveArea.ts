/**
 * A sonographer's cross-sectional area from a short-axis B-mode frame, traced inside the bright
 * epineurial rim: along 36 rays from the nerve's centre, the edge is where the grey climbs half-way
 * from the dark inside to the rim's peak; the area is the polygon through those points (mm²).
 * Works on the displayed frame, as a person would trace it.
 */
export function traceNerveAreaMm2(frame: { width: number; height: number; widthMm: number; depthMm: number; pixels: Uint8Array }, centre: { col: number; row: number }): number {
  const mmPerCol = frame.widthMm / frame.width;
  const mmPerRow = frame.depthMm / frame.height;
  const grey = (xMm: number, yMm: number) => {
    const c = Math.round(centre.col + xMm / mmPerCol - 0.5);
    const r = Math.round(centre.row + yMm / mmPerRow - 0.5);
    if (c < 0 || r < 0 || c >= frame.width || r >= frame.height) return 0;
    // A 3×3 mean: speckle is finer than the rim.
    let sum = 0;
    let n = 0;
    for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) {
      const cc = c + dc;
      const rr = r + dr;
      if (cc >= 0 && rr >= 0 && cc < frame.width && rr < frame.height) {
        sum += frame.pixels[rr * frame.width + cc];
        n++;
      }
    }
    return sum / n;
  };
  const RAYS = 36;
  // The nerve's dark inside, near its centre.
  let inside = 0;
  for (let k = 0; k < 8; k++) inside += grey(Math.cos(k) * 0.3, Math.sin(k) * 0.3);
  inside /= 8;
  const radii: number[] = [];
  for (let k = 0; k < RAYS; k++) {
    const a = (2 * Math.PI * k) / RAYS;
    const along = (rMm: number) => grey(Math.cos(a) * rMm, Math.sin(a) * rMm);
    let peak = 0;
    let peakR = 0;
    for (let rMm = 0.8; rMm <= 3.6; rMm += 0.05) {
      const g = along(rMm);
      if (g > peak) {
        peak = g;
        peakR = rMm;
      }
    }
    // The inner border of the rim: where the grey climbs half-way from the inside to the peak.
    let edge = peakR;
    while (edge > 0.5 && along(edge - 0.05) > (inside + peak) / 2) edge -= 0.05;
    radii.push(edge);
  }
  // A median over neighbouring rays: one speckle-bright ray must not bulge the outline.
  const smoothed = radii.map((_, k) => {
    const window = [-2, -1, 0, 1, 2].map((d) => radii[(k + d + RAYS) % RAYS]).sort((x, y) => x - y);
    return window[2];
  });
  const points = smoothed.map((r, k) => ({ x: Math.cos((2 * Math.PI * k) / RAYS) * r, y: Math.sin((2 * Math.PI * k) / RAYS) * r }));
  let area = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    const q = points[(i + 1) % points.length];
    area += p.x * q.y - q.x * p.y;
  }
  return Math.abs(area) / 2;
}
