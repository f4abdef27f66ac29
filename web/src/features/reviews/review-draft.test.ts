import { describe, expect, it } from 'vitest';

import { missingComments, verdictsFrom, type ReviewSubject } from './review-draft';

const subjects: ReviewSubject[] = [
  { kind: 'recommendation', id: 'r1', label: 'Wigan recommendation 1' },
  { kind: 'action', id: 'a1', label: 'the action “Recruit”' },
  { kind: 'recommendation', id: 'r2', label: 'Wigan recommendation 2' },
];

describe('a review draft', () => {
  it('sends the verdicts given, in the subjects’ order, with trimmed comments', () => {
    const draft = {
      r2: { subjectKind: 'recommendation' as const, verdict: 'accepted' as const, comment: ' ' },
      r1: {
        subjectKind: 'recommendation' as const,
        verdict: 'challenged' as const,
        comment: ' Why? ',
      },
      a1: { subjectKind: 'action' as const, verdict: '' as const, comment: 'not decided' },
    };
    expect(verdictsFrom(draft, subjects)).toEqual([
      { subjectKind: 'recommendation', subjectId: 'r1', verdict: 'challenged', comment: 'Why?' },
      { subjectKind: 'recommendation', subjectId: 'r2', verdict: 'accepted' },
    ]);
  });

  it('asks for a comment on a challenge or a request for evidence, never on an acceptance', () => {
    const draft = {
      r1: { subjectKind: 'recommendation' as const, verdict: 'challenged' as const, comment: '' },
      a1: { subjectKind: 'action' as const, verdict: 'evidence_requested' as const, comment: ' ' },
      r2: { subjectKind: 'recommendation' as const, verdict: 'accepted' as const, comment: '' },
    };
    expect(missingComments(draft, subjects)).toEqual({
      r1: 'Say what is challenged about Wigan recommendation 1',
      a1: 'Say what evidence is needed for the action “Recruit”',
    });
  });
});
