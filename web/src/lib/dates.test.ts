import { describe, expect, it } from 'vitest';

import {
  addDays,
  formatDate,
  formatDateTime,
  formatMonth,
  formatTime,
  nextDay,
  startOfLondonDay,
  todayInLondon,
} from './dates';

describe('formatDate and formatMonth', () => {
  it('write a calendar date the GOV.UK way, whatever the time zone', () => {
    expect(formatDate('2023-05-25')).toBe('25 May 2023');
    // A timestamp is read for its calendar day only: no shift to the previous day.
    expect(formatDate('2023-05-25T23:30:00Z')).toBe('25 May 2023');
    expect(formatMonth('2023-02')).toBe('February 2023');
    expect(formatMonth('2023-02-14')).toBe('February 2023');
  });

  it('leave what is not a date as it came', () => {
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatMonth('soon')).toBe('soon');
  });
});

describe('formatTime and formatDateTime', () => {
  it('say UK clock times in the GOV.UK style', () => {
    expect(formatTime('2026-11-26T14:05:00Z')).toBe('2:05pm');
    expect(formatTime('2026-11-26T12:00:00Z')).toBe('12pm');
    expect(formatTime('2026-11-26T00:00:00Z')).toBe('12am');
    expect(formatTime('2026-11-26T09:30:00Z')).toBe('9:30am');
  });

  it('read a moment in UK time, summer time included', () => {
    expect(formatDateTime('2026-11-26T14:05:00Z')).toBe('26 November 2026 at 2:05pm');
    // 23:30 UTC on 1 July is half past midnight on 2 July in London.
    expect(formatDateTime('2026-07-01T23:30:00Z')).toBe('2 July 2026 at 12:30am');
    expect(formatDateTime(Date.parse('2026-01-05T08:00:00Z'))).toBe('5 January 2026 at 8am');
  });

  it('leaves what is not a moment as it came', () => {
    expect(formatDateTime('whenever')).toBe('whenever');
  });
});

describe('startOfLondonDay', () => {
  it('is midnight UTC in winter and 11pm UTC the day before in summer', () => {
    expect(startOfLondonDay('2026-01-15')).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfLondonDay('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
  });

  it('knows which side of the clock change a changeover day starts on', () => {
    // Clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October.
    expect(startOfLondonDay('2026-03-29')).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLondonDay('2026-10-25')).toBe('2026-10-24T23:00:00.000Z');
  });
});

describe('addDays, nextDay and todayInLondon', () => {
  it('count calendar days across months, years and leap days', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-02-02', 14)).toBe('2026-02-16');
  });

  it('take the UK day, not the UTC one', () => {
    expect(todayInLondon(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(todayInLondon(new Date('2026-01-01T23:30:00Z'))).toBe('2026-01-01');
  });
});
