import type {
  PlanVersionDocument,
  RecommendationDiff,
  ReviewDecision,
  VersionKind,
} from '@tracker/shared';

import { londonDateOf } from '../actions/rag';
import type { Db } from '../db/client';
import { findInspection } from '../inspections/queries';
import { diffDocuments } from '../submissions/diff';
import { findVersionRow } from '../submissions/queries';

/** The version a copy of the plan follows, how it fared, and what changed from it to the copy. */
export interface Since {
  number: number;
  kind: VersionKind;
  submittedOn: string;
  review: { decision: ReviewDecision; on: string } | null;
  changes: RecommendationDiff[];
}

/**
 * Which copy of the plan a Word export is: a submitted version or the live plan on a day, and
 * the version before it. A reader of a printed copy has nothing else to tell them whether it is
 * the plan the inspectorate accepted or what has moved on since.
 */
export type Edition = { reportPublished: string; since: Since | null } & (
  { kind: 'version'; number: number; versionKind: VersionKind } | { kind: 'live'; asAt: string }
);

async function since(
  db: Db,
  planId: string,
  number: number,
  to: PlanVersionDocument,
): Promise<Since | null> {
  const row = await findVersionRow(db, planId, number);
  if (!row) return null;
  return {
    number: row.number,
    kind: row.kind,
    submittedOn: londonDateOf(row.submittedAt),
    review:
      row.decision && row.reviewedAt
        ? { decision: row.decision, on: londonDateOf(row.reviewedAt) }
        : null,
    changes: diffDocuments(row.document, to),
  };
}

/**
 * The edition of a plan's document: a version follows the one before it; the live plan follows
 * its latest version. "Report Published" is the date of the letter or report it answers.
 */
export async function editionOf(
  db: Db,
  plan: { id: string; inspectionId: string; latestVersion: number | null },
  document: PlanVersionDocument,
  copy: { version: number; kind: VersionKind } | { asAt: Date },
): Promise<Edition> {
  const inspection = await findInspection(db, plan.inspectionId);
  if (!inspection) throw new Error(`inspection ${plan.inspectionId} is missing`);
  const reportPublished = inspection.letterDate;
  if ('version' in copy) {
    const previous = copy.version > 1 ? await since(db, plan.id, copy.version - 1, document) : null;
    return {
      kind: 'version',
      number: copy.version,
      versionKind: copy.kind,
      reportPublished,
      since: previous,
    };
  }
  const latest = plan.latestVersion ? await since(db, plan.id, plan.latestVersion, document) : null;
  return { kind: 'live', asAt: londonDateOf(copy.asAt), reportPublished, since: latest };
}
