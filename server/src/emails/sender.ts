import { and, eq, lt, lte, or, sql } from 'drizzle-orm';
import { NotifyClient } from 'notifications-node-client';

import type { Config } from '../config';
import type { Db } from '../db/client';
import { outboxEmails } from '../db/schema/emails';
import { renderBody } from './outbox';

type EmailRow = typeof outboxEmails.$inferSelect;

/** What the sender needs of GOV.UK Notify; tests may hand in their own. */
export interface EmailProvider {
  /** Sends one email; answers the provider's id for it. */
  send(email: { to: string; subject: string; body: string; reference: string }): Promise<string>;
  /** The provider's id of an email already sent with this reference, if there is one. */
  findSent(reference: string): Promise<string | null>;
}

/** A claim lasts well beyond one request's timeout, so a slow send is not taken over. */
const leaseMs = 5 * 60_000;
const requestTimeoutMs = 30_000;
/** 1, 2, 4 ... minutes between tries, at most 6 hours apart; held after 20 tries (about 3 days). */
const maxBackoffMinutes = 360;
export const maxAttempts = 20;
/** Emails sent in one run, so a run (and a shutdown waiting for it) stays short. */
const batchSize = 100;

export function notifyProvider(config: Config): EmailProvider | null {
  const { notifyApiKey: key, notifyTemplateId: templateId } = config;
  if (!key || !templateId) return null;
  const client = config.notifyBaseUrl
    ? new NotifyClient(config.notifyBaseUrl, key)
    : new NotifyClient(key);
  withTimeout(client);
  return {
    send: async (email) => {
      const response = await client.sendEmail(templateId, email.to, {
        personalisation: { subject: email.subject, body: email.body },
        reference: email.reference,
      });
      return response.data.id;
    },
    findSent: async (reference) => {
      const response = await client.getNotifications('email', undefined, reference);
      return response.data.notifications[0]?.id ?? null;
    },
  };
}

/**
 * The client sets no timeout: a request that never answers would keep the email claimed until
 * its lease ends. Its HTTP function is wrapped to add one.
 */
function withTimeout(client: NotifyClient) {
  type RestClient = Parameters<NotifyClient['setClient']>[0];
  const original = (client.apiClient as { restClient: (options: object) => Promise<unknown> })
    .restClient;
  const timed = (options: object) => original({ ...options, timeout: requestTimeoutMs });
  client.setClient(timed as unknown as RestClient);
}

const isDue = (now: Date) =>
  or(
    and(eq(outboxEmails.status, 'queued'), lte(outboxEmails.nextAttemptAt, now)),
    // A sender that died (or hung) with the email in hand: its lease has run out.
    and(eq(outboxEmails.status, 'sending'), lt(outboxEmails.leaseUntil, now)),
  );

/**
 * Takes one due email for this sender. One UPDATE decides: on PostgreSQL a second instance
 * skips the locked row, and if it read the row before the first committed, the due condition
 * is checked again on the updated row and no longer holds, so two senders never both take it.
 * The pick is a scalar subquery (`id = (...)`, run once): as `id IN (...)` the planner may run
 * it again for each row, and each run skips the rows this statement already took, so one
 * UPDATE would claim several emails and hand back only one.
 */
export async function claimNext(db: Db, now: Date): Promise<EmailRow | null> {
  const next = db
    .select({ id: outboxEmails.id })
    .from(outboxEmails)
    .where(isDue(now))
    .orderBy(outboxEmails.nextAttemptAt, outboxEmails.id)
    .limit(1)
    .for('update', { skipLocked: true });
  const [claimed] = await db
    .update(outboxEmails)
    .set({
      status: 'sending',
      leaseUntil: new Date(now.getTime() + leaseMs),
      attempts: sql`${outboxEmails.attempts} + 1`,
      updatedAt: now,
    })
    .where(and(eq(outboxEmails.id, sql`(${next})`), isDue(now)))
    .returning();
  return claimed ?? null;
}

const isSecretLink = sql`(${outboxEmails.extra} ->> 'secret')::boolean`;

/**
 * A one-time link is a credential: once Notify has it, or it will never be sent, it is removed
 * from the row, so the table and its backups hold no token that still works.
 */
const withoutSecretLink = sql`case when ${isSecretLink} then ${outboxEmails.extra} - 'link' else ${outboxEmails.extra} end`;

/** Only while this sender's claim stands: an instance that took over owns the outcome. */
const stillOurs = (email: EmailRow) =>
  and(
    eq(outboxEmails.id, email.id),
    eq(outboxEmails.status, 'sending'),
    eq(outboxEmails.leaseUntil, email.leaseUntil!),
  );

async function markSent(db: Db, email: EmailRow, providerId: string, now: Date) {
  await db
    .update(outboxEmails)
    .set({
      status: 'sent',
      sentAt: now,
      providerId,
      leaseUntil: null,
      lastError: null,
      extra: withoutSecretLink,
      updatedAt: now,
    })
    .where(stillOurs(email));
}

async function markFailed(db: Db, email: EmailRow, failure: SendFailure, now: Date) {
  const giveUp = failure.permanent || email.attempts >= maxAttempts;
  const backoffMinutes = Math.min(2 ** (email.attempts - 1), maxBackoffMinutes);
  await db
    .update(outboxEmails)
    .set({
      status: giveUp ? 'held' : 'queued',
      ...(giveUp ? { extra: withoutSecretLink } : {}),
      lastError: failure.message,
      nextAttemptAt: new Date(now.getTime() + backoffMinutes * 60_000),
      leaseUntil: null,
      updatedAt: now,
    })
    .where(stillOurs(email));
}

interface SendFailure {
  message: string;
  /** Notify refused the email itself (400: a bad address, say): trying again cannot help. */
  permanent: boolean;
}

/** Notify's answer in words, never the key nor the email's text. */
function failureOf(error: unknown): SendFailure {
  const response = (error as { response?: { status?: number; data?: unknown } }).response;
  if (!response?.status) {
    return { message: error instanceof Error ? error.message : String(error), permanent: false };
  }
  const errors = (response.data as { errors?: { message?: string }[] } | undefined)?.errors;
  const detail = errors?.map((e) => e.message).join('; ');
  return {
    message: `GOV.UK Notify answered ${response.status}${detail ? `: ${detail}` : ''}`,
    permanent: response.status === 400,
  };
}

/**
 * Sends one claimed email. At least once, as near to exactly once as Notify allows: if this
 * process dies after Notify accepted the email but before `sent` is written, the claim runs
 * out and another sender takes the email again. Every email carries its outbox id as Notify's
 * `reference`, and a retry first asks Notify for that reference, so the retry records the
 * earlier message instead of sending a second. Only a crash in the moment before Notify has
 * recorded the first message can still lead to a duplicate.
 */
async function deliver(
  db: Db,
  email: EmailRow,
  provider: EmailProvider,
  context: { publicUrl: string; clock: () => Date },
) {
  try {
    const earlier = email.attempts > 1 ? await provider.findSent(email.id) : null;
    const providerId =
      earlier ??
      (await provider.send({
        to: email.recipientEmail,
        subject: email.subject,
        body: renderBody(email, context.publicUrl),
        reference: email.id,
      }));
    await markSent(db, email, providerId, context.clock());
  } catch (error) {
    await markFailed(db, email, failureOf(error), context.clock());
  }
}

/**
 * Without a Notify key nothing is sent: due emails are held for an administrator to read and
 * pass on. They stay held if a key is configured later, so nobody gets a stale message.
 */
export async function holdDueEmails(db: Db, now: Date): Promise<number> {
  const held = await db
    .update(outboxEmails)
    .set({ status: 'held', leaseUntil: null, extra: withoutSecretLink, updatedAt: now })
    .where(isDue(now))
    .returning({ id: outboxEmails.id });
  return held.length;
}

export interface SenderOptions {
  publicUrl: string;
  clock: () => Date;
  /** Null: no Notify key is configured. */
  provider: EmailProvider | null;
}

/**
 * A waiting email whose one-time link has expired would only reach its person with a link that
 * no longer works: it is held, and its link forgotten. Answers how many.
 */
export async function holdExpiredLinks(db: Db, now: Date): Promise<number> {
  const held = await db
    .update(outboxEmails)
    .set({
      status: 'held',
      lastError: 'The one-time link expired before the email was sent.',
      extra: withoutSecretLink,
      updatedAt: now,
    })
    .where(
      and(
        or(
          eq(outboxEmails.status, 'queued'),
          and(eq(outboxEmails.status, 'sending'), lt(outboxEmails.leaseUntil, now)),
        ),
        isSecretLink,
        sql`(${outboxEmails.extra} ->> 'expiresAt')::timestamptz <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: outboxEmails.id });
  return held.length;
}

/** One run of the sender: every due email sent (or held), up to a batch. Answers how many. */
export async function sendDueEmails(db: Db, options: SenderOptions): Promise<number> {
  await holdExpiredLinks(db, options.clock());
  if (!options.provider) return holdDueEmails(db, options.clock());
  let handled = 0;
  while (handled < batchSize) {
    const email = await claimNext(db, options.clock());
    if (!email) break;
    await deliver(db, email, options.provider, options);
    handled += 1;
  }
  return handled;
}
