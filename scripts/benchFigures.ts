/** Median, spread and p90 of timing samples, printed one line per figure with the ratio to its target. */
export interface Figures {
  median: number;
  min: number;
  max: number;
  p90: number;
}

export function summarise(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), min: sorted[0], max: sorted[sorted.length - 1], p90: at(0.9) };
}

export function line(name: string, f: Figures, unit: string, target?: number): void {
  const ratio = target ? `  ratio to target ${target} ${unit}: ${(f.median / target).toFixed(2)} ${f.median <= target ? '(meets)' : '(MISSES)'}` : '';
  console.log(`${name.padEnd(34)} median ${f.median.toFixed(2)} ${unit}  spread ${f.min.toFixed(2)}–${f.max.toFixed(2)}  p90 ${f.p90.toFixed(2)}${ratio}`);
}

