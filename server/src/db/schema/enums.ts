import {
  actionStatuses,
  inspectionKinds,
  linkRelations,
  measureDirections,
  notificationKinds,
  ownerLevels,
  planEventKinds,
  planStatuses,
  ratingValues,
  recommendationStatuses,
  responseDecisions,
  reviewDecisions,
  reviewSubjectKinds,
  reviewVerdicts,
  roles,
  themes,
  unitTypes,
  versionKinds,
} from '@tracker/shared';
import { pgEnum } from 'drizzle-orm/pg-core';

// The database enums take their values from the shared schemas, so the two cannot drift.
export const unitTypeEnum = pgEnum('unit_type', unitTypes);
export const roleEnum = pgEnum('role', roles);
export const inspectionKindEnum = pgEnum('inspection_kind', inspectionKinds);
export const ratingValueEnum = pgEnum('rating_value', ratingValues);
export const ownerLevelEnum = pgEnum('owner_level', ownerLevels);
export const themeEnum = pgEnum('theme', themes);
export const recommendationStatusEnum = pgEnum('recommendation_status', recommendationStatuses);
export const responseDecisionEnum = pgEnum('response_decision', responseDecisions);
export const planStatusEnum = pgEnum('plan_status', planStatuses);
export const actionStatusEnum = pgEnum('action_status', actionStatuses);
export const ragEnum = pgEnum('rag', ['red', 'amber', 'green']);
export const measureDirectionEnum = pgEnum('measure_direction', measureDirections);
export const evidenceKindEnum = pgEnum('evidence_kind', ['file', 'link', 'note']);
export const versionKindEnum = pgEnum('version_kind', versionKinds);
export const reviewDecisionEnum = pgEnum('review_decision', reviewDecisions);
export const reviewVerdictEnum = pgEnum('review_verdict', reviewVerdicts);
export const reviewSubjectKindEnum = pgEnum('review_subject_kind', reviewSubjectKinds);
export const planEventKindEnum = pgEnum('plan_event_kind', planEventKinds);
export const notificationKindEnum = pgEnum('notification_kind', notificationKinds);
export const emailStatusEnum = pgEnum('email_status', ['queued', 'sending', 'sent', 'held']);
export const linkRelationEnum = pgEnum('link_relation', linkRelations);
