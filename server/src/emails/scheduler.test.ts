import { demoAccounts, greaterManchester2023 } from '@tracker/seeds';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { actions } from '../db/schema/actions';
import { outboxEmails } from '../db/schema/emails';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { seedDemoAccounts, seedLetter } from '../db/seed';
import { type TestApp, TestClock, createTestApp, demo, demoPassword } from '../testing/app';
import { type TestDatabase, createTestDatabase } from '../testing/database';

let database: TestDatabase;
let testApp: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await seedLetter(db, greaterManchester2023);
  await seedDemoAccounts(db, demoAccounts, { password: demoPassword, nodeEnv: 'test' });
  const [recommendation] = await db.select().from(recommendations).limit(1);
  const [owner] = await db.select().from(users).where(eq(users.email, demo.hooWigan));
  await db.insert(actions).values({
    recommendationId: recommendation!.id,
    owningUnitId: recommendation!.owningUnitId,
    ownerId: owner!.id,
    title: 'Audit supervision',
    dueDate: '2026-01-30',
  });
});
afterAll(() => testApp.close());

it('with EMAIL_SCHEDULER=on, runs the digest and the sender when the app is ready, and stops on close', async () => {
  testApp = await createTestApp({
    database,
    seed: false,
    env: { EMAIL_SCHEDULER: 'on' },
    // Monday 2 February 2026, 08:00 in London: the digest is due.
    clock: new TestClock(new Date('2026-02-02T08:00:00Z')),
  });
  // The first run starts at once; without a Notify key its digest ends up held.
  const deadline = Date.now() + 10_000;
  let emails: (typeof outboxEmails.$inferSelect)[] = [];
  while (Date.now() < deadline) {
    emails = await database.db.select().from(outboxEmails);
    if (emails.some((email) => email.status === 'held')) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(emails.filter((email) => email.kind === 'weekly_digest')).toMatchObject([
    { kind: 'weekly_digest', recipientEmail: demo.hooWigan },
  ]);
  // The leads' weekly roll-ups go in the same run.
  expect(
    emails
      .filter((email) => email.kind === 'weekly_roll_up')
      .map((email) => email.recipientEmail)
      .sort(),
  ).toEqual([demo.nationalLead, demo.rpd].sort());
  // Closing waits for a run in progress; the database is still open afterwards.
  await testApp.app.close();
  await database.db.select().from(outboxEmails);
});
