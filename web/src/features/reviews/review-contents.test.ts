import type { UnitRef } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { leftToReview, leftToReviewText, reviewContents } from './review-contents';
import type { ReviewDraft } from './review-draft';

const wigan: UnitRef = { id: 'wigan', name: 'Wigan', type: 'pdu' };
const tameside: UnitRef = { id: 'tameside', name: 'Tameside', type: 'pdu' };

const recommendation = (id: string, number: number, sourcePdu: UnitRef, actionIds: string[] = []) =>
  ({ id, number, sourcePdu, actions: actionIds.map((actionId) => ({ id: actionId })) }) as never;

// As a version keeps them: the letter's order, PDUs interleaved as met.
const recommendations = [
  recommendation('w1', 1, wigan, ['a1', 'a2']),
  recommendation('t1', 1, tameside),
  recommendation('w2', 2, wigan, ['a3']),
];

const verdict = (subjectKind: 'recommendation' | 'action', value: '' | 'accepted') => ({
  subjectKind,
  verdict: value,
  comment: '',
});

describe('the review’s contents', () => {
  it('groups recommendations by PDU in the order met, each in the letter’s order', () => {
    const contents = reviewContents(recommendations, {});
    expect(contents.map((group) => group.pdu.name)).toEqual(['Wigan', 'Tameside']);
    expect(contents[0]!.entries.map((entry) => [entry.id, entry.label])).toEqual([
      ['w1', 'Recommendation 1'],
      ['w2', 'Recommendation 2'],
    ]);
  });

  it('marks a recommendation reviewed by its own verdict, not by its actions’', () => {
    const draft: ReviewDraft = {
      w2: verdict('recommendation', 'accepted'),
      a1: verdict('action', 'accepted'),
      a2: verdict('action', 'accepted'),
      // Chosen then set back to "No verdict": not reviewed.
      t1: verdict('recommendation', ''),
    };
    const entries = reviewContents(recommendations, draft).flatMap((group) => group.entries);
    expect(entries.map((entry) => [entry.id, entry.reviewed])).toEqual([
      ['w1', false],
      ['w2', true],
      ['t1', false],
    ]);
    expect(entries[0]).toMatchObject({ actionsJudged: 2, actions: 2 });
    expect(entries[1]).toMatchObject({ actionsJudged: 0, actions: 1 });
  });

  it('counts what is left as verdicts are chosen, down to none', () => {
    const count = (draft: ReviewDraft) => leftToReview(reviewContents(recommendations, draft));
    expect(count({})).toEqual({ left: 3, total: 3 });
    expect(count({ w1: verdict('recommendation', 'accepted') })).toEqual({ left: 2, total: 3 });
    expect(
      count({
        w1: verdict('recommendation', 'accepted'),
        w2: verdict('recommendation', 'accepted'),
        t1: verdict('recommendation', 'accepted'),
      }),
    ).toEqual({ left: 0, total: 3 });
  });

  it('says the count in words', () => {
    expect(leftToReviewText({ left: 3, total: 28 })).toBe('3 of 28 recommendations left to review');
    expect(leftToReviewText({ left: 1, total: 1 })).toBe('1 of 1 recommendation left to review');
    expect(leftToReviewText({ left: 0, total: 28 })).toBe('All 28 recommendations reviewed');
    expect(leftToReviewText({ left: 0, total: 1 })).toBe('The recommendation is reviewed');
  });
});
