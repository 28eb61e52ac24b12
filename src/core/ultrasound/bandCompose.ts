/**
 * A frame put together from bands of scan lines formed apart (one per image worker): the bands are
 * scan-converted where they lie, never copied into one line buffer first.
 */
export interface LineBand {
  /** First scan line of the band. */
  lineFrom: number;
  /** One past its last line. */
  lineTo: number;
  /** Its grey levels, line-major from lineFrom (samples per line each). */
  data: Uint8Array;
}

/**
 * What scanConvert (display.ts) makes of the whole line buffer, byte for byte, read from bands
 * that tile lines [0, lines) in order. Bands that leave a gap, overlap or are short of bytes are
 * refused before anything is written.
 */
export function scanConvertBands(bands: readonly LineBand[], lines: number, samples: number, cols: number, rows: number, out: Uint8Array): void {
  let next = 0;
  for (const band of bands) {
    if (band.lineFrom !== next || band.lineTo <= band.lineFrom) throw new RangeError(`Band [${band.lineFrom}, ${band.lineTo}) does not follow line ${next}.`);
    if (band.data.length < (band.lineTo - band.lineFrom) * samples) throw new RangeError(`Band [${band.lineFrom}, ${band.lineTo}) holds ${band.data.length} bytes, not ${(band.lineTo - band.lineFrom) * samples}.`);
    next = band.lineTo;
  }
  if (next !== lines) throw new RangeError(`The bands end at line ${next}, not ${lines}.`);
  if (out.length < cols * rows) throw new RangeError(`An image of ${cols} × ${rows} needs ${cols * rows} bytes, not ${out.length}.`);
  // Which band holds each line, and where in it.
  const bandOfLine: Uint8Array[] = new Array<Uint8Array>(lines);
  const offsetOfLine = new Int32Array(lines);
  for (const band of bands) {
    for (let l = band.lineFrom; l < band.lineTo; l++) {
      bandOfLine[l] = band.data;
      offsetOfLine[l] = (l - band.lineFrom) * samples;
    }
  }
  // The same column weights as scanConvert: each column between lines l0 and l0 + 1.
  const nearData: Uint8Array[] = new Array<Uint8Array>(cols);
  const farData: Uint8Array[] = new Array<Uint8Array>(cols);
  const nearAt = new Int32Array(cols);
  const farAt = new Int32Array(cols);
  const lineWeight = new Float64Array(cols);
  for (let col = 0; col < cols; col++) {
    const fl = ((col + 0.5) / cols) * lines - 0.5;
    const l0 = Math.max(0, Math.min(lines - 2, Math.floor(fl)));
    nearData[col] = bandOfLine[l0];
    nearAt[col] = offsetOfLine[l0];
    farData[col] = bandOfLine[l0 + 1];
    farAt[col] = offsetOfLine[l0 + 1];
    lineWeight[col] = Math.min(1, Math.max(0, fl - l0));
  }
  for (let row = 0; row < rows; row++) {
    const fs = ((row + 0.5) / rows) * samples - 0.5;
    const s0 = Math.max(0, Math.min(samples - 2, Math.floor(fs)));
    const ts = Math.min(1, Math.max(0, fs - s0));
    const us = 1 - ts;
    const rowBase = row * cols;
    for (let col = 0; col < cols; col++) {
      const near = nearData[col];
      const far = farData[col];
      const i = nearAt[col] + s0;
      const j = farAt[col] + s0;
      const tl = lineWeight[col];
      const a = near[i] * us + near[i + 1] * ts;
      const b = far[j] * us + far[j + 1] * ts;
      out[rowBase + col] = a * (1 - tl) + b * tl;
    }
  }
}
