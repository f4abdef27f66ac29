import { z } from 'zod';

import { PersonRef } from './actions';
import { ReviewThreadAllowed } from './allowed';
import { MultiLineText, PageQuery, Timestamp, Uuid, VersionNumber, pageOf } from './common';
import { ReviewDecision, ReviewVerdict, Role } from './enums';

export const reviewSubjectKinds = ['recommendation', 'action'] as const;
export const ReviewSubjectKind = z.enum(reviewSubjectKinds);
export type ReviewSubjectKind = z.infer<typeof ReviewSubjectKind>;

export const VerdictRequest = z.strictObject({
  subjectKind: ReviewSubjectKind,
  subjectId: Uuid.describe('A recommendation or action in the version reviewed.'),
  verdict: ReviewVerdict,
  comment: MultiLineText(5000)
    .optional()
    .describe('Required unless the verdict is "accepted"; it opens a thread the region answers.'),
});
export type VerdictRequest = z.infer<typeof VerdictRequest>;

export const ReviewRequest = z
  .strictObject({
    decision: ReviewDecision,
    reasons: MultiLineText(5000).optional().describe('Required to return the plan.'),
    verdicts: z.array(VerdictRequest).max(1000).default([]),
  })
  .superRefine((review, ctx) => {
    if (review.decision === 'returned' && !review.reasons) {
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'say why the plan is returned' });
    }
    const seen = new Set<string>();
    review.verdicts.forEach((verdict, index) => {
      if (verdict.verdict !== 'accepted' && !verdict.comment) {
        ctx.addIssue({
          code: 'custom',
          path: ['verdicts', index, 'comment'],
          message: 'say what is challenged or what evidence is needed',
        });
      }
      if (seen.has(verdict.subjectId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['verdicts', index, 'subjectId'],
          message: 'has a verdict already',
        });
      }
      seen.add(verdict.subjectId);
    });
  })
  .meta({ id: 'ReviewRequest' });
export type ReviewRequest = z.infer<typeof ReviewRequest>;

export const ThreadMessage = z.object({
  id: Uuid,
  author: PersonRef.nullable().describe('Null when an API client wrote it.'),
  authorLabel: z.string(),
  authorRole: Role,
  body: z.string(),
  createdAt: Timestamp,
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const ReviewThread = z
  .object({
    id: Uuid,
    planId: Uuid,
    versionNumber: z.number().int(),
    subjectKind: ReviewSubjectKind,
    subjectId: Uuid,
    subjectLabel: z.string(),
    verdict: ReviewVerdict,
    messages: z
      .array(ThreadMessage)
      .describe("The inspector's comment first, then replies, oldest first."),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    allowed: ReviewThreadAllowed,
  })
  .meta({ id: 'ReviewThread' });
export type ReviewThread = z.infer<typeof ReviewThread>;

export const ReviewThreadListQuery = PageQuery.extend({
  versionNumber: VersionNumber.optional(),
  subjectId: Uuid.optional().describe('Threads about one recommendation or action.'),
});
export type ReviewThreadListQuery = z.infer<typeof ReviewThreadListQuery>;

export const ReviewThreadPage = pageOf(ReviewThread).meta({ id: 'ReviewThreadPage' });
export type ReviewThreadPage = z.infer<typeof ReviewThreadPage>;

export const ReplyRequest = z
  .strictObject({ body: MultiLineText(5000) })
  .meta({ id: 'ReplyRequest' });
export type ReplyRequest = z.infer<typeof ReplyRequest>;
