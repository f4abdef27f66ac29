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
  /**
   * The link is a credential (a set-password token): administrators never see it, and it is
   * dropped once the email is sent, held, or past `linkExpiresAt`.
   */
  secretLink?: boolean;
  /** When a secret link stops working. */
  linkExpiresAt?: Date;
  /** What the email reports, kept with it (see `EmailExtra.figures`). */
  figures?: object;
}

/** What `extra` holds for an email; older or foreign shapes read as "no link". */
export interface EmailExtra {
  link?: string;
  /** What the email reported, so the next of its kind can say what changed. */
  figures?: object;
  secret?: boolean;
  /** ISO time a secret link stops working. */
  expiresAt?: string;
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
  const extra: EmailExtra | null =
    email.link || email.figures
      ? {
          ...(email.link ? { link: email.link } : {}),
          ...(email.secretLink ? { secret: true } : {}),
          ...(email.linkExpiresAt ? { expiresAt: email.linkExpiresAt.toISOString() } : {}),
          ...(email.figures ? { figures: email.figures } : {}),
        }
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

const withLine = (body: string, line: string | null) => (line ? `${body}\n\n${line}` : body);

/** The body as the person reads it: the text, then its link on the service's public address. */
export function renderBody(email: { body: string; extra: unknown }, publicUrl: string): string {
  const extra = (email.extra ?? {}) as EmailExtra;
  if (typeof extra.link === 'string') return withLine(email.body, `${publicUrl}${extra.link}`);
  return withLine(email.body, extra.secret ? '(The one-time link is no longer kept.)' : null);
}

/**
 * The body as administrators see it on the Emails page: a one-time link shows where it leads,
 * never the token that opens it; that goes to the person alone.
 */
export function bodyForAdministrators(
  email: { body: string; extra: unknown; status: string },
  publicUrl: string,
): string {
  const extra = (email.extra ?? {}) as EmailExtra;
  if (!extra.secret) return renderBody(email, publicUrl);
  if (typeof extra.link === 'string') {
    const masked = extra.link.replace(/([?&][^=&#]*)=[^&#]*/g, '$1=[hidden]');
    return withLine(email.body, `${publicUrl}${masked}`);
  }
  return withLine(
    email.body,
    email.status === 'sent'
      ? '(The one-time link went to the person and is not kept.)'
      : '(The one-time link was not sent and is not kept: reset their password to give them a new one.)',
  );
}
