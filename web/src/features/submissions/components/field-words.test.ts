import { describe, expect, it } from 'vitest';

import { formatDayOf, recommendationName } from './field-words';

describe('recommendationName', () => {
  it('says "Wigan 1" as the service names recommendations', () => {
    expect(recommendationName('Wigan 1')).toBe('Wigan recommendation 1');
    expect(recommendationName('Manchester North 12')).toBe('Manchester North recommendation 12');
  });

  it('leaves a label with no number at its end as it is', () => {
    expect(recommendationName('Plan summary')).toBe('Plan summary');
  });
});

describe('formatDayOf', () => {
  it('gives the UK calendar day of a moment', () => {
    expect(formatDayOf('2026-02-02T10:00:00Z')).toBe('2 February 2026');
    // Half past midnight in London, still 1 July in UTC.
    expect(formatDayOf('2026-07-01T23:30:00Z')).toBe('2 July 2026');
  });
});
