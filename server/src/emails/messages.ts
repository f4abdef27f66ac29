import { and, eq, isNull } from 'drizzle-orm';

import type { Db } from '../db/client';
import { users } from '../db/schema/users';
import { queueEmail } from './outbox';

/** The service's name as people see it in the web app's header. */
export const serviceName = 'Inspection action plans';

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

const calendarDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "9 February 2026 at 10am", "... at 2:05pm", in London (the GOV.UK style for times). */
export function formatMoment(moment: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    londonParts.formatToParts(moment).find((p) => p.type === type)?.value ?? '';
  const minutes = part('minute') === '00' ? '' : `:${part('minute')}`;
  const period = part('dayPeriod').toLowerCase();
  return `${part('day')} ${part('month')} ${part('year')} at ${part('hour')}${minutes}${period}`;
}

/** "2026-02-09" -> "9 February 2026" (a calendar date: no time zone can move it). */
export function formatCalendarDate(isoDate: string): string {
  return calendarDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * A value someone typed (a name, a title, reasons) as part of one line of an email. Line breaks
 * and other control characters become spaces, so the value can never start a line of its own
 * that reads as the service speaking ("Sign in again here: ..."). Applied as the email is built,
 * so values stored before the input schemas refused line breaks are flattened too.
 */
export function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The one-time link to set a password, to the person it is for. Called where the link is
 * issued (a new account or a reset), in that transaction.
 */
export async function emailPasswordLink(
  tx: Db,
  link: { userId: string; path: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  const [person] = await tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, link.userId));
  if (!person) return;
  await queueEmail(
    tx,
    {
      kind: 'set_password',
      to: person.email,
      recipientId: link.userId,
      subject: `Set your password for ${serviceName}`,
      body: [
        `Hello ${oneLine(person.name)},`,
        `Use the link below to set your password for ${serviceName}. It works once, until ${formatMoment(link.expiresAt)}.`,
        'If you did not expect this email, tell your administrator.',
      ].join('\n\n'),
      link: link.path,
      secretLink: true,
      linkExpiresAt: link.expiresAt,
    },
    { now },
  );
}

/** Tells the region's lead(s) that the inspectorate returned their plan, and why. */
export async function emailPlanReturned(
  tx: Db,
  returned: {
    plan: { id: string; regionId: string };
    title: string;
    versionNumber: number;
    reasons: string | undefined;
  },
  now: Date,
): Promise<void> {
  const leads = await tx
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.role, 'region_lead'),
        eq(users.unitId, returned.plan.regionId),
        isNull(users.disabledAt),
      ),
    );
  for (const lead of leads) {
    await queueEmail(
      tx,
      {
        kind: 'plan_returned',
        to: lead.email,
        recipientId: lead.id,
        subject: `The inspectorate returned your action plan (version ${returned.versionNumber})`,
        body: [
          `Hello ${oneLine(lead.name)},`,
          `The inspectorate returned version ${returned.versionNumber} of “${oneLine(returned.title)}”.`,
          `Their reasons: ${returned.reasons ? oneLine(returned.reasons) : '(none given)'}`,
          'Open the plan to read their comments and make the changes:',
        ].join('\n\n'),
        link: `/plans/${returned.plan.id}`,
      },
      { now },
    );
  }
}
