import type { PlanVersionDocument, VersionAction, VersionRecommendation } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { diffDocuments } from './diff';

const unit = { id: '00000000-0000-4000-8000-000000000001', name: 'Wigan', type: 'pdu' as const };

function action(id: string, overrides: Partial<VersionAction> = {}): VersionAction {
  return {
    id,
    title: `Action ${id.slice(-1)}`,
    description: null,
    owningUnit: unit,
    owner: { id: unit.id, name: 'Pat Owner', disabled: false },
    ownerRole: null,
    startDate: '2026-01-01',
    dueDate: '2026-06-30',
    originalDueDate: '2026-06-30',
    dueDateHistory: [],
    successMeasure: 'Audits show it',
    status: 'in_progress',
    cancelReason: null,
    percentComplete: 10,
    rag: 'green',
    ragOverride: null,
    waiting: false,
    dependsOn: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    evidence: [],
    ...overrides,
  };
}

function recommendation(actions: VersionAction[]): VersionRecommendation {
  return {
    id: '10000000-0000-4000-8000-000000000001',
    sourcePdu: unit,
    number: 4,
    numberedByPosition: false,
    text: 'The PDU should ...',
    ownerLevel: 'pdu',
    owningUnit: unit,
    themes: ['staffing'],
    status: 'in_progress',
    response: null,
    closingNote: null,
    closedAt: null,
    nationalLinks: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    actions,
    outcomeMeasures: [],
  };
}

const document = (actions: VersionAction[]): PlanVersionDocument => ({
  header: {
    title: 'Action plan: X',
    subtitle: 'A response',
    submittedOn: '2026-01-01',
    submittedBy: 'A',
  },
  recommendations: [recommendation(actions)],
});

const a1 = '20000000-0000-4000-8000-000000000001';
const a2 = '20000000-0000-4000-8000-000000000002';
const a3 = '20000000-0000-4000-8000-000000000003';
const note = {
  id: '30000000-0000-4000-8000-000000000001',
  kind: 'note' as const,
  title: 'Minutes',
};
const noteEvidence = {
  ...note,
  fileName: null,
  mediaType: null,
  sizeBytes: null,
  sha256: null,
  url: null,
  note: 'Agreed',
  periodStart: null,
  periodEnd: null,
  addedBy: null,
  addedAt: '2026-01-02T00:00:00.000Z',
  downloadUrl: null,
};

describe('the diff of two versions', () => {
  it('is empty when nothing changed, whatever the timestamps', () => {
    const later = document([action(a1, { updatedAt: '2026-05-05T00:00:00.000Z' })]);
    expect(diffDocuments(document([action(a1)]), later)).toEqual([]);
  });

  it('names actions added, removed and changed, with field changes, date moves and evidence', () => {
    const before = document([action(a1), action(a2)]);
    const after = document([
      action(a1, {
        owner: { id: a3, name: 'Sam New', disabled: false },
        dueDate: '2026-09-30',
        dueDateHistory: [
          {
            fromDate: '2026-06-30',
            toDate: '2026-09-30',
            reason: 'Recruitment slipped',
            changedBy: null,
            changedAt: '2026-03-01T00:00:00.000Z',
          },
        ],
        evidence: [noteEvidence],
      }),
      action(a3),
    ]);
    const [changed] = diffDocuments(before, after);
    expect(changed).toMatchObject({ label: 'Wigan 4', change: 'changed', fields: [] });
    expect(changed!.actions).toEqual([
      {
        id: a1,
        title: 'Action 1',
        change: 'changed',
        fields: [
          { field: 'owner', from: 'Pat Owner', to: 'Sam New' },
          { field: 'dueDate', from: '2026-06-30', to: '2026-09-30' },
        ],
        dueDateMoves: [
          {
            from: '2026-06-30',
            to: '2026-09-30',
            reason: 'Recruitment slipped',
            changedAt: '2026-03-01T00:00:00.000Z',
          },
        ],
        evidenceAdded: [{ id: note.id, title: note.title }],
        evidenceRemoved: [],
      },
      expect.objectContaining({ id: a3, change: 'added' }),
      expect.objectContaining({ id: a2, change: 'removed' }),
    ]);
  });

  it('names response changes on the recommendation itself', () => {
    const after = document([]);
    after.recommendations[0]!.response = {
      decision: 'agreed',
      rationale: null,
      acceptedPart: null,
      addressedBy: null,
      respondedAt: '2026-01-03T00:00:00.000Z',
      respondedById: null,
    };
    expect(diffDocuments(document([]), after)[0]!.fields).toEqual([
      { field: 'response.decision', from: null, to: 'agreed' },
    ]);
  });
});
