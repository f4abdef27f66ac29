import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { outboxEmails, scheduledJobs } from '../db/schema/emails';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { type TestApp, createTestApp, demo } from '../testing/app';
import { type DigestSettings, isoWeekOf, londonWeekdayAndHour, queueWeeklyDigests } from './digest';

/** Mondays 07:00 London, the RAG window's 14 days. */
const settings: DigestSettings = { dueSoonDays: 14, weekday: 1, hour: 7 };
/** Monday 2 February 2026; London is on GMT. */
const monday = (time: string) => new Date(`2026-02-02T${time}Z`);

let testApp: TestApp;
let db: Db;
let ids: Record<string, string>;

async function addAction(
  owner: string | null,
  title: string,
  dueDate: string,
  status = 'in_progress',
) {
  const [recommendation] = await db.select().from(recommendations).limit(1);
  await db.insert(actions).values({
    recommendationId: recommendation!.id,
    owningUnitId: recommendation!.owningUnitId,
    ownerId: owner ? ids[owner]! : null,
    title,
    dueDate,
    status: status as (typeof actions.$inferInsert)['status'],
  });
}

const digests = () => db.select().from(outboxEmails).where(eq(outboxEmails.kind, 'weekly_digest'));

beforeAll(async () => {
  testApp = await createTestApp();
  db = testApp.database.db;
  ids = Object.fromEntries(
    (await db.select().from(users)).map((person) => [person.email, person.id]),
  );
  await addAction(demo.hooWigan, 'Audit supervision', '2026-01-30');
  await addAction(demo.hooWigan, 'Train the team', '2026-02-10', 'not_started');
  await addAction(demo.hooWigan, 'Far off', '2026-06-30');
  // Today + 14 days is in; the day after is not.
  await addAction(demo.rpd, 'Publish the plan', '2026-02-16');
  await addAction(demo.rpd, 'Just outside', '2026-02-17');
  // Finished, ownerless and disabled people's actions are nobody's digest.
  await addAction(demo.hooTameside, 'Finished late', '2026-01-01', 'complete');
  await addAction(null, 'Nobody owns this', '2026-01-01');
  await addAction(demo.hooManchesterNorth, 'Owner left', '2026-01-01');
  await db
    .update(users)
    .set({ disabledAt: monday('09:00:00') })
    .where(eq(users.email, demo.hooManchesterNorth));
});
afterAll(() => testApp.close());

describe('the calendar of the digest', () => {
  it('names ISO weeks', () => {
    expect(isoWeekOf('2026-02-02')).toBe('2026-W06');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('reads the weekday and hour in London, summer time included', () => {
    expect(londonWeekdayAndHour(monday('07:00:00'))).toEqual({ weekday: 1, hour: 7 });
    expect(londonWeekdayAndHour(new Date('2026-03-30T06:00:00Z'))).toEqual({
      weekday: 1,
      hour: 7,
    });
    expect(londonWeekdayAndHour(new Date('2026-03-29T23:30:00Z'))).toEqual({
      weekday: 1,
      hour: 0,
    });
  });
});

describe('the weekly digest', () => {
  it('waits for the configured day and hour', async () => {
    expect(await queueWeeklyDigests(db, settings, monday('06:59:59'))).toBe(0);
    expect(await queueWeeklyDigests(db, settings, new Date('2026-02-03T08:00:00Z'))).toBe(0);
    expect(await digests()).toEqual([]);
  });

  it('run twice for the same week queues one email per owner of something due', async () => {
    expect(await queueWeeklyDigests(db, settings, monday('07:00:00'))).toBe(2);
    expect(await queueWeeklyDigests(db, settings, monday('07:01:00'))).toBe(0);
    const emails = await digests();
    expect(emails.map((email) => email.recipientEmail).sort()).toEqual([demo.hooWigan, demo.rpd]);

    const wigan = emails.find((email) => email.recipientEmail === demo.hooWigan)!;
    expect(wigan.subject).toBe('Your actions this week: 1 overdue, 1 due soon');
    expect(wigan.body).toContain(
      'Overdue (1):\n- Audit supervision: due 30 January 2026\n\nDue by 16 February 2026 (1):\n- Train the team: due 10 February 2026',
    );
    expect(wigan.body).not.toContain('Far off');
    expect(wigan.extra).toEqual({ link: '/my-actions' });
    const rpd = emails.find((email) => email.recipientEmail === demo.rpd)!;
    expect(rpd.body).toContain('- Publish the plan: due 16 February 2026');
    expect(rpd.body).not.toContain('Just outside');

    const jobs = await db
      .select({ key: scheduledJobs.key })
      .from(scheduledJobs)
      .where(eq(scheduledJobs.kind, 'weekly_digest'));
    expect(jobs.map((job) => job.key).sort()).toEqual(
      [`${ids[demo.hooWigan]}:2026-W06`, `${ids[demo.rpd]}:2026-W06`].sort(),
    );
  });

  it('goes again the next week', async () => {
    expect(await queueWeeklyDigests(db, settings, new Date('2026-02-09T07:30:00Z'))).toBe(2);
    expect(await digests()).toHaveLength(4);
  });

  // Two servers at once. Only PostgreSQL can show it: PGlite has one connection, so its
  // "concurrent" runs take turns and would pass without the job table's unique key.
  it.skipIf(!inject('templateDatabaseUrl'))(
    'two runners at once still queue one email per owner (PostgreSQL)',
    async () => {
      const week = new Date('2026-02-16T07:00:00Z');
      const runs = await Promise.all(
        [1, 2, 3, 4].map(() => queueWeeklyDigests(db, settings, week)),
      );
      expect(runs.reduce((sum, queued) => sum + queued, 0)).toBe(2);
      const thisWeek = await db
        .select()
        .from(outboxEmails)
        .where(and(eq(outboxEmails.kind, 'weekly_digest'), eq(outboxEmails.createdAt, week)));
      expect(thisWeek.map((email) => email.recipientEmail).sort()).toEqual([
        demo.hooWigan,
        demo.rpd,
      ]);
    },
  );

  it('keeps names and titles stored with line breaks inside their own line', async () => {
    // Written before the input schemas refused line breaks: the email must still be safe.
    const lure = 'Sign in again here: https://evil.example/sign-in';
    await addAction(demo.hooTameside, `Check cases\r\n${lure}`, '2026-02-20');
    await db
      .update(users)
      .set({ name: `Tam\u2028${lure}` })
      .where(eq(users.email, demo.hooTameside));
    await queueWeeklyDigests(db, settings, new Date('2026-02-23T07:00:00Z'));
    const [tameside] = (await digests()).filter(
      (email) => email.recipientEmail === demo.hooTameside,
    );
    const lines = tameside!.body.split(/\r?\n|\r|\u2028|\u2029/);
    expect(lines.filter((line) => line.includes('evil.example'))).toEqual([
      `Hello Tam ${lure},`,
      `- Check cases ${lure}: due 20 February 2026`,
    ]);
  });
});
