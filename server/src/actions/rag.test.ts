import { describe, expect, it } from 'vitest';

import { type RagInput, deriveRag, londonDateOf } from './rag';

const base: RagInput = {
  status: 'in_progress',
  startDate: '2026-01-01',
  createdOn: '2025-12-01',
  dueDate: '2026-03-01',
  percentComplete: 50,
  ragOverride: null,
};

describe('deriveRag', () => {
  it('is null once an action is finished, whatever else', () => {
    for (const status of ['complete', 'verified_closed', 'cancelled'] as const) {
      expect(
        deriveRag({ ...base, status, dueDate: '2020-01-01', ragOverride: 'red' }, '2026-02-01', 14),
      ).toBeNull();
    }
  });

  it('is red when blocked or past due', () => {
    expect(deriveRag({ ...base, status: 'blocked' }, '2026-01-10', 14)).toBe('red');
    expect(deriveRag(base, '2026-03-02', 14)).toBe('red');
    expect(deriveRag({ ...base, percentComplete: 99 }, '2026-03-02', 14)).toBe('red');
  });

  it('is not yet red on the due date itself', () => {
    expect(deriveRag({ ...base, percentComplete: 100 }, '2026-03-01', 14)).toBe('green');
  });

  it('is amber when due within the window and behind the time elapsed', () => {
    // 2026-02-20: 50 of 59 days gone (85%), 9 days left.
    expect(deriveRag({ ...base, percentComplete: 50 }, '2026-02-20', 14)).toBe('amber');
    expect(deriveRag({ ...base, percentComplete: 90 }, '2026-02-20', 14)).toBe('green');
    // Outside the window, behind is still green.
    expect(deriveRag({ ...base, percentComplete: 0 }, '2026-02-01', 14)).toBe('green');
    expect(deriveRag({ ...base, percentComplete: 0 }, '2026-02-01', 30)).toBe('amber');
  });

  it('counts from creation when there is no start date, and is green with no due date', () => {
    expect(deriveRag({ ...base, startDate: null, percentComplete: 80 }, '2026-02-20', 14)).toBe(
      'amber',
    );
    expect(deriveRag({ ...base, dueDate: null, percentComplete: 0 }, '2030-01-01', 14)).toBe(
      'green',
    );
  });

  it("takes a lead's override while the action is open", () => {
    expect(deriveRag({ ...base, ragOverride: 'amber' }, '2026-03-05', 14)).toBe('amber');
  });
});

describe('today in Europe/London', () => {
  it('follows London across the spring clock change (BST starts 2026-03-29 01:00 UTC)', () => {
    expect(londonDateOf(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(londonDateOf(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
  });

  it('follows London across the autumn clock change (BST ends 2026-10-25 01:00 UTC)', () => {
    expect(londonDateOf(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(londonDateOf(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });

  it('makes an action due on the 29th red only after midnight London time', () => {
    const action = { ...base, dueDate: '2026-03-29', percentComplete: 100 };
    // 23:30 UTC on the 29th is already 00:30 on the 30th in London (BST).
    expect(deriveRag(action, londonDateOf(new Date('2026-03-29T22:59:00Z')), 14)).toBe('green');
    expect(deriveRag(action, londonDateOf(new Date('2026-03-29T23:30:00Z')), 14)).toBe('red');
  });
});
