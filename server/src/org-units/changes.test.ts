import type { OrgUnit } from '@tracker/shared';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { auditEvents } from '../db/schema/audit';
import { orgUnits } from '../db/schema/org-units';
import { routeTests } from '../testing/route-test';

// Synthetic units (named so): the demo data stays the real Greater Manchester letter.
const world = routeTests(['admin', 'rpd', 'hooWigan', 'nationalLead', 'inspector']);

async function unitRow(id: string) {
  const [row] = await world.testApp.database.db.select().from(orgUnits).where(eq(orgUnits.id, id));
  return row!;
}

async function auditOf(id: string) {
  return world.testApp.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectType, 'org_unit'), eq(auditEvents.subjectId, id)))
    .orderBy(auditEvents.id);
}

async function addRegion(code: string, name = `Synthetic ${code}`): Promise<OrgUnit> {
  const response = await world.as.admin
    .post('/api/v1/org-units')
    .send({ name, code, type: 'region' })
    .expect(201);
  return response.body;
}

async function addPdu(code: string, parentId: string): Promise<OrgUnit> {
  const response = await world.as.admin
    .post('/api/v1/org-units')
    .send({ name: `Synthetic ${code}`, code, type: 'pdu', parentId })
    .expect(201);
  return response.body;
}

const hmpps = () => world.units['hmpps']!;
const greaterManchester = () => world.units['greater-manchester']!;

describe('adding units', () => {
  it('an administrator adds a region under HMPPS and a PDU under it; both are audited', async () => {
    const region = await addRegion('synthetic-north-east');
    expect(region).toMatchObject({
      type: 'region',
      parentId: hmpps().id,
      retiredAt: null,
      revision: 1,
    });
    const pdu = await addPdu('synthetic-tyneside', region.id);
    expect(pdu).toMatchObject({ type: 'pdu', parentId: region.id });
    const [created] = await auditOf(pdu.id);
    expect(created).toMatchObject({
      action: 'org_unit.created',
      regionId: region.id,
      actorLabel: expect.stringContaining('admin@hmpps.example'),
    });
    const listed = await world.as.admin.get(`/api/v1/org-units?parentId=${region.id}`).expect(200);
    expect(listed.body.items.map((unit: OrgUnit) => unit.code)).toEqual(['synthetic-tyneside']);
  });

  it('refuses, naming the field and changing nothing: a taken code, a bad code, a PDU without a region, a PDU under a PDU', async () => {
    const before = await world.testApp.database.db.select().from(orgUnits);
    const taken = await world.as.admin
      .post('/api/v1/org-units')
      .send({ name: 'Another Wigan', code: 'wigan', type: 'pdu', parentId: greaterManchester().id })
      .expect(409);
    expect(taken.body.errors[0].path).toBe('code');
    const badCode = await world.as.admin
      .post('/api/v1/org-units')
      .send({ name: 'Bad', code: 'Not A Code', type: 'region' })
      .expect(400);
    expect(badCode.body.errors[0].path).toBe('code');
    const orphan = await world.as.admin
      .post('/api/v1/org-units')
      .send({ name: 'Orphan', code: 'synthetic-orphan', type: 'pdu' })
      .expect(400);
    expect(orphan.body.errors[0].path).toBe('parentId');
    const underPdu = await world.as.admin
      .post('/api/v1/org-units')
      .send({
        name: 'Nested',
        code: 'synthetic-nested',
        type: 'pdu',
        parentId: world.units['wigan']!.id,
      })
      .expect(400);
    expect(underPdu.body.errors[0]).toMatchObject({ path: 'parentId', message: 'is not a region' });
    const national = await world.as.admin
      .post('/api/v1/org-units')
      .send({ name: 'Second HMPPS', code: 'synthetic-hmpps', type: 'hmpps' })
      .expect(400);
    expect(national.body.errors[0].path).toBe('type');
    expect(await world.testApp.database.db.select().from(orgUnits)).toHaveLength(before.length);
  });

  it('only administrators add or change units', async () => {
    for (const person of [
      world.as.rpd,
      world.as.nationalLead,
      world.as.inspector,
      world.as.hooWigan,
    ]) {
      await person
        .post('/api/v1/org-units')
        .send({ name: 'Sneaky', code: 'synthetic-sneaky', type: 'region' })
        .expect(403);
      await person
        .patch(`/api/v1/org-units/${world.units['wigan']!.id}`)
        .set('if-match', '"1"')
        .send({ name: 'Renamed' })
        .expect(403);
    }
    expect((await unitRow(world.units['wigan']!.id)).name).toBe('Wigan');
  });
});

describe('changing units', () => {
  it('renames with If-Match; a stale revision gets 412 and none gets 428, changing nothing', async () => {
    const region = await addRegion('synthetic-rename');
    const read = await world.as.admin.get(`/api/v1/org-units/${region.id}`).expect(200);
    expect(read.headers.etag).toBe('"1"');
    await world.as.admin
      .patch(`/api/v1/org-units/${region.id}`)
      .send({ name: 'Synthetic Renamed' })
      .expect(428);
    const renamed = await world.as.admin
      .patch(`/api/v1/org-units/${region.id}`)
      .set('if-match', '"1"')
      .send({ name: 'Synthetic Renamed' })
      .expect(200);
    expect(renamed.headers.etag).toBe('"2"');
    expect(renamed.body).toMatchObject({ name: 'Synthetic Renamed', revision: 2 });
    await world.as.admin
      .patch(`/api/v1/org-units/${region.id}`)
      .set('if-match', '"1"')
      .send({ name: 'Lost update' })
      .expect(412);
    expect((await unitRow(region.id)).name).toBe('Synthetic Renamed');
    const [, updated] = await auditOf(region.id);
    expect(updated).toMatchObject({
      action: 'org_unit.updated',
      before: { name: 'Synthetic synthetic-rename' },
      after: { name: 'Synthetic Renamed' },
    });
  });

  it('a region does not move, HMPPS and the inspectorate are not changed here', async () => {
    const region = await addRegion('synthetic-fixed');
    const other = await addRegion('synthetic-other');
    const moved = await world.as.admin
      .patch(`/api/v1/org-units/${region.id}`)
      .set('if-match', '"1"')
      .send({ parentId: other.id })
      .expect(400);
    expect(moved.body.errors[0].path).toBe('parentId');
    await world.as.admin
      .patch(`/api/v1/org-units/${hmpps().id}`)
      .set('if-match', '"1"')
      .send({ name: 'Renamed HMPPS' })
      .expect(409);
  });

  it('retiring refuses while people, open actions or PDUs remain, and says which', async () => {
    const wigan = world.units['wigan']!;
    const refused = await world.as.admin
      .patch(`/api/v1/org-units/${wigan.id}`)
      .set('if-match', `"${(await unitRow(wigan.id)).revision}"`)
      .send({ retired: true })
      .expect(409);
    expect(refused.body.errors[0].path).toBe('retired');
    expect(refused.body.detail).toMatch(/1 person \(move or disable them\)/);
    const region = await world.as.admin
      .patch(`/api/v1/org-units/${greaterManchester().id}`)
      .set('if-match', `"${(await unitRow(greaterManchester().id)).revision}"`)
      .send({ retired: true })
      .expect(409);
    expect(region.body.detail).toMatch(/3 PDUs \(move or retire them\)/);
    expect((await unitRow(wigan.id)).retiredAt).toBeNull();
  });

  it('a retired PDU keeps its history but takes no new people or actions; it can be brought back, not into a retired region', async () => {
    const gm = greaterManchester();
    const pdu = await addPdu('synthetic-bolton', gm.id);
    const retired = await world.as.admin
      .patch(`/api/v1/org-units/${pdu.id}`)
      .set('if-match', '"1"')
      .send({ retired: true })
      .expect(200);
    expect(retired.body.retiredAt).toBe(world.testApp.clock.now().toISOString());

    const person = await world.as.admin
      .post('/api/v1/users')
      .send({
        name: 'New Person',
        email: 'new.person@gm.probation.example',
        role: 'head_of_operations',
        unitId: pdu.id,
      })
      .expect(400);
    expect(person.body.errors[0]).toMatchObject({ path: 'unitId', message: 'is a retired unit' });

    const regionRecommendation = world.recommendations.find(
      (recommendation) => recommendation.ownerLevel === 'region',
    )!;
    const action = await world.as.rpd
      .post(`/api/v1/recommendations/${regionRecommendation.id}/actions`)
      .send({ title: 'Synthetic action for a retired PDU', owningUnitId: pdu.id })
      .expect(400);
    expect(action.body.errors[0].path).toBe('owningUnitId');

    const back = await world.as.admin
      .patch(`/api/v1/org-units/${pdu.id}`)
      .set('if-match', '"2"')
      .send({ retired: false })
      .expect(200);
    expect(back.body.retiredAt).toBeNull();
    await world.as.rpd
      .post(`/api/v1/recommendations/${regionRecommendation.id}/actions`)
      .send({ title: 'Synthetic action for a retired PDU', owningUnitId: pdu.id })
      .expect(201);

    const region = await addRegion('synthetic-closing');
    const inside = await addPdu('synthetic-inside', region.id);
    await world.as.admin
      .patch(`/api/v1/org-units/${inside.id}`)
      .set('if-match', '"1"')
      .send({ retired: true })
      .expect(200);
    await world.as.admin
      .patch(`/api/v1/org-units/${region.id}`)
      .set('if-match', '"1"')
      .send({ retired: true })
      .expect(200);
    const refused = await world.as.admin
      .patch(`/api/v1/org-units/${inside.id}`)
      .set('if-match', '"2"')
      .send({ retired: false })
      .expect(400);
    expect(refused.body.errors[0].path).toBe('retired');
  });

  it("moving a PDU moves its people's scope at once: they see the new region, not the old one", async () => {
    const wigan = world.units['wigan']!;
    const hooWigan = world.as.hooWigan;
    const seenBefore = await hooWigan.get('/api/v1/inspections').expect(200);
    expect(seenBefore.body.items.length).toBeGreaterThan(0);

    const region = await addRegion('synthetic-north-west');
    await world.as.admin
      .patch(`/api/v1/org-units/${wigan.id}`)
      .set('if-match', `"${(await unitRow(wigan.id)).revision}"`)
      .send({ parentId: region.id })
      .expect(200);

    expect((await hooWigan.get('/api/v1/inspections').expect(200)).body.items).toEqual([]);
    const seen = (await hooWigan.get('/api/v1/org-units?type=region').expect(200)).body.items;
    expect(seen.map((unit: OrgUnit) => unit.id)).toEqual([region.id]);
    const moved = (await auditOf(wigan.id)).at(-1);
    expect(moved).toMatchObject({
      before: { parentId: greaterManchester().id },
      after: { parentId: region.id },
    });
  });
});

describe('loading units from a spreadsheet', () => {
  const importCsv = (csv: string, mode: 'dry-run' | 'apply') =>
    world.as.admin
      .post(`/api/v1/org-unit-imports?mode=${mode}`)
      .attach('file', Buffer.from(csv), { filename: 'units.csv' });

  const sheet = [
    'Type,Name,Code,Region',
    'Region,Synthetic Wales,synthetic-wales,',
    'PDU,Synthetic Cardiff,synthetic-cardiff,Synthetic Wales',
    'PDU,Synthetic Swansea,synthetic-swansea,synthetic-wales',
    'PDU,Synthetic Oldham,synthetic-oldham,Greater Manchester',
    'PDU,Tameside,tameside,greater-manchester',
  ].join('\r\n');

  it('a dry run reports each row and adds nothing; applying adds them all, audited; again, all unchanged', async () => {
    const count = async () => (await world.testApp.database.db.select().from(orgUnits)).length;
    const before = await count();
    const dry = await importCsv(sheet, 'dry-run').expect(200);
    expect(dry.body).toMatchObject({
      applied: false,
      counts: { create: 4, unchanged: 1, error: 0 },
    });
    expect(dry.body.rows[1]).toMatchObject({
      outcome: 'create',
      subjectId: null,
      changes: expect.arrayContaining([{ column: 'Region', from: null, to: 'Synthetic Wales' }]),
    });
    expect(await count()).toBe(before);

    const applied = await importCsv(sheet, 'apply').expect(200);
    expect(applied.body).toMatchObject({ applied: true, counts: { create: 4, unchanged: 1 } });
    expect(await count()).toBe(before + 4);
    const wales = applied.body.rows[0].subjectId as string;
    const inWales = await world.as.admin.get(`/api/v1/org-units?parentId=${wales}`).expect(200);
    expect(inWales.body.items.map((unit: OrgUnit) => unit.code)).toEqual([
      'synthetic-cardiff',
      'synthetic-swansea',
    ]);
    expect(await auditOf(applied.body.rows[1].subjectId)).toMatchObject([
      { action: 'org_unit.created', regionId: wales },
    ]);

    const again = await importCsv(sheet, 'apply').expect(200);
    expect(again.body.counts).toMatchObject({ create: 0, unchanged: 5 });
    expect(await count()).toBe(before + 4);
  });

  it('any row in error adds nothing, and each error names its row and column', async () => {
    const count = async () => (await world.testApp.database.db.select().from(orgUnits)).length;
    const before = await count();
    const bad = [
      'Type,Name,Code,Region',
      'Region,Synthetic Fine,synthetic-fine,',
      'County,Synthetic Shire,synthetic-shire,',
      'PDU,Synthetic Nowhere,synthetic-nowhere,Atlantis',
      'PDU,Another Wigan,wigan,Greater Manchester',
      'PDU,Synthetic Twice,synthetic-fine,Greater Manchester',
      'Region,Bad Code,Bad Code,',
    ].join('\r\n');
    const report = await importCsv(bad, 'apply').expect(200);
    expect(report.body.applied).toBe(false);
    expect(report.body.errors).toEqual([
      { row: 3, column: 'Type', message: 'must be Region or PDU' },
      {
        row: 4,
        column: 'Region',
        message: '"Atlantis" is not a region here or earlier in the file',
      },
      {
        row: 5,
        column: 'Code',
        message: expect.stringContaining('"wigan" is already Wigan'),
      },
      { row: 6, column: 'Code', message: '"synthetic-fine" is also on row 2' },
      { row: 7, column: 'Code', message: expect.stringContaining('lower-case') },
    ]);
    expect(report.body.rows[0]).toMatchObject({ outcome: 'create', subjectId: null });
    expect(await count()).toBe(before);
  });

  it('only administrators load units', async () => {
    await world.as.rpd
      .post('/api/v1/org-unit-imports?mode=apply')
      .attach('file', Buffer.from(sheet), { filename: 'units.csv' })
      .expect(403);
  });
});
