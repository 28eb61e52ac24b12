/**
 * Numbers as the debrief's reasons show them. Rounded down, so a figure just short of a threshold
 * never reads as if it met it ("0.99 s", not "1.0 s"); trailing zeros dropped ("72%", not "72.0%").
 */
export function formatNumber(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return String(x);
  const f = 10 ** decimals;
  // The small nudge keeps 79.9 from flooring to 79.8 through binary representation error.
  const floored = Math.floor(x * f + 1e-7) / f;
  const text = floored.toFixed(decimals);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}

/** Seconds from ms, for hold times. */
export const formatSeconds = (ms: number): string => `${formatNumber(ms / 1000, 2)} s`;
