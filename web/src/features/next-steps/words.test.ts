import type { NextStep, PlanRef } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { nextStepWords } from './words';

const plan: PlanRef = {
  id: '00000000-0000-4000-8000-000000000001',
  inspectionId: '00000000-0000-4000-8000-000000000002',
  title: 'Regional review of Greater Manchester',
  region: {
    id: '00000000-0000-4000-8000-000000000003',
    name: 'Greater Manchester',
    type: 'region',
  },
  status: 'draft',
};

const continuePlan = (counts: {
  problems: number;
  waitingOnNationalLead: number;
  answered?: number;
}): NextStep => ({
  kind: 'continue_plan',
  plan,
  answered: 21,
  toAnswer: 25,
  ...counts,
});

describe('next step words', () => {
  it('tells the region lead how far the plan has got and who else must act', () => {
    const words = nextStepWords(continuePlan({ problems: 3, waitingOnNationalLead: 1 }));
    expect(words.heading).toBe(
      'Greater Manchester action plan: Regional review of Greater Manchester',
    );
    expect(words.lines).toEqual([
      '21 of 25 recommendations answered.',
      '3 things to put right before you submit.',
      '1 thing HMPPS-owned: the HMPPS national lead must answer it.',
    ]);
    expect(words.link).toBe('Continue the action plan');
  });

  it('says a plan with nothing left is ready to submit', () => {
    const words = nextStepWords(
      continuePlan({ problems: 0, waitingOnNationalLead: 0, answered: 25 }),
    );
    expect(words.lines).toContain('The plan is ready to submit.');
    expect(words.link).toBe('Check and submit the plan');
  });

  it('does not repeat the unanswered recommendations as things to put right', () => {
    const words = nextStepWords(continuePlan({ problems: 0, waitingOnNationalLead: 0 }));
    expect(words.lines).toEqual(['21 of 25 recommendations answered.']);
    expect(words.lines).not.toContain('The plan is ready to submit.');
    expect(words.link).toBe('Continue the action plan');
  });

  it("counts a unit's overdue and due-soon actions", () => {
    const words = nextStepWords({
      kind: 'actions_due',
      unit: { id: plan.region.id, name: 'Wigan', type: 'pdu' },
      overdue: 1,
      dueSoon: 4,
    });
    expect(words.lines).toEqual(['1 action overdue, 4 due soon.']);
  });
});
