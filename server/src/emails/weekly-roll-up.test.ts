import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Db } from '../db/client';
import { actions } from '../db/schema/actions';
import { outboxEmails } from '../db/schema/emails';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { rollUp } from '../roll-up/queries';
import { type TestApp, createTestApp, demo } from '../testing/app';
import type { DigestSettings } from './digest';
import { queueWeeklyRollUps } from './weekly-roll-up';

/** Mondays 07:00 London, the RAG window's 14 days. */
const settings: DigestSettings = { dueSoonDays: 14, weekday: 1, hour: 7 };
const monday = new Date('2026-02-02T07:30:00Z');
const nextMonday = new Date('2026-02-09T07:30:00Z');

let testApp: TestApp;
let db: Db;
let ids: Record<string, string>;

async function addAction(title: string, dueDate: string) {
  const [recommendation] = await db
    .select()
    .from(recommendations)
    .where(eq(recommendations.ownerLevel, 'pdu'))
    .limit(1);
  await db.insert(actions).values({
    recommendationId: recommendation!.id,
    owningUnitId: recommendation!.owningUnitId,
    ownerId: ids[demo.hooWigan]!,
    title,
    dueDate,
    status: 'in_progress',
  });
}

const rollUpsTo = (email: string) =>
  db
    .select()
    .from(outboxEmails)
    .where(and(eq(outboxEmails.kind, 'weekly_roll_up'), eq(outboxEmails.recipientEmail, email)))
    .orderBy(desc(outboxEmails.createdAt));

beforeAll(async () => {
  testApp = await createTestApp();
  db = testApp.database.db;
  ids = Object.fromEntries(
    (await db.select().from(users)).map((person) => [person.email, person.id]),
  );
  await addAction('Audit supervision', '2026-01-30');
  await addAction('Train the team', '2026-02-10');
});
afterAll(async () => {
  await testApp.close();
});

describe('the weekly roll-up email', () => {
  it('waits for the weekday and hour, then goes once a week to each region and national lead', async () => {
    expect(await queueWeeklyRollUps(db, settings, new Date('2026-02-02T06:59:00Z'))).toBe(0);
    expect(await queueWeeklyRollUps(db, settings, new Date('2026-02-03T09:00:00Z'))).toBe(0);
    expect(await queueWeeklyRollUps(db, settings, monday)).toBe(2);
    expect(await queueWeeklyRollUps(db, settings, new Date('2026-02-02T10:00:00Z'))).toBe(0);
    const recipients = (await db.select().from(outboxEmails))
      .filter((email) => email.kind === 'weekly_roll_up')
      .map((email) => email.recipientEmail)
      .sort();
    expect(recipients).toEqual([demo.nationalLead, demo.rpd].sort());
  });

  it("reports the lead's figures as the roll-up counts them, and the plans waiting on them", async () => {
    const [email] = await rollUpsTo(demo.rpd);
    const figures = await rollUp(
      db,
      {
        scope: { regionId: (await regionOf(demo.rpd))!, livePlan: true, kinds: null },
        query: { groupBy: 'pdu', overdue: false },
      },
      { now: monday, dueSoonDays: 14 },
    );
    expect(figures.total.actions.overdue).toBe(1);
    expect(email!.subject).toBe(
      `Action plans this week: ${figures.total.actions.overdue} overdue, ${figures.total.actions.dueSoon} due soon`,
    );
    expect(email!.body).toContain(`- Actions overdue: ${figures.total.actions.overdue}\n`);
    expect(email!.body).toContain('- Manchester North: 1 overdue, 1 due soon');
    expect(email!.body).toMatch(/Waiting on you:\n- Regional review: Greater Manchester: 0 of \d+/);
    expect(email!.extra).toMatchObject({ link: '/roll-up', figures: { overdue: 1, dueSoon: 1 } });

    const [national] = await rollUpsTo(demo.nationalLead);
    expect(national!.body).toContain('The action plans of every region');
    expect(national!.body).toContain('HMPPS recommendations to answer');
  });

  it('says what changed since last week', async () => {
    await addAction('Late again', '2026-02-05');
    expect(await queueWeeklyRollUps(db, settings, nextMonday)).toBe(2);
    const [latest] = await rollUpsTo(demo.rpd);
    // One action added, overdue already; the one due on the 10th is still due soon.
    expect(latest!.body).toContain('- Actions overdue: 2 (1 more than last week)');
    expect(latest!.body).toContain('- Actions due in the next 14 days: 1 (no change)');
    expect(latest!.subject).toBe('Action plans this week: 2 overdue, 1 due soon');
  });

  it('goes to no disabled lead', async () => {
    await db
      .update(users)
      .set({ disabledAt: nextMonday })
      .where(eq(users.email, demo.nationalLead));
    expect(await queueWeeklyRollUps(db, settings, new Date('2026-02-16T08:00:00Z'))).toBe(1);
  });
});

async function regionOf(email: string) {
  const [person] = await db
    .select({ unitId: users.unitId })
    .from(users)
    .where(eq(users.email, email));
  return person?.unitId;
}
