import type { PasswordLink } from '@tracker/shared';
import { eq } from 'drizzle-orm';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

import { actions } from '../db/schema/actions';
import { recommendations } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { demo, signedInClient } from '../testing/app';
import { routeTests } from '../testing/route-test';

const world = routeTests(['admin']);

const tokenOf = (link: PasswordLink) => new URL(link.setPasswordUrl).searchParams.get('token')!;
const setPassword = (token: string, password: string) =>
  request(world.testApp.app.server).post('/api/v1/password').send({ token, password });
/** A new head of operations for Wigan, with the link to set their password. */
const inviteToWigan = (email: string, name: string) =>
  world.as.admin
    .post('/api/v1/users')
    .send({ email, name, role: 'head_of_operations', unitId: world.units.wigan!.id })
    .expect(201);

describe('the account lifecycle', () => {
  it('an administrator creates a user, who sets a password through the one-time link and signs in', async () => {
    const created = await inviteToWigan('New.Person@gm.probation.example', 'New Person');
    const link = created.body as PasswordLink;
    expect(link.user).toMatchObject({
      email: 'new.person@gm.probation.example',
      status: 'invited',
      unit: { name: 'Wigan' },
    });
    expect(link.setPasswordUrl).toMatch(/^http:\/\/localhost:3000\/set-password\?token=/);

    await request(world.testApp.app.server)
      .post('/api/v1/session')
      .send({ email: 'new.person@gm.probation.example', password: 'a long new password' })
      .expect(401);
    await setPassword(tokenOf(link), 'a long new password').expect(204);
    const cookie = await world.testApp.signIn(
      'new.person@gm.probation.example',
      'a long new password',
    );
    const me = await request(world.testApp.app.server)
      .get('/api/v1/me')
      .set('cookie', cookie)
      .expect(200);
    expect(me.body).toMatchObject({ role: 'head_of_operations', unit: { name: 'Wigan' } });

    const again = await setPassword(tokenOf(link), 'another long password').expect(400);
    expect(again.body.errors).toEqual([{ path: 'token', message: expect.any(String) }]);
  });

  it('refuses a short password, a role that does not fit the unit, and a duplicate email, naming the field', async () => {
    const short = await setPassword('x'.repeat(43), 'short').expect(400);
    expect(short.body.errors[0].path).toBe('password');

    const misfit = await world.as.admin
      .post('/api/v1/users')
      .send({
        email: 'misfit@gm.probation.example',
        name: 'Misfit',
        role: 'region_lead',
        unitId: world.units.wigan!.id,
      })
      .expect(400);
    expect(misfit.body.errors).toEqual([
      { path: 'unitId', message: expect.stringContaining('region') },
    ]);

    const duplicate = await world.as.admin
      .post('/api/v1/users')
      .send({
        email: demo.rpd,
        name: 'Copy',
        role: 'region_lead',
        unitId: world.units['greater-manchester']!.id,
      })
      .expect(409);
    expect(duplicate.body.errors).toEqual([{ path: 'email', message: 'is already in use' }]);
    expect(
      await world.testApp.database.db.$count(users, eq(users.email, 'misfit@gm.probation.example')),
    ).toBe(0);
  });

  it('refuses a common or breached password wherever one is set, naming the field', async () => {
    const created = await inviteToWigan('careless@gm.probation.example', 'Careless Person');
    const token = tokenOf(created.body as PasswordLink);
    for (const common of ['password1234', 'Password1234', 'qwertyuiop123']) {
      const refused = await setPassword(token, common).expect(400);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.errors).toEqual([
        { path: 'password', message: expect.stringMatching(/common/) },
      ]);
    }
    // Nothing was spent: the link still sets a good password.
    await setPassword(token, 'careless no more 2026').expect(204);

    const cookie = await world.testApp.signIn(
      'careless@gm.probation.example',
      'careless no more 2026',
    );
    const change = await request(world.testApp.app.server)
      .put('/api/v1/me/password')
      .set('cookie', cookie)
      .send({ currentPassword: 'careless no more 2026', newPassword: 'password1234' })
      .expect(400);
    expect(change.body.errors).toEqual([
      { path: 'newPassword', message: expect.stringMatching(/common/) },
    ]);
    await world.testApp.signIn('careless@gm.probation.example', 'careless no more 2026');
  });

  it('a user changes their own password; the wrong current password is refused', async () => {
    const cookie = await world.testApp.signIn(demo.hooTameside);
    const wrong = await request(world.testApp.app.server)
      .put('/api/v1/me/password')
      .set('cookie', cookie)
      .send({ currentPassword: 'not-it', newPassword: 'a brand new password' })
      .expect(400);
    expect(wrong.body.errors[0].path).toBe('currentPassword');
    await request(world.testApp.app.server)
      .put('/api/v1/me/password')
      .set('cookie', cookie)
      .send({ currentPassword: 'demo-password', newPassword: 'a brand new password' })
      .expect(204);
    await world.testApp.signIn(demo.hooTameside, 'a brand new password');
  });

  it('an administrator resets a password: the old one stops working and sessions end', async () => {
    const cookie = await world.testApp.signIn(demo.nationalLead);
    const { body: person } = await request(world.testApp.app.server)
      .get('/api/v1/me')
      .set('cookie', cookie)
      .expect(200);
    const reset = await world.as.admin
      .post(`/api/v1/users/${person.id}/password-reset`)
      .expect(200);
    await request(world.testApp.app.server).get('/api/v1/me').set('cookie', cookie).expect(401);
    await request(world.testApp.app.server)
      .post('/api/v1/session')
      .send({ email: demo.nationalLead, password: 'demo-password' })
      .expect(401);
    await setPassword(tokenOf(reset.body), 'national lead password').expect(204);
    await world.testApp.signIn(demo.nationalLead, 'national lead password');
  });

  it("changing a role or unit ends the person's sessions; the new scope applies at the next sign-in", async () => {
    const created = await world.as.admin
      .post('/api/v1/users')
      .send({
        email: 'mover@gm.probation.example',
        name: 'Mover',
        role: 'head_of_operations',
        unitId: world.units.tameside!.id,
      })
      .expect(201);
    await setPassword(tokenOf(created.body), 'mover password 123').expect(204);
    const cookie = await world.testApp.signIn('mover@gm.probation.example', 'mover password 123');
    const updated = await world.as.admin
      .patch(`/api/v1/users/${created.body.user.id}`)
      .send({ unitId: world.units.wigan!.id })
      .expect(200);
    expect(updated.body.unit.name).toBe('Wigan');
    await request(world.testApp.app.server).get('/api/v1/me').set('cookie', cookie).expect(401);
  });

  it("lists a disabled person's open actions and reassigns them; they count as unowned meanwhile", async () => {
    const [wiganHoo] = await world.testApp.database.db
      .select()
      .from(users)
      .where(eq(users.email, demo.hooWigan));
    const [tamesideHoo] = await world.testApp.database.db
      .select()
      .from(users)
      .where(eq(users.email, demo.hooTameside));
    const [recommendation] = await world.testApp.database.db
      .select()
      .from(recommendations)
      .limit(1);
    await world.testApp.database.db.insert(actions).values([
      {
        recommendationId: recommendation!.id,
        title: 'Open one',
        owningUnitId: wiganHoo!.unitId,
        ownerId: wiganHoo!.id,
        dueDate: '2027-01-31',
      },
      {
        recommendationId: recommendation!.id,
        title: 'Done one',
        owningUnitId: wiganHoo!.unitId,
        ownerId: wiganHoo!.id,
        status: 'complete',
      },
    ]);
    await world.as.admin.post(`/api/v1/users/${wiganHoo!.id}/disable`).expect(200);
    const open = await world.as.admin.get(`/api/v1/users/${wiganHoo!.id}/open-actions`).expect(200);
    expect(open.body.items.map((a: { title: string }) => a.title)).toEqual(['Open one']);

    const refused = await world.as.admin
      .post(`/api/v1/users/${wiganHoo!.id}/reassign-actions`)
      .send({ toUserId: wiganHoo!.id })
      .expect(400);
    expect(refused.body.errors[0].path).toBe('toUserId');

    const moved = await world.as.admin
      .post(`/api/v1/users/${wiganHoo!.id}/reassign-actions`)
      .send({ toUserId: tamesideHoo!.id })
      .expect(200);
    expect(moved.body).toEqual({ reassigned: 1 });
    expect(
      (await world.as.admin.get(`/api/v1/users/${wiganHoo!.id}/open-actions`).expect(200)).body
        .items,
    ).toEqual([]);
    await world.as.admin.post(`/api/v1/users/${wiganHoo!.id}/enable`).expect(200);
  });

  it('is for administrators only: a region lead gets 403 and nothing changes', async () => {
    const rpd = signedInClient(world.testApp.app, await world.testApp.signIn(demo.rpd));
    await rpd.get('/api/v1/users').expect(403);
    const before = await world.testApp.database.db.$count(users);
    await rpd
      .post('/api/v1/users')
      .send({
        email: 'sneaky@gm.probation.example',
        name: 'Sneaky',
        role: 'admin',
        unitId: world.units.hmpps!.id,
      })
      .expect(403);
    expect(await world.testApp.database.db.$count(users)).toBe(before);
  });

  it('filters the user list by role, unit and status', async () => {
    const byRole = await world.as.admin.get('/api/v1/users?role=inspector').expect(200);
    expect(byRole.body.items.map((u: { email: string }) => u.email)).toEqual([demo.inspector]);
    const invited = await world.as.admin.get('/api/v1/users?status=invited').expect(200);
    expect(invited.body.items.every((u: { status: string }) => u.status === 'invited')).toBe(true);
    const inWigan = await world.as.admin
      .get(`/api/v1/users?unitId=${world.units.wigan!.id}`)
      .expect(200);
    expect(
      inWigan.body.items.every((u: { unit: { name: string } }) => u.unit.name === 'Wigan'),
    ).toBe(true);
  });
});
