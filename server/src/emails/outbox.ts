import type { EmailKind } from '@tracker/shared';

import type { Db } from '../db/client';
import { outboxEmails } from '../db/schema/emails';

export interface EmailToQueue {
  kind: EmailKind;
  to: string;
  recipientId?: string | null;
  subject: string;
  body: string;
  /**
   * A path in the web app ("/plans/..."), added below the body on the service's public address
   * when the email is sent or read. Services that cause emails do not know that address; the
   * sender and the outbox list do.
   */
  link?: string;
  /** The link is a credential (a set-password token): it is dropped once Notify has the email. */
  secretLink?: boolean;
}

/** What `extra` holds for an email; older or foreign shapes read as "no link". */
export interface EmailExtra {
  link?: string;
  secret?: boolean;
}

/**
 * Puts an email in the outbox inside the caller's transaction: it exists exactly when its cause
 * commits, and sending it later (or failing to) can never roll the cause back. Every email
 * starts `queued`; the sender sends it through Notify, or holds it when no key is configured.
 */
export async function queueEmail(
  tx: Db,
  email: EmailToQueue,
  options: { now: Date },
): Promise<string> {
  const extra: EmailExtra | null = email.link
    ? { link: email.link, ...(email.secretLink ? { secret: true } : {}) }
    : null;
  const [row] = await tx
    .insert(outboxEmails)
    .values({
      kind: email.kind,
      recipientEmail: email.to,
      recipientId: email.recipientId ?? null,
      subject: email.subject,
      body: email.body,
      extra,
      status: 'queued',
      nextAttemptAt: options.now,
      createdAt: options.now,
      updatedAt: options.now,
    })
    .returning({ id: outboxEmails.id });
  return row!.id;
}

/** The body as the person reads it: the text, then its link on the service's public address. */
export function renderBody(email: { body: string; extra: unknown }, publicUrl: string): string {
  const extra = (email.extra ?? {}) as EmailExtra;
  if (typeof extra.link === 'string') return `${email.body}\n\n${publicUrl}${extra.link}`;
  if (extra.secret) return `${email.body}\n\n(The one-time link is not kept once sent.)`;
  return email.body;
}
