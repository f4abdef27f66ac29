import type { Action, Me, Recommendation, Role, UnitRef } from '@tracker/shared';

/** Shapes for the web's unit tests: valid resources, with what a test cares about given. */

export const unit = (id: string, type: UnitRef['type'] = 'pdu'): UnitRef => ({
  id,
  name: `Unit ${id}`,
  type,
});

export const me = (role: Role, unitRef: UnitRef): Me => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'someone@example.test',
  name: 'Someone',
  role,
  unit: unitRef,
  session: null,
  hasPassword: true,
});

export function action(fields: Partial<Action> = {}): Action {
  return {
    id: 'a1',
    recommendationId: 'r1',
    inspectionId: 'i1',
    title: 'Recruit two senior probation officers',
    description: null,
    owningUnit: unit('wigan'),
    owner: null,
    ownerRole: null,
    startDate: '2026-04-01',
    dueDate: '2026-09-30',
    originalDueDate: '2026-09-30',
    dueDateHistory: [],
    successMeasure: null,
    status: 'in_progress',
    cancelReason: null,
    percentComplete: 20,
    rag: 'green',
    ragOverride: null,
    waiting: false,
    dependsOn: [],
    evidenceCount: 0,
    revision: 1,
    createdAt: '2026-04-01T09:00:00.000Z',
    updatedAt: '2026-04-01T09:00:00.000Z',
    allowed: { change: true, addProgress: true, addEvidence: true, verify: false, moveUnit: true },
    ...fields,
  };
}

export function recommendation(
  fields: Partial<Recommendation> & Pick<Recommendation, 'id'>,
): Recommendation {
  return {
    inspectionId: 'i1',
    number: 1,
    numberedByPosition: false,
    text: 'Improve the quality of risk of harm work.',
    sourcePdu: unit('wigan'),
    ownerLevel: 'pdu',
    owningUnit: unit('wigan'),
    themes: [],
    status: 'open',
    response: null,
    closingNote: null,
    unmetMeasuresReason: null,
    closedAt: null,
    nationalLinks: [],
    createdAt: '2026-04-01T09:00:00.000Z',
    updatedAt: '2026-04-01T09:00:00.000Z',
    allowed: {
      readLivePlan: true,
      respond: false,
      close: false,
      reopen: false,
      addAction: true,
      chooseActionUnit: true,
      link: false,
    },
    ...fields,
  };
}
