import { z } from 'zod';

import { PageQuery, Timestamp, Uuid, pageOf } from './common';

/** What an email is about. */
export const emailKinds = [
  'set_password',
  'weekly_digest',
  'plan_returned',
  'weekly_roll_up',
] as const;
export const EmailKind = z.enum(emailKinds);
export type EmailKind = z.infer<typeof EmailKind>;

/**
 * queued: waiting to go to GOV.UK Notify (again, after a failure); sending: a server has it in
 * hand; sent: Notify accepted it; held: kept here, not sent (no Notify key is configured, Notify
 * refused it, or it failed too often): an administrator reads it and passes it on.
 */
export const emailStatuses = ['queued', 'sending', 'sent', 'held'] as const;
export const EmailStatus = z.enum(emailStatuses);
export type EmailStatus = z.infer<typeof EmailStatus>;

export const OutboxEmail = z
  .object({
    id: Uuid,
    kind: EmailKind,
    to: z.string(),
    recipientId: Uuid.nullable().describe('The person, while their account exists.'),
    subject: z.string(),
    body: z
      .string()
      .describe(
        'The text as sent. A set-password link shows its token as [hidden]; once sent, held or expired the token is not kept at all.',
      ),
    status: EmailStatus,
    attempts: z.number().int().describe('Tries to send it so far.'),
    lastError: z.string().nullable(),
    nextAttemptAt: Timestamp.nullable().describe('When a queued email is next tried.'),
    sentAt: Timestamp.nullable(),
    providerId: z.string().nullable().describe("GOV.UK Notify's id for the message, once sent."),
    createdAt: Timestamp,
  })
  .meta({ id: 'OutboxEmail' });
export type OutboxEmail = z.infer<typeof OutboxEmail>;

export const OutboxEmailListQuery = PageQuery.extend({
  status: EmailStatus.optional(),
});
export type OutboxEmailListQuery = z.infer<typeof OutboxEmailListQuery>;

export const OutboxEmailPage = pageOf(OutboxEmail).meta({ id: 'OutboxEmailPage' });
export type OutboxEmailPage = z.infer<typeof OutboxEmailPage>;
