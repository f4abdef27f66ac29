import type {
  Action,
  Evidence,
  Inspection,
  OutcomeMeasure,
  PlanVersionDocument,
  Recommendation,
  VersionHeader,
} from '@tracker/shared';
import { VersionRecommendation } from '@tracker/shared';

import type { WriteContext } from '../auth/context';
import type { ReadScope } from '../auth/policy';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { RagSettings } from '../actions/queries';
import { readActionPage } from '../actions/reads';
import { listLiveEvidenceOf } from '../evidence/queries';
import { findInspection } from '../inspections/queries';
import type { MeasureSettings } from '../outcome-measures/met';
import { listOutcomeMeasures } from '../outcome-measures/queries';
import { listRecommendations } from '../recommendations/queries';
import { londonDateOf } from '../actions/rag';

/** The document is built for the system, not a caller: scope checks happen before. */
const everything: ReadScope = { regionId: null, livePlan: true, kinds: null };

export interface DocumentSettings {
  rag: RagSettings;
  measures: MeasureSettings;
}

/** A write that reads the live plan document: its context, and the settings to read it with. */
export interface PlanContext extends WriteContext {
  settings: DocumentSettings;
}

/** The settings a plan document is read with, from the service's configuration. */
export function documentSettings(
  config: Pick<Config, 'ragDueSoonDays' | 'measureMetMonths'>,
  now: Date,
): DocumentSettings {
  return {
    rag: { now, dueSoonDays: config.ragDueSoonDays },
    measures: { monthsToHoldTarget: config.measureMetMonths },
  };
}

/** Reads every page of a list (a plan has tens to a few thousand rows). */
async function allPages<Item>(
  read: (cursor: string | undefined) => Promise<{ items: Item[]; nextCursor: string | null }>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** What the plan answers, as its header names it. */
const sourceInWords: Record<Inspection['kind'], string> = {
  regional_review: "HM Inspectorate of Probation's regional review letter",
  pdu_inspection: "HM Inspectorate of Probation's inspection report",
  thematic_inspection: "HM Inspectorate of Probation's thematic inspection report",
  sfo_review: 'the Serious Further Offence review',
  internal_audit: 'the internal audit',
  policy_review: 'the policy review',
};

const longDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The header of HMI Probation's published action plans. */
export function headerFor(
  inspection: Inspection,
  submitted: { on: Date; by: string },
): VersionHeader {
  return {
    title: `Action plan: ${inspection.region.name}`,
    subtitle:
      `A response to ${sourceInWords[inspection.kind]} ` +
      `of ${longDate.format(new Date(inspection.letterDate))}`,
    submittedOn: londonDateOf(submitted.on),
    submittedBy: submitted.by,
  };
}

/**
 * The whole live plan of one inspection, in the letter's order: each recommendation with its
 * response, actions (with due-date history and the evidence still standing) and measures.
 */
export async function livePlanDocument(
  db: Db,
  inspectionId: string,
  submitted: { on: Date; by: string },
  settings: DocumentSettings,
): Promise<PlanVersionDocument> {
  const inspection = await findInspection(db, inspectionId);
  if (!inspection) throw new Error(`inspection ${inspectionId} is missing`);
  const recommendations = await allPages((cursor) =>
    listRecommendations(db, { inspectionId, sort: 'letter', limit: 200, cursor }, everything, null),
  );
  const actions = await allPages((cursor) =>
    readActionPage(
      db,
      { inspectionId, sort: 'dueDate', limit: 200, cursor },
      everything,
      settings.rag,
      null,
    ),
  );
  const measures = await allPages((cursor) =>
    listOutcomeMeasures(db, { inspectionId, limit: 200, cursor }, everything, settings.measures),
  );
  const evidence = await listLiveEvidenceOf(
    db,
    actions.map((action) => action.id),
  );
  return {
    header: headerFor(inspection, submitted),
    recommendations: assemble(recommendations, actions, measures, evidence),
  };
}

function groupBy<Item>(items: Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Parsing with the version schemas keeps exactly the fields a version holds. */
function assemble(
  recommendations: Recommendation[],
  actions: Action[],
  measures: OutcomeMeasure[],
  evidence: Evidence[],
): VersionRecommendation[] {
  const actionsOf = groupBy(actions, (action) => action.recommendationId);
  const measuresOf = groupBy(measures, (measure) => measure.recommendationId);
  const evidenceOf = groupBy(evidence, (item) => item.actionId);
  return recommendations.map((recommendation) =>
    VersionRecommendation.parse({
      ...recommendation,
      actions: (actionsOf.get(recommendation.id) ?? []).map((action) => ({
        ...action,
        evidence: evidenceOf.get(action.id) ?? [],
      })),
      outcomeMeasures: measuresOf.get(recommendation.id) ?? [],
    }),
  );
}

export { recommendationLabel } from '../recommendations/label';
