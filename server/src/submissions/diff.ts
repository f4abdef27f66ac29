import type {
  ActionDiff,
  FieldChange,
  MeasureDiff,
  PlanVersionDocument,
  RecommendationDiff,
  VersionAction,
  VersionMeasure,
  VersionRecommendation,
} from '@tracker/shared';

import { recommendationLabel } from '../action-plans/document';

/** The fields compared, each read as a plain value (names for units and people). */
type Fields<Subject> = Record<string, (subject: Subject) => unknown>;

const recommendationFields: Fields<VersionRecommendation> = {
  'response.decision': (r) => r.response?.decision ?? null,
  'response.rationale': (r) => r.response?.rationale ?? null,
  'response.acceptedPart': (r) => r.response?.acceptedPart ?? null,
  // By its label ("Wigan 8"): what a reader of the diff knows it by.
  'response.addressedBy': (r) => r.response?.addressedBy?.label ?? null,
  owningUnit: (r) => r.owningUnit.name,
  themes: (r) => r.themes,
  status: (r) => r.status,
  closingNote: (r) => r.closingNote,
  unmetMeasuresReason: (r) => r.unmetMeasuresReason ?? null,
};

const actionFields: Fields<VersionAction> = {
  title: (a) => a.title,
  description: (a) => a.description,
  owningUnit: (a) => a.owningUnit.name,
  owner: (a) => a.owner?.name ?? null,
  ownerRole: (a) => a.ownerRole,
  startDate: (a) => a.startDate,
  dueDate: (a) => a.dueDate,
  successMeasure: (a) => a.successMeasure,
  status: (a) => a.status,
  cancelReason: (a) => a.cancelReason,
  percentComplete: (a) => a.percentComplete,
  rag: (a) => a.rag,
  ragOverride: (a) => a.ragOverride,
  dependsOn: (a) => a.dependsOn,
};

const measureFields: Fields<VersionMeasure> = {
  name: (m) => m.name,
  unit: (m) => m.unit,
  target: (m) => m.target,
  latestReading: (m) =>
    m.latestReading && { value: m.latestReading.value, readingDate: m.latestReading.readingDate },
  met: (m) => m.met,
};

function fieldChanges<Subject>(fields: Fields<Subject>, from: Subject, to: Subject): FieldChange[] {
  return Object.entries(fields).flatMap(([field, read]) => {
    const [before, after] = [read(from), read(to)];
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field, from: before, to: after }];
  });
}

/** Pairs two lists by id: what was only in the first, only in the second, and in both. */
function pair<Item extends { id: string }>(from: Item[], to: Item[]) {
  const before = new Map(from.map((item) => [item.id, item]));
  const after = new Map(to.map((item) => [item.id, item]));
  return {
    removed: from.filter((item) => !after.has(item.id)),
    added: to.filter((item) => !before.has(item.id)),
    kept: to
      .filter((item) => before.has(item.id))
      .map((item) => [before.get(item.id)!, item] as const),
  };
}

function actionDiffs(from: VersionAction[], to: VersionAction[]): ActionDiff[] {
  const { removed, added, kept } = pair(from, to);
  const whole = (action: VersionAction, change: 'added' | 'removed'): ActionDiff => ({
    id: action.id,
    title: action.title,
    change,
    fields: [],
    dueDateMoves: [],
    evidenceAdded: change === 'added' ? action.evidence.map(titled) : [],
    evidenceRemoved: change === 'removed' ? action.evidence.map(titled) : [],
  });
  const changed = kept.flatMap(([before, after]): ActionDiff[] => {
    const evidence = pair(before.evidence, after.evidence);
    const diff: ActionDiff = {
      id: after.id,
      title: after.title,
      change: 'changed',
      fields: fieldChanges(actionFields, before, after),
      // History only grows: the moves since the first are the ones after its last entry.
      dueDateMoves: after.dueDateHistory.slice(before.dueDateHistory.length).map((move) => ({
        from: move.fromDate,
        to: move.toDate,
        reason: move.reason,
        changedAt: move.changedAt,
      })),
      evidenceAdded: evidence.added.map(titled),
      evidenceRemoved: evidence.removed.map(titled),
    };
    const anything =
      diff.fields.length +
      diff.dueDateMoves.length +
      diff.evidenceAdded.length +
      diff.evidenceRemoved.length;
    return anything > 0 ? [diff] : [];
  });
  return [
    ...changed,
    ...added.map((a) => whole(a, 'added')),
    ...removed.map((a) => whole(a, 'removed')),
  ];
}

function titled(item: { id: string; title: string }) {
  return { id: item.id, title: item.title };
}

function measureDiffs(from: VersionMeasure[], to: VersionMeasure[]): MeasureDiff[] {
  const { removed, added, kept } = pair(from, to);
  const whole = (measure: VersionMeasure, change: 'added' | 'removed'): MeasureDiff => ({
    id: measure.id,
    name: measure.name,
    change,
    fields: [],
  });
  return [
    ...kept.flatMap(([before, after]): MeasureDiff[] => {
      const fields = fieldChanges(measureFields, before, after);
      return fields.length > 0
        ? [{ id: after.id, name: after.name, change: 'changed', fields }]
        : [];
    }),
    ...added.map((m) => whole(m, 'added')),
    ...removed.map((m) => whole(m, 'removed')),
  ];
}

function recommendationDiff(
  before: VersionRecommendation | undefined,
  after: VersionRecommendation | undefined,
): RecommendationDiff | null {
  const subject = (after ?? before)!;
  const diff: RecommendationDiff = {
    id: subject.id,
    label: recommendationLabel(subject),
    change: !before ? 'added' : !after ? 'removed' : 'changed',
    fields: before && after ? fieldChanges(recommendationFields, before, after) : [],
    actions: actionDiffs(before?.actions ?? [], after?.actions ?? []),
    outcomeMeasures: measureDiffs(before?.outcomeMeasures ?? [], after?.outcomeMeasures ?? []),
  };
  const anything = diff.fields.length + diff.actions.length + diff.outcomeMeasures.length;
  return diff.change !== 'changed' || anything > 0 ? diff : null;
}

/**
 * What changed from one version of a plan to another (or to the live plan): per
 * recommendation, the fields that changed, and per action and measure what was added, removed
 * or changed, with each due-date move and its reason. Unchanged recommendations are left out.
 */
export function diffDocuments(
  from: PlanVersionDocument,
  to: PlanVersionDocument,
): RecommendationDiff[] {
  const before = new Map(from.recommendations.map((r) => [r.id, r]));
  const ids = [
    ...to.recommendations.map((r) => r.id),
    ...from.recommendations
      .filter((r) => !to.recommendations.some((t) => t.id === r.id))
      .map((r) => r.id),
  ];
  const after = new Map(to.recommendations.map((r) => [r.id, r]));
  return ids
    .map((id) => recommendationDiff(before.get(id), after.get(id)))
    .filter((diff): diff is RecommendationDiff => diff !== null);
}
