import { describe, expect, it } from 'vitest';

import { formatBytes, formatValue, plural } from './format';

describe('formatBytes', () => {
  it('says bytes, then kilobytes, then megabytes to one decimal place', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(12 * 1024 + 300)).toBe('12 KB');
    expect(formatBytes(1024 * 1024)).toBe('1.0 MB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
  });
});

describe('plural', () => {
  it('counts one thing and many, with an irregular plural where given', () => {
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(0, 'action')).toBe('0 actions');
    expect(plural(3, 'action')).toBe('3 actions');
    expect(plural(2, 'person', 'people')).toBe('2 people');
  });
});

describe('formatValue', () => {
  it('puts the unit after the number, "%" without a space, with thousands separated', () => {
    expect(formatValue(24, 'per cent')).toBe('24 per cent');
    expect(formatValue(55, '%')).toBe('55%');
    expect(formatValue(1234.5, 'cases')).toBe('1,234.5 cases');
    expect(formatValue(7, '')).toBe('7');
  });
});
