import type { AuditEvent, OrgUnit } from '@tracker/shared';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { demo, signedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';

const world = routeTests(['admin']);

describe('the audit trail', () => {
  it('records each change with its actor, request id, before and after', async () => {
    const units = (await world.as.admin.get('/api/v1/org-units').expect(200)).body
      .items as OrgUnit[];
    const wigan = units.find((unit) => unit.code === 'wigan')!;
    const created = await world.as.admin
      .post('/api/v1/users')
      .set('x-request-id', 'audit-test-1')
      .send({
        email: 'audited@gm.probation.example',
        name: 'Audited',
        role: 'head_of_operations',
        unitId: wigan.id,
      })
      .expect(201);
    await world.as.admin
      .patch(`/api/v1/users/${created.body.user.id}`)
      .set('x-request-id', 'audit-test-2')
      .send({ name: 'Renamed' })
      .expect(200);

    const trail = await world.as.admin
      .get(`/api/v1/audit-events?subjectId=${created.body.user.id}`)
      .expect(200);
    const events = trail.body.items as AuditEvent[];
    expect(events.map((e) => [e.action, e.requestId])).toEqual([
      ['user.updated', 'audit-test-2'],
      ['user.created', 'audit-test-1'],
    ]);
    expect(events[0]).toMatchObject({
      actor: { type: 'user', label: expect.stringContaining(demo.admin) },
      subject: { type: 'user', id: created.body.user.id },
      before: { name: 'Audited' },
      after: { name: 'Renamed' },
    });
  });

  it('records sign-in, failed sign-in, sign-out and refused requests', async () => {
    const rpd = await world.testApp.signIn(demo.rpd);
    await signedInClient(world.testApp.app, rpd).get('/api/v1/users').expect(403);
    await signedInClient(world.testApp.app, rpd).delete('/api/v1/session').expect(204);
    const [person] = await world.testApp.database.db
      .select()
      .from(users)
      .where(eq(users.email, demo.rpd));
    const actions = (
      await world.as.admin.get(`/api/v1/audit-events?actorId=${person!.id}&limit=200`).expect(200)
    ).body.items.map((e: AuditEvent) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.signed_in', 'access.refused', 'auth.signed_out']),
    );

    await signedInClient(world.testApp.app, '')
      .post('/api/v1/session')
      .send({ email: demo.rpd, password: 'nope' })
      .expect(401);
    const [failed] = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'auth.signin_failed'));
    expect(failed).toMatchObject({ actorLabel: demo.rpd, subjectId: person!.id });
  });

  it('cannot be changed or deleted, even by the database owner', async () => {
    const [first] = await world.testApp.database.db.select().from(auditEvents).limit(1);
    await expect(
      world.testApp.database.db.execute(
        sql`update audit_events set action = 'tampered' where id = ${first!.id}`,
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only: UPDATE/) } });
    await expect(
      world.testApp.database.db.execute(sql`delete from audit_events where id = ${first!.id}`),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only: DELETE/) } });
    const [still] = await world.testApp.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.id, first!.id));
    expect(still!.action).toBe(first!.action);
  });

  it('is readable by region leads for their region only, and by nobody else but administrators', async () => {
    const rpd = signedInClient(world.testApp.app, await world.testApp.signIn(demo.rpd));
    const [region] = await world.testApp.database.db
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.code, 'greater-manchester'));
    const seen = (await rpd.get('/api/v1/audit-events?limit=200').expect(200)).body
      .items as AuditEvent[];
    expect(seen.length).toBeGreaterThan(0);
    const regionIds = await world.testApp.database.db
      .select({ regionId: auditEvents.regionId })
      .from(auditEvents)
      .where(
        sql`${auditEvents.id} in (${sql.join(
          seen.map((e) => sql`${Number(e.id)}`),
          sql`, `,
        )})`,
      );
    expect(regionIds.every((row) => row.regionId === region!.id)).toBe(true);
    // The seed's own event has no region: administrators see it, the region lead does not.
    const all = (await world.as.admin.get('/api/v1/audit-events?limit=200').expect(200)).body
      .items as AuditEvent[];
    expect(all.length).toBeGreaterThan(seen.length);

    for (const email of [demo.hooWigan, demo.inspector, demo.nationalLead]) {
      await signedInClient(world.testApp.app, await world.testApp.signIn(email))
        .get('/api/v1/audit-events')
        .expect(403);
    }
  });

  it('filters by subject type and time, pages newest first, and refuses bad filters', async () => {
    const users = (
      await world.as.admin.get('/api/v1/audit-events?subjectType=user&limit=2').expect(200)
    ).body;
    expect(users.items.every((e: AuditEvent) => e.subject.type === 'user')).toBe(true);
    const next = (
      await world.as.admin
        .get(`/api/v1/audit-events?subjectType=user&limit=2&cursor=${users.nextCursor}`)
        .expect(200)
    ).body;
    expect(Number(next.items[0].id)).toBeLessThan(Number(users.items[1].id));
    const future = await world.as.admin
      .get('/api/v1/audit-events?from=2999-01-01T00:00:00Z')
      .expect(200);
    expect(future.body.items).toEqual([]);
    const bad = await world.as.admin.get('/api/v1/audit-events?from=yesterday').expect(400);
    expect(bad.body.errors[0].path).toBe('from');
  });

  it('filters by who made the change, by part of their name or email in any case', async () => {
    await world.testApp.signIn(demo.hooWigan);
    await world.testApp.signIn(demo.hooTameside);
    const byName = (text: string) =>
      world.as.admin
        .get(`/api/v1/audit-events?actor=${encodeURIComponent(text)}&limit=200`)
        .expect(200);
    const wigan = (await byName('OPERATIONS, WIG')).body.items as AuditEvent[];
    expect(wigan.length).toBeGreaterThan(0);
    expect(wigan.every((e) => e.actor.label.includes(demo.hooWigan))).toBe(true);
    const byEmail = (await byName('hoo.tameside@')).body.items as AuditEvent[];
    expect(byEmail.length).toBeGreaterThan(0);
    expect(byEmail.every((e) => e.actor.label.includes(demo.hooTameside))).toBe(true);
    // LIKE's wildcards are taken as the characters they are: nobody is called "%".
    expect((await byName('%')).body.items).toEqual([]);
    expect((await byName('_')).body.items).toEqual([]);
    const tooLong = await world.as.admin
      .get(`/api/v1/audit-events?actor=${'x'.repeat(201)}`)
      .expect(400);
    expect(tooLong.body.errors[0].path).toBe('actor');
  });
});
