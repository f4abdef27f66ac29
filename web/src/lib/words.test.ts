import { describe, expect, it } from 'vitest';

import { recommendation, unit } from '../testing/builders';
import {
  addDays,
  formatDate,
  formatDateTime,
  formatMonth,
  startOfLondonDay,
  todayInLondon,
} from './dates';
import { formatBytes, formatValue, plural } from './format';
import { recommendationTitle } from './labels';

describe('dates', () => {
  it('writes calendar dates and months as GOV.UK does', () => {
    expect(formatDate('2026-09-30')).toBe('30 September 2026');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatMonth('2023-02')).toBe('February 2023');
  });

  it('writes a moment in London time, with a 12-hour clock', () => {
    expect(formatDateTime('2026-07-01T13:30:00Z')).toBe('1 July 2026 at 2:30pm');
    expect(formatDateTime('2026-01-05T09:00:00Z')).toBe('5 January 2026 at 9am');
  });

  it('reckons the UK day across midnight and the clocks changing', () => {
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
    expect(startOfLondonDay('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfLondonDay('2026-01-01')).toBe('2026-01-01T00:00:00.000Z');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });
});

describe('format', () => {
  it('writes sizes, counts and measures in words', () => {
    expect(formatBytes(45)).toBe('45 bytes');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(3, 'action')).toBe('3 actions');
    expect(formatValue(24, 'per cent')).toBe('24 per cent');
    expect(formatValue(1500, '%')).toBe('1,500%');
    expect(formatValue(7, '')).toBe('7');
  });
});

describe('labels', () => {
  it('names a recommendation as the service does', () => {
    expect(
      recommendationTitle(recommendation({ id: 'r1', sourcePdu: unit('Wigan'), number: 4 })),
    ).toBe('Unit Wigan recommendation 4');
  });
});
