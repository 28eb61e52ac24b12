import { describe, expect, it } from 'vitest';
import { textFor } from '../i18n';
import { positionText } from './StatusBar';
import { describePosition } from '../core/probe/placement';

const en = textFor('en');
const zh = textFor('zh');

describe('the probe position in both languages', () => {
  it('reads in English exactly as core describes it, and in Chinese from the same figures', () => {
    for (const [x, y] of [[0, 0], [1.9, -1.9], [0, 6.4], [0, -6.6], [12.5, 30], [-3, 2], [-25.2, -40.49]]) {
      expect(positionText(y, x, en), `${x},${y}`).toBe(describePosition({ x, y, z: 0 }).text);
    }
    expect(positionText(-6, 0, zh)).toBe('腓骨头远端 6 mm');
    expect(positionText(0.5, -12, zh)).toBe('平腓骨头，内侧 12 mm');
    expect(positionText(8, 3, zh)).toBe('腓骨头近端 8 mm，外侧 3 mm');
  });
});
