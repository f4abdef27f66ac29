import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { readFileSync } from 'node:fs';

import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Db } from '../db/client';
import { outboxEmails } from '../db/schema/emails';
import { type TestDatabase, createTestDatabase } from '../testing/database';
import { TestClock, testConfig } from '../testing/app';
import { type EmailToQueue, queueEmail } from './outbox';
import { type SenderOptions, claimNext, notifyProvider, sendDueEmails } from './sender';

/** A stand-in for GOV.UK Notify on loopback: answers what the test says, records what it got. */
class NotifyStub {
  status = 201;
  posts: { path: string; authorization: string; body: Record<string, unknown> }[] = [];
  lookups: string[] = [];
  /** References Notify "already has", as if an earlier send had reached it. */
  known = new Map<string, string>();
  private server = http.createServer((req, res) => this.answer(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop = () => new Promise<void>((resolve) => this.server.close(() => resolve()));

  private answer(req: http.IncomingMessage, res: http.ServerResponse) {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://stub');
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && url.pathname === '/v2/notifications') {
        const reference = url.searchParams.get('reference') ?? '';
        this.lookups.push(reference);
        const id = this.known.get(reference);
        res.end(JSON.stringify({ notifications: id ? [{ id, reference }] : [], links: {} }));
        return;
      }
      this.posts.push({
        path: url.pathname,
        authorization: req.headers.authorization ?? '',
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      res.statusCode = this.status;
      res.end(JSON.stringify(this.status === 201 ? { id: randomUUID() } : this.errorBody()));
    });
  }

  private errorBody() {
    const message = this.status === 400 ? 'email_address Not a valid email address' : 'Internal';
    return { status_code: this.status, errors: [{ error: 'Error', message }] };
  }
}

const templateId = '4e7c2f1a-8d1b-4c39-9a57-0b6f0f6d2a11';
const apiKey = `test_key-${randomUUID()}-${randomUUID()}`;
let database: TestDatabase;
let db: Db;
let stub: NotifyStub;
let clock: TestClock;
let sender: SenderOptions;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  stub = new NotifyStub();
  const baseUrl = await stub.start();
  clock = new TestClock(new Date('2026-02-02T10:00:00Z'));
  const config = testConfig({
    NOTIFY_API_KEY: apiKey,
    NOTIFY_TEMPLATE_ID: templateId,
    NOTIFY_BASE_URL: baseUrl,
    PUBLIC_URL: 'https://tracker.example',
  });
  sender = { publicUrl: config.publicUrl, clock: clock.now, provider: notifyProvider(config) };
});
afterAll(async () => {
  await stub.stop();
  await database.destroy();
});
beforeEach(async () => {
  await db.delete(outboxEmails);
  stub.status = 201;
  stub.posts = [];
  stub.lookups = [];
  stub.known.clear();
});

async function queue(subject = 'Hello', extra: Partial<EmailToQueue> = {}) {
  return queueEmail(
    db,
    { kind: 'plan_returned', to: 'someone@example.gov.uk', subject, body: 'Some text', ...extra },
    { now: clock.now() },
  );
}

const token = 'tok3n-that-sets-a-password';

const queueSecret = () =>
  queue('Set your password', {
    link: `/set-password?token=${token}`,
    secretLink: true,
    linkExpiresAt: new Date(clock.now().getTime() + 7 * 24 * 3_600_000),
  });

/** Nowhere in the table: not in the body, the link, nor any other column. */
async function expectNoTokenKept() {
  expect(JSON.stringify(await db.select().from(outboxEmails))).not.toContain(token);
}

async function row(id: string) {
  const [found] = await db.select().from(outboxEmails).where(eq(outboxEmails.id, id));
  return found!;
}

describe('sending through GOV.UK Notify', () => {
  it('sends with the one template, the subject and body as personalisation, and the id as reference', async () => {
    const id = await queue('Action plan returned', { link: '/plans/1' });
    expect(await sendDueEmails(db, sender)).toBe(1);
    expect(stub.posts).toHaveLength(1);
    const [post] = stub.posts;
    expect(post!.path).toBe('/v2/notifications/email');
    expect(post!.authorization).toMatch(/^Bearer ey/);
    expect(post!.body).toEqual({
      template_id: templateId,
      email_address: 'someone@example.gov.uk',
      personalisation: {
        subject: 'Action plan returned',
        body: 'Some text\n\nhttps://tracker.example/plans/1',
      },
      reference: id,
    });
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: clock.now(),
      leaseUntil: null,
      lastError: null,
    });
    expect((await row(id)).providerId).toMatch(/^[0-9a-f-]{36}$/);
    // Sent is final: later runs never send it again.
    expect(await sendDueEmails(db, sender)).toBe(0);
    expect(stub.posts).toHaveLength(1);
  });

  it('leaves a failed email queued for a later try, then sends it once Notify answers', async () => {
    const id = await queue();
    stub.status = 500;
    expect(await sendDueEmails(db, sender)).toBe(1);
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, leaseUntil: null });
    expect(failed.lastError).toBe('GOV.UK Notify answered 500: Internal');
    expect(failed.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 60_000);

    // Not due yet: nothing is tried.
    expect(await sendDueEmails(db, sender)).toBe(0);
    expect(stub.posts).toHaveLength(1);

    stub.status = 201;
    clock.advanceMinutes(1);
    expect(await sendDueEmails(db, sender)).toBe(1);
    // A retry first asks Notify whether the earlier try got through.
    expect(stub.lookups).toEqual([id]);
    expect(stub.posts).toHaveLength(2);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('waits twice as long after each failure', async () => {
    const id = await queue();
    stub.status = 503;
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await sendDueEmails(db, sender);
      const next = (await row(id)).nextAttemptAt.getTime();
      waits.push((next - clock.now().getTime()) / 60_000);
      clock.advanceMinutes(waits.at(-1)!);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    expect((await row(id)).attempts).toBe(4);
  });

  it('holds an email Notify refuses outright (400), with the reason', async () => {
    const id = await queue();
    stub.status = 400;
    await sendDueEmails(db, sender);
    expect(await row(id)).toMatchObject({
      status: 'held',
      attempts: 1,
      lastError: 'GOV.UK Notify answered 400: email_address Not a valid email address',
    });
    clock.advanceMinutes(60);
    expect(await sendDueEmails(db, sender)).toBe(0);
  });

  it('does not send again what Notify already has after a sender died mid-send', async () => {
    const id = await queue();
    // A sender claims the email, Notify accepts it, and the process dies before recording it.
    const claimed = await claimNext(db, clock.now());
    expect(claimed).toMatchObject({ id, status: 'sending', attempts: 1 });
    stub.known.set(id, 'notify-message-1');
    expect(await sendDueEmails(db, sender)).toBe(0);

    clock.advanceMinutes(6);
    expect(await sendDueEmails(db, sender)).toBe(1);
    expect(stub.posts).toHaveLength(0);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      providerId: 'notify-message-1',
      attempts: 2,
    });
  });

  it('forgets a one-time link once Notify has it', async () => {
    const id = await queueSecret();
    await sendDueEmails(db, sender);
    expect(stub.posts[0]!.body.personalisation).toMatchObject({
      body: `Some text\n\nhttps://tracker.example/set-password?token=${token}`,
    });
    const sent = await row(id);
    expect(sent.status).toBe('sent');
    expect(sent.extra).toEqual({ secret: true, expiresAt: expect.any(String) });
    await expectNoTokenKept();
  });

  it('forgets a one-time link when Notify refuses the email and it is held', async () => {
    const id = await queueSecret();
    stub.status = 400;
    await sendDueEmails(db, sender);
    expect((await row(id)).status).toBe('held');
    await expectNoTokenKept();
  });

  it('holds a waiting email once its one-time link has expired, and forgets the link', async () => {
    const id = await queueSecret();
    // The sender was down for the whole week the link worked.
    clock.advanceMinutes(7 * 24 * 60);
    expect(await sendDueEmails(db, sender)).toBe(0);
    expect(stub.posts).toEqual([]);
    expect(await row(id)).toMatchObject({
      status: 'held',
      lastError: 'The one-time link expired before the email was sent.',
    });
    await expectNoTokenKept();
  });

  it('a migration forgets the links kept in sent and held emails before the sender did', async () => {
    const kept = { link: `/set-password?token=${token}`, secret: true };
    const ids = [await queueSecret(), await queueSecret(), await queueSecret()];
    await db
      .update(outboxEmails)
      .set({ status: 'sent', extra: kept })
      .where(eq(outboxEmails.id, ids[0]!));
    await db
      .update(outboxEmails)
      .set({ status: 'held', extra: kept })
      .where(eq(outboxEmails.id, ids[1]!));
    const migration = new URL(
      '../../../migrations/0007_forget_kept_password_links.sql',
      import.meta.url,
    );
    await db.execute(sql.raw(readFileSync(migration, 'utf8')));
    expect((await row(ids[0]!)).extra).toEqual({ secret: true });
    expect((await row(ids[1]!)).extra).toEqual({ secret: true });
    // A waiting email still needs its link to be sent.
    expect((await row(ids[2]!)).extra).toMatchObject({ link: kept.link });
  });

  it('sends each email once with two senders at once', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, (_, n) => queue(`Email ${n}`)));
    const [first, second] = await Promise.all([
      sendDueEmails(db, sender),
      sendDueEmails(db, sender),
    ]);
    expect(first + second).toBe(12);
    const references = stub.posts.map((post) => post.body.reference).sort();
    expect(references).toEqual([...ids].sort());
    // Each claim took exactly one email: none is left "sending" with nobody sending it.
    const statuses = (await db.select().from(outboxEmails)).map((email) => email.status);
    expect(statuses).toEqual(Array(12).fill('sent'));
  });
});

describe('without NOTIFY_API_KEY', () => {
  it('holds every email and sends none', async () => {
    const id = await queue();
    const holding = { ...sender, provider: notifyProvider(testConfig({})) };
    expect(holding.provider).toBeNull();
    expect(await sendDueEmails(db, holding)).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'held', attempts: 0, sentAt: null });
    expect(stub.posts).toHaveLength(0);
    // A held email is never sent: a one-time link in it is forgotten at once.
    await queueSecret();
    await sendDueEmails(db, holding);
    await expectNoTokenKept();
    // Held stays held, even once a key is configured.
    expect(await sendDueEmails(db, sender)).toBe(0);
    expect(stub.posts).toHaveLength(0);
  });
});
