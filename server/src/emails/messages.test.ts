import { randomUUID } from 'node:crypto';

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Db } from '../db/client';
import { outboxEmails } from '../db/schema/emails';
import { users } from '../db/schema/users';
import { type TestApp, createTestApp, demo } from '../testing/app';
import { emailPlanReturned, oneLine } from './messages';

let testApp: TestApp;
let db: Db;

beforeAll(async () => {
  testApp = await createTestApp();
  db = testApp.database.db;
});
afterAll(() => testApp.close());

describe('values people typed, in an email', () => {
  it('flatten to one line: line breaks and control characters become single spaces', () => {
    expect(oneLine(' Audit\r\n\r\nsupervision\u2028now\u0085\tplease\u0000 ')).toBe(
      'Audit supervision now please',
    );
  });

  it('never start a line of their own in a returned-plan email, whatever is stored', async () => {
    const lure = 'Sign in again here: https://evil.example/sign-in';
    const [lead] = await db.select().from(users).where(eq(users.email, demo.rpd));
    await db
      .update(users)
      .set({ name: `Pat\n${lure}` })
      .where(eq(users.id, lead!.id));
    await emailPlanReturned(
      db,
      {
        plan: { id: randomUUID(), regionId: lead!.unitId! },
        title: `Action plan\r\n${lure}`,
        versionNumber: 2,
        reasons: `Dates too late.\n\n${lure}`,
      },
      new Date('2026-02-02T10:00:00Z'),
    );
    const [email] = await db
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.recipientId, lead!.id));
    const lines = email!.body.split(/\r?\n|\r|\u2028|\u2029/);
    expect(lines.filter((line) => line.includes('evil.example'))).toEqual([
      `Hello Pat ${lure},`,
      `The inspectorate returned version 2 of “Action plan ${lure}”.`,
      `Their reasons: Dates too late. ${lure}`,
    ]);
  });
});
