/** What lies at the image's left (marker) and right edges, in the trainee's anatomical terms. */
export function planeSideLabels(rotationDeg: number): { left: string; right: string } {
  const r = ((rotationDeg % 360) + 360) % 360;
  // Rotation 0: the array runs medial → lateral; 90: distal → proximal.
  if (r < 45 || r >= 315) return { left: 'MED', right: 'LAT' };
  if (r < 135) return { left: 'DIST', right: 'PROX' };
  if (r < 225) return { left: 'LAT', right: 'MED' };
  return { left: 'PROX', right: 'DIST' };
}
