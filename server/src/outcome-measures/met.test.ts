import { describe, expect, it } from 'vitest';

import { addMonths, isMet, reachesTarget, targetHeldSince } from './met';

/** Readings on the first of each month from January 2026, one value each. */
const monthly = (...list: number[]) =>
  list.map((value, index) => ({ value, readingDate: addMonths('2026-01-01', index) }));
const higher = { direction: 'higher_is_better', targetValue: 80 } as const;
const lower = { direction: 'lower_is_better', targetValue: 20 } as const;
const threeMonths = { monthsToHoldTarget: 3 };

describe('met', () => {
  it('reaches the target at or beyond it, in the better direction', () => {
    expect(reachesTarget('higher_is_better', 80, 80)).toBe(true);
    expect(reachesTarget('higher_is_better', 79.9, 80)).toBe(false);
    expect(reachesTarget('lower_is_better', 20, 20)).toBe(true);
    expect(reachesTarget('lower_is_better', 20.1, 20)).toBe(false);
  });

  it('needs the target held for the period, not a number of readings', () => {
    expect(isMet(higher, monthly(), threeMonths)).toBe(false);
    expect(isMet(higher, monthly(85), threeMonths)).toBe(false);
    // Two readings a month apart reach it, but it has held for one month only.
    expect(isMet(higher, monthly(85, 90), threeMonths)).toBe(false);
    expect(isMet(higher, monthly(85, 90, 88, 81), threeMonths)).toBe(true);
    // A miss starts the run again; a later miss unsets it.
    expect(isMet(higher, monthly(85, 70, 88, 81, 90), threeMonths)).toBe(false);
    expect(isMet(higher, monthly(85, 90, 88, 81, 70), threeMonths)).toBe(false);
    expect(isMet(lower, monthly(30, 19, 18, 20, 17), threeMonths)).toBe(true);
    // Many readings within a fortnight are not a period held.
    const daily = [85, 86, 87, 88, 89].map((value, day) => ({
      value,
      readingDate: `2026-03-0${day + 1}`,
    }));
    expect(isMet(higher, daily, threeMonths)).toBe(false);
  });

  it('says from when the target has held', () => {
    expect(targetHeldSince(higher, monthly(70, 85, 90))).toBe('2026-02-01');
    expect(targetHeldSince(higher, monthly(85, 70))).toBeNull();
    expect(targetHeldSince({ ...higher, targetValue: null }, monthly(90))).toBeNull();
  });

  it('is never met without a target', () => {
    expect(isMet({ ...higher, targetValue: null }, monthly(90, 95, 96, 97), threeMonths)).toBe(
      false,
    );
  });

  it('follows the configured period; zero months is the latest reading reaching it', () => {
    expect(isMet(higher, monthly(85, 90), { monthsToHoldTarget: 1 })).toBe(true);
    expect(isMet(higher, monthly(70, 85), { monthsToHoldTarget: 0 })).toBe(true);
    expect(isMet(higher, monthly(85, 70), { monthsToHoldTarget: 0 })).toBe(false);
  });

  it('counts months by the calendar, the 31st to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});
