import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatQuantity } from './format';

describe('numbers and units per language', () => {
  it('fixes the decimals and uses the language grouping', () => {
    expect(formatNumber(2.5, 'en', { decimals: 1 })).toBe('2.5');
    expect(formatNumber(2, 'zh', { decimals: 1 })).toBe('2.0');
    expect(formatNumber(12345.678, 'en', { decimals: 1 })).toBe('12,345.7');
    expect(formatNumber(12345.678, 'zh', { decimals: 1 })).toBe('12,345.7');
  });

  it('rounds down and drops trailing zeros in floor style, so a threshold is never shown as met', () => {
    expect(formatNumber(0.999, 'en', { decimals: 2, floor: true })).toBe('0.99');
    expect(formatNumber(89.96, 'zh', { decimals: 1, floor: true })).toBe('89.9');
    expect(formatNumber(72, 'en', { decimals: 1, floor: true })).toBe('72');
    expect(formatNumber(79.9, 'en', { decimals: 1, floor: true })).toBe('79.9');
  });

  it('signs gains, never writes -0, and shows non-finite values as a dash', () => {
    expect(formatNumber(2, 'en', { signed: true })).toBe('+2');
    expect(formatNumber(-2, 'zh', { signed: true })).toBe('-2');
    expect(formatNumber(0, 'en', { signed: true })).toBe('0');
    expect(formatNumber(-0.01, 'en', { decimals: 1 })).toBe('0.0');
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
  });

  it('puts the unit as each language writes it', () => {
    expect(formatQuantity(5, 'mm', 'en', { decimals: 1 })).toBe('5.0 mm');
    expect(formatQuantity(5, 'mm', 'zh', { decimals: 1 })).toBe('5.0 mm');
    expect(formatQuantity(2.5, 'ml', 'zh', { decimals: 1 })).toBe('2.5 ml');
    expect(formatQuantity(18.24, 'psi', 'en', { decimals: 1 })).toBe('18.2 psi');
    expect(formatQuantity(30, '°', 'zh')).toBe('30°');
    expect(formatQuantity(12.34, 's', 'en', { decimals: 1 })).toBe('12.3 s');
    expect(formatQuantity(12.34, 's', 'zh', { decimals: 1 })).toBe('12.3 秒');
    expect(formatQuantity(95, '%', 'zh')).toBe('95%');
  });

  it('writes dates in the language of the UI', () => {
    const iso = '2026-03-04T05:06:07Z';
    expect(formatDate(iso, 'en')).toBe(new Date(iso).toLocaleString('en-GB'));
    expect(formatDate(iso, 'zh')).toBe(new Date(iso).toLocaleString('zh-CN'));
    expect(formatDate(iso, 'zh')).not.toBe(formatDate(iso, 'en'));
    expect(formatDate('not a date', 'zh')).toBe('not a date');
  });
});
