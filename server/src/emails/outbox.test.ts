import type { OutboxEmail, OutboxEmailPage, PasswordLink } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { outboxEmails } from '../db/schema/emails';
import { users } from '../db/schema/users';
import { TestClock, demo, signedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';
import { declineAllBut, planOf } from '../testing/plans';
import { sendDueEmails } from './sender';

const world = routeTests(['admin'], {
  clock: new TestClock(new Date('2026-02-02T10:00:00Z')),
  env: { PUBLIC_URL: 'https://tracker.example' },
});

async function outbox(query = ''): Promise<OutboxEmailPage> {
  return (await world.as.admin.get(`/api/v1/outbox-emails${query}`).expect(200)).body;
}

const runSender = () =>
  sendDueEmails(world.testApp.database.db, {
    publicUrl: 'https://tracker.example',
    clock: world.testApp.clock.now,
    provider: null,
  });

describe('set-password links', () => {
  it('creating a user queues an email to them with the link the administrator is shown', async () => {
    const created = await world.as.admin
      .post('/api/v1/users')
      .send({
        email: 'Mail.Person@gm.probation.example',
        name: 'Mail Person',
        role: 'head_of_operations',
        unitId: world.units.wigan!.id,
      })
      .expect(201);
    const link = created.body as PasswordLink;
    expect(link.setPasswordUrl).toMatch(/^https:\/\/tracker\.example\/set-password\?token=/);

    const [email] = (await outbox()).items;
    expect(email).toMatchObject({
      kind: 'set_password',
      to: 'mail.person@gm.probation.example',
      recipientId: link.user.id,
      subject: 'Set your password for Inspection action plans',
      status: 'queued',
      attempts: 0,
      sentAt: null,
      createdAt: '2026-02-02T10:00:00.000Z',
    });
    expect(email!.body).toContain('Hello Mail Person,');
    expect(email!.body).toContain('until 9 February 2026 at 10am');
    // Administrators see where the link leads, never the token that opens it.
    const token = new URL(link.setPasswordUrl).searchParams.get('token')!;
    expect(JSON.stringify(await outbox())).not.toContain(token);
    expect(email!.body.endsWith('\n\nhttps://tracker.example/set-password?token=[hidden]')).toBe(
      true,
    );
  });

  it('a password reset queues a new link; without a Notify key the sender holds, never sends', async () => {
    const [created] = (await outbox()).items;
    world.testApp.clock.advanceMinutes(1);
    const reset = await world.as.admin
      .post(`/api/v1/users/${created!.recipientId}/password-reset`)
      .expect(200);
    const [email] = (await outbox()).items;
    expect(email!.id).not.toBe(created!.id);
    const token = new URL((reset.body as PasswordLink).setPasswordUrl).searchParams.get('token')!;
    expect(JSON.stringify(await outbox())).not.toContain(token);

    expect(await runSender()).toBe(2);
    const all = (await outbox()).items;
    expect(all.map((item) => item.status)).toEqual(['held', 'held']);
    expect(all.every((item) => item.attempts === 0 && item.providerId === null)).toBe(true);
    // A held email is never sent: its link is gone from the table, and the page says what to do.
    const stored = await world.testApp.database.db.select().from(outboxEmails);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(all[0]!.body).toMatch(
      /\(The one-time link was not sent and is not kept: reset their password/,
    );
    expect(await runSender()).toBe(0);
  });
});

describe('a returned plan', () => {
  it('queues an email to the region lead, with the reasons and a link to the plan', async () => {
    world.testApp.clock.advanceMinutes(1);
    const db = world.testApp.database.db;
    const rpd = signedInClient(world.testApp.app, await world.testApp.signIn(demo.rpd));
    const inspector = signedInClient(world.testApp.app, await world.testApp.signIn(demo.inspector));
    const [first] = (await rpd.get('/api/v1/recommendations?limit=1').expect(200)).body.items;
    await declineAllBut(db, first.inspectionId);
    const plan = await planOf(db, first.inspectionId);
    const etag = (await rpd.get(`/api/v1/action-plans/${plan.id}`).expect(200)).headers.etag;
    await rpd
      .post(`/api/v1/action-plans/${plan.id}/submissions`)
      .set('if-match', String(etag))
      .set('idempotency-key', 'email-test')
      .send({ declaration: true })
      .expect(201);
    await inspector
      .post(`/api/v1/action-plans/${plan.id}/versions/1/review`)
      .send({ decision: 'returned', reasons: 'The dates are too late.' })
      .expect(200);

    const returned = (await outbox()).items.filter((email) => email.kind === 'plan_returned');
    const [lead] = await db.select().from(users).where(eq(users.email, demo.rpd));
    expect(returned).toHaveLength(1);
    expect(returned[0]).toMatchObject({
      to: demo.rpd,
      recipientId: lead!.id,
      subject: 'The inspectorate returned your action plan (version 1)',
      status: 'queued',
    });
    expect(returned[0]!.body).toContain(
      'The inspectorate returned version 1 of “Action plan: Greater Manchester”.',
    );
    expect(returned[0]!.body).toContain('Their reasons: The dates are too late.');
    expect(returned[0]!.body.endsWith(`https://tracker.example/plans/${plan.id}`)).toBe(true);
  });
});

describe('GET /api/v1/outbox-emails', () => {
  it('is for administrators only', async () => {
    await request(world.testApp.app.server).get('/api/v1/outbox-emails').expect(401);
    for (const email of [demo.rpd, demo.hooWigan, demo.nationalLead, demo.inspector]) {
      const client = signedInClient(world.testApp.app, await world.testApp.signIn(email));
      const refused = await client.get('/api/v1/outbox-emails').expect(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('lists newest first a page at a time, filtered by status', async () => {
    const all = (await outbox()).items;
    expect(all).toHaveLength(3);
    const pages: OutboxEmail[] = [];
    let cursor: string | null = null;
    do {
      const page: OutboxEmailPage = await outbox(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((email) => email.id)).toEqual(all.map((email) => email.id));

    expect((await outbox('?status=held')).items).toHaveLength(2);
    expect((await outbox('?status=queued')).items.map((email) => email.kind)).toEqual([
      'plan_returned',
    ]);
    expect((await outbox('?status=sent')).items).toEqual([]);
    const bad = await world.as.admin.get('/api/v1/outbox-emails?status=lost').expect(400);
    expect(bad.body.errors[0].path).toBe('status');
    await world.as.admin.get('/api/v1/outbox-emails?cursor=forged').expect(400);
  });
});
