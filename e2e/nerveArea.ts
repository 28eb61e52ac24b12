/**
 * A sonographer's cross-sectional area from a short-axis B-mode frame, traced inside the bright
 * epineurial rim: along 36 rays from the nerve's centre, the edge is where the grey first climbs
 * half-way from the dark inside to the rim's peak; the area is the polygon through those points (mm²).
 * Works on the displayed frame, as a person would trace it.
 */
export function traceNerveAreaMm2(frame: { width: number; height: number; widthMm: number; depthMm: number; pixels: Uint8Array }, centre: { col: number; row: number }): number {
  const mmPerCol = frame.widthMm / frame.width;
  const mmPerRow = frame.depthMm / frame.height;
  const grey = (xMm: number, yMm: number) => {
    const c = Math.round(centre.col + xMm / mmPerCol - 0.5);
    const r = Math.round(centre.row + yMm / mmPerRow - 0.5);
    if (c < 0 || r < 0 || c >= frame.width || r >= frame.height) return 0;
    // The anatomy view draws the rim sharp: no smoothing, which would blur a rim one or two pixels thick.
    return frame.pixels[r * frame.width + c];
  };
  const RAYS = 36;
  // The nerve's dark inside: the mean over a 0.6 mm disc at its centre (fascicle groups and the
  // tissue between them alike, not whichever one the centre happens to fall on).
  let inside = 0;
  let samples = 0;
  for (let x = -0.6; x <= 0.6; x += 0.15)
    for (let y = -0.6; y <= 0.6; y += 0.15)
      if (x * x + y * y <= 0.36) {
        inside += grey(x, y);
        samples++;
      }
  inside /= samples;
  const radii: number[] = [];
  for (let k = 0; k < RAYS; k++) {
    const a = (2 * Math.PI * k) / RAYS;
    const along = (rMm: number) => grey(Math.cos(a) * rMm, Math.sin(a) * rMm);
    let peak = 0;
    let peakR = 0;
    for (let rMm = 0.5; rMm <= 3.6; rMm += 0.05) {
      const g = along(rMm);
      if (g > peak) {
        peak = g;
        peakR = rMm;
      }
    }
    // The inner border of the rim: going out from the centre, where the grey first climbs half-way
    // from the inside to the peak (walking in from the peak stops early on a ring thinner than the blur).
    let edge = 0.5;
    while (edge < peakR && along(edge) < (inside + peak) / 2) edge += 0.05;
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
