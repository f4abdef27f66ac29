import type {
  ActionStatus,
  ApiPermission,
  EvidenceKind,
  InspectionKind,
  ProtectedCharacteristic,
  ReadingGroup,
  NationalLink,
  Recommendation,
  OwnerLevel,
  PlanStatus,
  Rag,
  RatingValue,
  RecommendationStatus,
  ResponseDecision,
  Role,
  UnitType,
} from '@tracker/shared';

import { numberedByPositionNote } from '@tracker/shared';

export {
  actionStatusNames,
  ownerLevelNames,
  decisionInWords,
  responseDecisionNames,
  themeNames,
} from '@tracker/shared';

/**
 * Readable words and tags for the API's enum values, in one place so every page says the same
 * thing (plain names shared with the exports live in @tracker/shared).
 * `Record<Enum, ...>` makes the compiler name any value that lacks its words.
 */

/** GOV.UK tag colours (govuk-frontend 6); blue is the tag's default. */
export type TagColour =
  'blue' | 'green' | 'purple' | 'red' | 'orange' | 'teal' | 'magenta' | 'yellow' | 'grey';

export interface TagLabel {
  text: string;
  colour: TagColour;
}

export const ownerLevelTags: Record<OwnerLevel, TagLabel> = {
  pdu: { text: 'PDU', colour: 'blue' },
  region: { text: 'Region', colour: 'purple' },
  hmpps: { text: 'HMPPS', colour: 'orange' },
};

/** The letter's own sub-headings; the region's is built from its name. */
export function ownerLevelHeading(level: OwnerLevel, regionName: string): string {
  switch (level) {
    case 'pdu':
      return 'The PDU should';
    case 'region':
      return `${/\bregion$/i.test(regionName) ? regionName : `${regionName} region`} should`;
    case 'hmpps':
      return 'HM Prison and Probation Service should';
  }
}

export const recommendationStatusTags: Record<RecommendationStatus, TagLabel> = {
  open: { text: 'Open', colour: 'grey' },
  in_progress: { text: 'In progress', colour: 'blue' },
  actions_complete: { text: 'Actions complete', colour: 'teal' },
  closed: { text: 'Closed', colour: 'green' },
};

export const actionStatusTags: Record<ActionStatus, TagLabel> = {
  not_started: { text: 'Not started', colour: 'grey' },
  in_progress: { text: 'In progress', colour: 'blue' },
  blocked: { text: 'Blocked', colour: 'red' },
  complete: { text: 'Complete', colour: 'teal' },
  verified_closed: { text: 'Verified closed', colour: 'green' },
  cancelled: { text: 'Cancelled', colour: 'grey' },
};

export const planStatusTags: Record<PlanStatus, TagLabel> = {
  draft: { text: 'Draft', colour: 'grey' },
  submitted: { text: 'Submitted', colour: 'blue' },
  returned: { text: 'Returned', colour: 'orange' },
  accepted: { text: 'Accepted', colour: 'green' },
  closed: { text: 'Closed', colour: 'purple' },
};

/** HMI Probation's four-point scale, coloured as the inspectorate's reports colour it. */
export const ratingTags: Record<RatingValue, TagLabel> = {
  outstanding: { text: 'Outstanding', colour: 'green' },
  good: { text: 'Good', colour: 'teal' },
  requires_improvement: { text: 'Requires improvement', colour: 'yellow' },
  inadequate: { text: 'Inadequate', colour: 'red' },
};

export const notGiven = 'Not given';

export const inspectionKindNames: Record<InspectionKind, string> = {
  regional_review: 'Regional review (HMI Probation)',
  pdu_inspection: 'PDU inspection (HMI Probation)',
  thematic_inspection: 'Thematic inspection (HMI Probation)',
  sfo_review: 'Serious Further Offence review',
  internal_audit: 'Internal audit',
  policy_review: 'Policy review',
};

export const roleNames: Record<Role, string> = {
  admin: 'Administrator',
  region_lead: 'Regional lead',
  head_of_operations: 'Head of operations',
  national_lead: 'HMPPS national lead',
  inspector: 'Inspector',
};

/** What each role can do, in a line: the hint beside each choice of role. */
export const roleHints: Record<Role, string> = {
  admin: 'Manages users and API clients. Belongs to HMPPS.',
  region_lead: 'Writes and submits the action plan for a region.',
  head_of_operations: 'Updates the actions of one probation delivery unit (PDU).',
  national_lead: 'Answers the recommendations made to HMPPS. Belongs to HMPPS.',
  inspector: 'Reviews submitted plans. Belongs to HM Inspectorate of Probation.',
};

export const unitTypeNames: Record<UnitType, string> = {
  hmpps: 'HMPPS',
  region: 'Regions',
  pdu: 'Probation delivery units (PDUs)',
  inspectorate: 'Inspectorate',
};

/** Who the service says a user is, by where their account stands. */
export const userStatusTags: Record<'invited' | 'active' | 'disabled', TagLabel> = {
  invited: { text: 'Invited', colour: 'blue' },
  active: { text: 'Active', colour: 'green' },
  disabled: { text: 'Disabled', colour: 'grey' },
};

export const apiPermissionNames: Record<ApiPermission, string> = {
  read: 'Read only',
  read_write: 'Read and write',
};

export type ApiClientStatus = 'active' | 'expiring' | 'expired' | 'revoked';
export const apiClientStatusTags: Record<ApiClientStatus, TagLabel> = {
  active: { text: 'Active', colour: 'green' },
  expiring: { text: 'Expires soon', colour: 'yellow' },
  expired: { text: 'Expired', colour: 'red' },
  revoked: { text: 'Revoked', colour: 'grey' },
};

/** RAG ratings always carry their word; the colour only reinforces it. */
export const ragTags: Record<Rag, TagLabel> = {
  red: { text: 'Red', colour: 'red' },
  amber: { text: 'Amber', colour: 'orange' },
  green: { text: 'Green', colour: 'green' },
};

/** A finished action (complete, verified closed or cancelled) has no rating. */
export const noRagTag: TagLabel = { text: 'No rating', colour: 'grey' };

export const waitingTag: TagLabel = { text: 'Waiting', colour: 'yellow' };

export const overdueTag: TagLabel = { text: 'Overdue', colour: 'red' };

export const notRespondedTag: TagLabel = { text: 'Not yet responded', colour: 'grey' };

export const responseDecisionTags: Record<ResponseDecision, TagLabel> = {
  agreed: { text: 'Agreed', colour: 'green' },
  partly_agreed: { text: 'Partly agreed', colour: 'yellow' },
  not_agreed: { text: 'Not agreed', colour: 'red' },
  addressed_by: { text: 'Addressed by another', colour: 'blue' },
};

export const evidenceKindNames: Record<EvidenceKind, string> = {
  file: 'File',
  link: 'Link',
  note: 'Note',
};

/** Finished actions: they are no longer late, at risk or rated. */
export const finishedStatuses: readonly ActionStatus[] = [
  'complete',
  'verified_closed',
  'cancelled',
];

/**
 * An HMPPS recommendation this one follows, in words: "Repeats Wigan 9, in progress". Its status
 * is live: the national lead tracks it once, for every region that links to it.
 */
export function nationalLinkText(link: NationalLink): string {
  const relation = link.relation === 'repeats' ? 'Repeats' : 'Addressed by';
  return `${relation} ${link.label} (HMPPS): ${recommendationStatusTags[link.status].text.toLowerCase()}`;
}

/** "Wigan recommendation 3", saying so where the letter leaves it unnumbered. */
export function recommendationTitle(recommendation: Recommendation): string {
  const title = `${recommendation.sourcePdu.name} recommendation ${recommendation.number}`;
  return recommendation.numberedByPosition ? `${title} (${numberedByPositionNote})` : title;
}

/**
 * Who reviews a plan's versions, as a sentence names them: the inspectorate, or the person HMPPS
 * named for an SFO review, internal audit or policy review.
 */
export const reviewerOf = (plan: { reviewer: { name: string } | null }): string =>
  plan.reviewer?.name ?? 'the inspectorate';

export const protectedCharacteristicNames: Record<ProtectedCharacteristic, string> = {
  age: 'Age',
  disability: 'Disability',
  gender_reassignment: 'Gender reassignment',
  marriage_civil_partnership: 'Marriage and civil partnership',
  pregnancy_maternity: 'Pregnancy and maternity',
  race: 'Race',
  religion_belief: 'Religion or belief',
  sex: 'Sex',
  sexual_orientation: 'Sexual orientation',
};

/** "Race, Black or Black British: 3 of 10 (30%)", a line for each group of a reading. */
export function readingGroupLines(breakdown: readonly ReadingGroup[]): string[] {
  return breakdown.map(
    (entry) =>
      `${protectedCharacteristicNames[entry.characteristic]}, ${entry.group}: ` +
      `${entry.numerator} of ${entry.denominator} (${Math.round(entry.value * 10) / 10}%)`,
  );
}
