import { describe, expect, it } from 'vitest';
import { scanConvert } from './display';
import { scanConvertBands, type LineBand } from './bandCompose';

/** A line buffer with no two neighbours alike, so a misplaced band or line shows. */
function lineData(lines: number, samples: number): Uint8Array {
  const data = new Uint8Array(lines * samples);
  let x = 12345;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return data;
}

const cut = (data: Uint8Array, samples: number, cuts: number[]): LineBand[] =>
  cuts.slice(0, -1).map((from, i) => ({ lineFrom: from, lineTo: cuts[i + 1], data: data.slice(from * samples, cuts[i + 1] * samples) }));

describe('scan conversion from bands of scan lines', () => {
  const lines = 256;
  const samples = 500;
  const [cols, rows] = [400, 512];
  const whole = lineData(lines, samples);
  const expected = new Uint8Array(cols * rows);
  scanConvert(whole, lines, samples, cols, rows, expected);

  it('gives the bytes of the whole buffer converted, for 1 to 4 bands and uneven cuts', () => {
    for (const cuts of [[0, 256], [0, 128, 256], [0, 86, 171, 256], [0, 64, 128, 192, 256], [0, 1, 255, 256]]) {
      const out = new Uint8Array(cols * rows);
      scanConvertBands(cut(whole, samples, cuts), lines, samples, cols, rows, out);
      expect(out).toEqual(expected);
    }
  });

  it('refuses bands with a gap, an overlap, too few bytes or short of the last line, writing nothing', () => {
    const out = new Uint8Array(cols * rows).fill(9);
    const bands = cut(whole, samples, [0, 128, 256]);
    expect(() => scanConvertBands([bands[0], { ...bands[1], lineFrom: 129 }], lines, samples, cols, rows, out)).toThrow(RangeError);
    expect(() => scanConvertBands([bands[0], { ...bands[1], lineFrom: 127 }], lines, samples, cols, rows, out)).toThrow(RangeError);
    expect(() => scanConvertBands([bands[0], { ...bands[1], data: bands[1].data.subarray(1) }], lines, samples, cols, rows, out)).toThrow(RangeError);
    expect(() => scanConvertBands([bands[0]], lines, samples, cols, rows, out)).toThrow(RangeError);
    expect(out.every((v) => v === 9)).toBe(true);
  });
});
