import type { OrgUnit } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { action, unit } from '../../../testing/builders';
import { checkActionFields, createRequest, updateRequest, valuesFrom } from './action-fields';
import { differences, rebase } from './conflict';

const units: OrgUnit[] = [];

describe('the 412 rebase', () => {
  const base = action();
  // Someone else moved the date and raised the percentage while this person edited.
  const theirs = action({ dueDate: '2026-12-31', percentComplete: 40, revision: 2 });

  it('takes their values for the fields this person left alone and keeps what they typed', () => {
    const yours = { ...valuesFrom(base), title: 'Recruit three officers' };
    const rebased = rebase(yours, base, theirs);
    expect(rebased.title).toBe('Recruit three officers');
    expect(rebased.dueDate).toEqual({ day: '31', month: '12', year: '2026' });
    expect(rebased.percentComplete).toBe('40');
  });

  it('then sends only this person’s own change, never undoing theirs', () => {
    const yours = { ...valuesFrom(base), title: 'Recruit three officers' };
    expect(updateRequest(rebase(yours, base, theirs), theirs)).toEqual({
      title: 'Recruit three officers',
    });
  });

  it('keeps this person’s value where both changed the same field', () => {
    const yours = { ...valuesFrom(base), percentComplete: '60' };
    expect(rebase(yours, base, theirs).percentComplete).toBe('60');
  });

  it('lists the fields that differ, marking the ones this person changed', () => {
    const yours = { ...valuesFrom(base), title: 'Recruit three officers' };
    const found = differences(theirs, yours, base, units, [], []);
    expect(found).toEqual([
      {
        field: 'Title',
        theirs: 'Recruit two senior probation officers',
        yours: 'Recruit three officers',
        changedByYou: true,
      },
      {
        field: 'Due date',
        theirs: '31 December 2026',
        yours: '30 September 2026',
        changedByYou: false,
      },
      { field: 'Percent complete', theirs: '40%', yours: '20%', changedByYou: false },
    ]);
  });
});

describe('checkActionFields', () => {
  const valid = valuesFrom(action());

  it('accepts a complete form', () => {
    expect(checkActionFields(valid, action(), false)).toEqual({});
  });

  it('names each field that is missing or wrong', () => {
    const errors = checkActionFields(
      {
        ...valid,
        title: ' ',
        owningUnitId: '',
        startDate: { day: '31', month: '2', year: '2026' },
        percentComplete: '101',
        ragOverride: 'red',
      },
      action(),
      false,
    );
    expect(errors).toEqual({
      title: 'Enter a title for the action',
      owningUnitId: 'Select the unit that owns the action',
      startDate: 'Start date must be a real date, like 1 4 2026',
      percentComplete: 'Percent complete must be a whole number from 0 to 100',
      ragOverrideReason: 'Enter why you are setting the RAG rating',
    });
  });

  it('refuses a title over 300 characters and a due date before the start', () => {
    const errors = checkActionFields(
      { ...valid, title: 'x'.repeat(301), dueDate: { day: '1', month: '1', year: '2026' } },
      null,
      true,
    );
    expect(errors.title).toBe('Title must be 300 characters or fewer');
    expect(errors.dueDate).toBe('Due date must be the same as or after the start date');
  });

  it('asks why an agreed due date moves, and refuses its removal', () => {
    const moved = { ...valid, dueDate: { day: '31', month: '12', year: '2026' } };
    expect(checkActionFields(moved, action(), false).dueDateChangeReason).toBe(
      'Enter why the due date is changing',
    );
    const removed = { ...valid, dueDate: { day: '', month: '', year: '' } };
    expect(checkActionFields(removed, action(), false).dueDate).toMatch(
      /can be moved but not removed/,
    );
  });

  it('asks why an action is cancelled or reopened', () => {
    expect(checkActionFields({ ...valid, status: 'cancelled' }, action(), false)).toEqual({
      statusReason: 'Enter why the action is cancelled',
    });
    const closed = action({ status: 'verified_closed' });
    expect(
      checkActionFields({ ...valuesFrom(closed), status: 'in_progress' }, closed, false),
    ).toEqual({ statusReason: 'Enter why the action is reopened' });
  });
});

describe('requests from the form', () => {
  it('creates with the trimmed fields that were filled in', () => {
    const values = {
      ...valuesFrom(action({ startDate: null, dueDate: '2026-09-30', owningUnit: unit('wigan') })),
      title: '  Recruit  ',
      ownerRole: ' ',
    };
    expect(createRequest(values)).toEqual({
      title: 'Recruit',
      owningUnitId: 'wigan',
      dueDate: '2026-09-30',
    });
  });

  it('updates only what differs, with the reason for a moved date', () => {
    const base = action();
    const values = {
      ...valuesFrom(base),
      description: 'More detail',
      dueDate: { day: '31', month: '12', year: '2026' },
      dueDateChangeReason: ' Recruitment round moved ',
    };
    expect(updateRequest(values, base)).toEqual({
      description: 'More detail',
      dueDate: '2026-12-31',
      dueDateChangeReason: 'Recruitment round moved',
    });
  });
});
