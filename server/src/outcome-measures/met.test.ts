import { describe, expect, it } from 'vitest';

import { isMet, reachesTarget } from './met';

const values = (...list: number[]) => list.map((value) => ({ value }));
const higher = { direction: 'higher_is_better', targetValue: 80 } as const;
const lower = { direction: 'lower_is_better', targetValue: 20 } as const;

describe('met', () => {
  it('reaches the target at or beyond it, in the better direction', () => {
    expect(reachesTarget('higher_is_better', 80, 80)).toBe(true);
    expect(reachesTarget('higher_is_better', 79.9, 80)).toBe(false);
    expect(reachesTarget('lower_is_better', 20, 20)).toBe(true);
    expect(reachesTarget('lower_is_better', 20.1, 20)).toBe(false);
  });

  it('needs the last N readings all to reach it', () => {
    const two = { readingsToHoldTarget: 2 };
    expect(isMet(higher, values(), two)).toBe(false);
    expect(isMet(higher, values(85), two)).toBe(false);
    expect(isMet(higher, values(85, 90), two)).toBe(true);
    expect(isMet(higher, values(85, 90, 70), two)).toBe(false);
    expect(isMet(higher, values(70, 85, 90), two)).toBe(true);
    expect(isMet(lower, values(30, 19, 18), two)).toBe(true);
    expect(isMet(lower, values(19, 18, 21), two)).toBe(false);
  });

  it('is never met without a target', () => {
    expect(
      isMet({ ...higher, targetValue: null }, values(90, 95), { readingsToHoldTarget: 2 }),
    ).toBe(false);
  });

  it('follows the configured number of readings', () => {
    expect(isMet(higher, values(85, 90), { readingsToHoldTarget: 3 })).toBe(false);
    expect(isMet(higher, values(85, 90, 95), { readingsToHoldTarget: 3 })).toBe(true);
    expect(isMet(higher, values(70, 85), { readingsToHoldTarget: 1 })).toBe(true);
    // Zero would make a measure met with no readings at all: at least one is always needed.
    expect(isMet(higher, values(), { readingsToHoldTarget: 0 })).toBe(false);
  });
});
