import { describe, expect, it } from 'vitest';
import { describePosition } from './placement';
import { say } from '../../i18n/message';

describe('the probe position in both languages', () => {
  it('core words it once: its message reads in English exactly as its text, and in Chinese from the same figures', () => {
    for (const [x, y] of [[0, 0], [1.9, -1.9], [0, 6.4], [0, -6.6], [12.5, 30], [-3, 2], [-25.2, -40.49]]) {
      const position = describePosition({ x, y, z: 0 });
      expect(say(position.said, 'en'), `${x},${y}`).toBe(position.text);
    }
    expect(describePosition({ x: 0, y: 0, z: 0 }).text).toBe('level with the fibular head');
    expect(describePosition({ x: -3, y: 2, z: 0 }).text).toBe('2 mm proximal to the fibular head, 3 mm medial');
    expect(say(describePosition({ x: 0, y: -6, z: 0 }).said, 'zh')).toBe('腓骨头远端 6 mm');
    expect(say(describePosition({ x: -12, y: 0.5, z: 0 }).said, 'zh')).toBe('平腓骨头，内侧 12 mm');
    expect(say(describePosition({ x: 3, y: 8, z: 0 }).said, 'zh')).toBe('腓骨头近端 8 mm，外侧 3 mm');
  });
});
