import { describe, expect, it } from 'vitest';
import { KneeAnatomy } from '../anatomy/knee';
import { placeProbe, normaliseRotationDeg } from './placement';
import { probeFrame, ScanGeometry } from './scanGeometry';
import { classifyView } from './viewClass';
import { imageGeometry } from '../imaging/imageGeometry';
import { SimError } from '../simError';
import type { ProbePose } from './pose';
import { distance, dot } from '../math/vec3';

const knee = new KneeAnatomy();
const overNerve = (rotationDeg: number, extra: Partial<ProbePose> = {}, landmark: keyof typeof knee.landmarks = 'cpnAtFibularHead') =>
  placeProbe(knee, { centre: knee.landmarks[landmark], rotationDeg, ...extra });
const viewOf = (pose: ProbePose, depthMm = 30) => classifyView(knee, new ScanGeometry(knee, probeFrame(knee, pose), imageGeometry(depthMm)));

describe('placing the probe', () => {
  it('puts the centre on the skin above the nerve', () => {
    const pose = overNerve(0);
    expect(Math.abs(knee.skin.distance(pose.centre))).toBeLessThan(0.01);
    expect(distance(pose.centre, knee.landmarks.cpnAtFibularHead)).toBeLessThan(10);
  });
  it('refuses a pose a hand could not hold, with a SimError naming the problem', () => {
    const bad: [unknown, RegExp][] = [
      [{ centre: { x: Number.NaN, y: 0, z: 20 }, rotationDeg: 0 }, /^error\.probe\.centre$/],
      [{ centre: { x: 0, y: 0, z: 300 }, rotationDeg: 0 }, /^error\.probe\.farFromSkin$/],
      [{ centre: { x: 0, y: 400, z: 20 }, rotationDeg: 0 }, /^error\.probe\.(farFromSkin|offKnee)$/],
      [{ centre: knee.landmarks.cpnAtFibularHead, rotationDeg: 'ninety' }, /^error\.probe\.rotation$/],
      [{ centre: knee.landmarks.cpnAtFibularHead, rotationDeg: 0, tiltDeg: 80 }, /^error\.probe\.tilt$/],
      [{ centre: knee.landmarks.cpnAtFibularHead, rotationDeg: 0, compressionMm: -1 }, /^error\.probe\.compression$/],
      [null, /^error\.probe\.request$/],
    ];
    for (const [request, message] of bad) {
      let error: unknown;
      try {
        placeProbe(knee, request as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SimError);
      expect((error as SimError).said.key).toMatch(message);
    }
  });
  it('keeps rotations in (−180, 180]', () => {
    expect(normaliseRotationDeg(270)).toBe(-90);
    expect(normaliseRotationDeg(-180)).toBe(180);
    expect(normaliseRotationDeg(90)).toBe(90);
  });
});

describe('view classification (scoring.md)', () => {
  it('transverse over the CPN at the fibular head is short axis, the nerve under the probe', () => {
    const v = viewOf(overNerve(0));
    expect(v.view).toBe('short-axis');
    expect(v.nerveInImage!.col).toBeGreaterThan(120);
    expect(v.nerveInImage!.col).toBeLessThan(180);
  });
  it('turned 90° it is long axis, with at least 15 mm of nerve in the image', () => {
    const v = viewOf(overNerve(90));
    expect(v.view).toBe('long-axis');
    expect(v.nerveLengthInImageMm).toBeGreaterThanOrEqual(15);
  });
  it('45° is oblique', () => {
    expect(viewOf(overNerve(45)).view).toBe('oblique');
  });
  it('short and long axis also proximally, in the popliteal fossa', () => {
    expect(viewOf(overNerve(0, {}, 'cpnProximal')).view).toBe('short-axis');
    expect(viewOf(overNerve(90, {}, 'cpnProximal')).view).toBe('long-axis');
  });
  it('over the gastrocnemius far medially there is no nerve', () => {
    const pose = placeProbe(knee, { centre: { x: -40, y: 30, z: 30 }, rotationDeg: 90 });
    expect(viewOf(pose).view).toBe('no-nerve');
  });
  it('a steep tilt takes the short-axis view out of tolerance', () => {
    expect(viewOf(overNerve(0, { tiltDeg: 28 })).view).not.toBe('short-axis');
  });
});

describe('scan geometry', () => {
  it('maps the nerve to the same pixel both ways', () => {
    const pose = overNerve(0, { compressionMm: 2 });
    const scan = new ScanGeometry(knee, probeFrame(knee, pose), imageGeometry(30));
    const nerve = knee.landmarks.cpnAtFibularHead;
    const { col, row, outOfPlaneMm } = scan.toImage(nerve);
    expect(Math.abs(outOfPlaneMm)).toBeLessThan(0.5);
    const back = scan.worldAt(Math.round(col - 0.5), Math.round(row - 0.5))!;
    expect(distance(back, nerve)).toBeLessThan(0.6);
  });
  it('compression brings deep tissue closer to the probe and squeezes the superficial most', () => {
    const relaxed = new ScanGeometry(knee, probeFrame(knee, overNerve(0, { compressionMm: 0 })), imageGeometry(30));
    const pressed = new ScanGeometry(knee, probeFrame(knee, overNerve(0, { compressionMm: 4 })), imageGeometry(30));
    const nerve = knee.landmarks.cpnAtFibularHead;
    const deep = knee.landmarks.fibularNeck;
    expect(pressed.toImage(nerve).row).toBeLessThan(relaxed.toImage(nerve).row);
    expect(pressed.compressedDepth(3)).toBeLessThan(3);
    expect(3 - pressed.compressedDepth(3)).toBeGreaterThan(20 - pressed.compressedDepth(20) - 4);
    expect(pressed.toImage(deep).row).toBeLessThan(relaxed.toImage(deep).row);
  });
  it('the beam points into the limb and the array is transverse at rotation 0', () => {
    const frame = probeFrame(knee, overNerve(0));
    expect(dot(frame.beamAxis, frame.skinNormal)).toBeLessThan(-0.99);
    expect(Math.abs(frame.arrayAxis.y)).toBeLessThan(0.05);
  });
});
