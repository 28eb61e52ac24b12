import { describe, expect, it } from 'vitest';
import { BandDispatcher, bandCuts, type BandPort } from './bandDispatch';
import type { FromBandWorker, ToBandWorker } from './bandProtocol';
import { SCAN_LINES, samplesForDepth } from '../core/ultrasound/bmode';
import { scanConvert } from '../core/ultrasound/display';
import { imageGeometry } from '../core/imaging/imageGeometry';
import { defaultAnatomyParameters } from '../core/anatomy/parameters';
import { defaultScannerSettings } from '../core/ultrasound/scannerSettings';
import type { LabelVolume } from '../core/anatomy/voxelise';

/** A grey level for every line and sample that no other line or sample has the same way. */
const greyAt = (line: number, sample: number): number => (line * 7 + sample * 13) % 251;

/** A band worker in-process: records what it is sent, answers each band with greyAt (or fails). */
class FakeBandPort implements BandPort {
  onmessage: ((event: MessageEvent<FromBandWorker>) => void) | null = null;
  readonly received: ToBandWorker[] = [];
  fail = false;

  postMessage(message: ToBandWorker): void {
    this.received.push(message);
    if (message.kind !== 'band') return;
    const { frameId, lineFrom, lineTo, samples } = message;
    const data = new Uint8Array((lineTo - lineFrom) * samples);
    for (let l = lineFrom; l < lineTo; l++) for (let s = 0; s < samples; s++) data[(l - lineFrom) * samples + s] = greyAt(l, s);
    const answer: FromBandWorker = this.fail ? { frameId, ok: false, error: 'band failed' } : { frameId, ok: true, lineFrom, lineTo, data: data.buffer, computeMs: 1 };
    // Answered later, as a worker would.
    queueMicrotask(() => this.onmessage?.({ data: answer } as MessageEvent<FromBandWorker>));
  }
}

const volume: LabelVolume = { origin: { x: 0, y: 0, z: 0 }, spacingMm: 1, nx: 1, ny: 1, nz: 1, labels: new Uint8Array(1) };
const patient = (key: string) => ({ key, parameters: defaultAnatomyParameters, volume });
const pose = { centre: { x: 0, y: 0, z: 0 }, rotationDeg: 0, tiltDeg: 0, compressionMm: 1 };
const settings = { ...defaultScannerSettings, depthMm: 40, timeSeconds: 0 };

describe('frames formed by image band workers', () => {
  it('cuts the scan lines into even bands that tile the frame', () => {
    for (const n of [1, 2, 3, 4]) {
      const cuts = bandCuts(n);
      expect(cuts[0][0]).toBe(0);
      expect(cuts.at(-1)![1]).toBe(SCAN_LINES);
      for (let i = 1; i < n; i++) expect(cuts[i][0]).toBe(cuts[i - 1][1]);
      for (const [from, to] of cuts) expect(Math.abs(to - from - SCAN_LINES / n)).toBeLessThanOrEqual(1);
    }
  });

  it('sends each worker the knee once per case and composes the bands into the frame the whole lines give', async () => {
    const ports = [new FakeBandPort(), new FakeBandPort(), new FakeBandPort()];
    const dispatcher = new BandDispatcher(ports, () => 0);
    const first = await dispatcher.form(patient('a'), pose, settings, null);
    await dispatcher.form(patient('a'), pose, settings, null);
    await dispatcher.form(patient('b'), pose, settings, null);
    for (const port of ports) expect(port.received.map((m) => m.kind)).toEqual(['patient', 'band', 'band', 'patient', 'band']);

    const samples = samplesForDepth(settings.depthMm);
    const whole = new Uint8Array(SCAN_LINES * samples);
    for (let l = 0; l < SCAN_LINES; l++) for (let s = 0; s < samples; s++) whole[l * samples + s] = greyAt(l, s);
    const image = imageGeometry(settings.depthMm);
    const expected = new Uint8Array(image.cols * image.rows);
    scanConvert(whole, SCAN_LINES, samples, image.cols, image.rows, expected);
    expect(first.width).toBe(image.cols);
    expect(first.height).toBe(image.rows);
    expect(new Uint8Array(first.pixels)).toEqual(expected);
  });

  it('refuses a frame whose band failed, and forms the next one', async () => {
    const ports = [new FakeBandPort(), new FakeBandPort()];
    const dispatcher = new BandDispatcher(ports, () => 0);
    ports[1].fail = true;
    await expect(dispatcher.form(patient('a'), pose, settings, null)).rejects.toThrow('band failed');
    ports[1].fail = false;
    await expect(dispatcher.form(patient('a'), pose, settings, null)).resolves.toMatchObject({ width: imageGeometry(40).cols });
  });
});
