import type { ImportReport, Inspection, OrgUnit, Recommendation } from '@tracker/shared';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';

import { seedLetter } from '../db/seed';
import { makeWorkbookBomb } from '../evidence/test-zip';
import { actionPlans } from '../db/schema/action-plans';
import { auditEvents } from '../db/schema/audit';
import { inspections } from '../db/schema/inspections';
import { recommendations } from '../db/schema/recommendations';
import { type SignedInClient, demo, signedInClient } from '../testing/app';
import { northWestLetter } from '../testing/other-region';
import { routeTests } from '../testing/route-test';
let units: Record<string, OrgUnit>;
let created: Inspection;

const headings = ['Source PDU', 'Number', 'Recommendation', 'Owner level', 'Owning unit', 'Themes'];
type Row = (string | number | null)[];

/** The corrected file: its order is not the PDUs' or the numbers', so order is the file's. */
const goodRows: Row[] = [
  [
    'Knowsley',
    1,
    'Improve the quality of risk assessments.',
    'PDU',
    null,
    'Risk of harm; Staffing',
  ],
  ['Liverpool North', 1, 'Reduce caseloads.', 'pdu', 'Liverpool North', 'staffing'],
  ['Liverpool North', 2, 'Review the region’s training offer.', 'Region', 'North West', 'Training'],
  ['Knowsley', 2, 'Fund the accommodation programme.', 'HMPPS', 'HMPPS', 'resettlement'],
];

async function workbook(rows: Row[], columns = headings): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Recommendations');
  sheet.addRow(columns);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csv(rows: Row[]): Buffer {
  const quote = (cell: string | number | null) => `"${String(cell ?? '').replace(/"/g, '""')}"`;
  return Buffer.from([headings, ...rows].map((row) => row.map(quote).join(',')).join('\r\n'));
}

const importInto = (
  inspectionId: string,
  file: Buffer,
  mode: 'dry-run' | 'apply',
  client: SignedInClient = world.as.admin,
  name = 'recommendations.xlsx',
) =>
  client
    .post(`/api/v1/inspections/${inspectionId}/recommendation-imports?mode=${mode}`)
    .attach('file', file, { filename: name });

async function recommendationsOf(inspectionId: string): Promise<Recommendation[]> {
  const page = await world.as.admin
    .get(`/api/v1/recommendations?inspectionId=${inspectionId}`)
    .expect(200);
  return page.body.items;
}

async function auditCount(action: string): Promise<number> {
  const [row] = await world.testApp.database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(eq(auditEvents.action, action));
  return row!.n;
}

const newInspection = {
  title: 'Inspection of probation services: Merseyside',
  kind: 'pdu_inspection',
  letterDate: '2025-03-14',
  author: 'Martin Jones, HM Chief Inspector of Probation',
  addressee: 'Regional Probation Director, North West',
};

const world = routeTests(['admin'], {
  async prepare(testApp) {
    // The North West with a second PDU, so a file can name two source PDUs.
    const letter = northWestLetter();
    letter.pdus.push({ ...letter.pdus[0]!, name: 'Knowsley', code: 'knowsley' });
    await seedLetter(testApp.database.db, letter);
  },
});
beforeAll(async () => {
  const list = (await world.as.admin.get('/api/v1/org-units?limit=200').expect(200)).body
    .items as OrgUnit[];
  units = Object.fromEntries(list.map((unit) => [unit.name, unit]));
});

describe('POST /api/v1/inspections', () => {
  it('creates an inspection of another region with its draft action plan, audited', async () => {
    const body = { ...newInspection, regionId: units['North West']!.id };
    const response = await world.as.admin.post('/api/v1/inspections').send(body).expect(201);
    created = response.body;
    expect(response.headers.location).toBe(`/api/v1/inspections/${created.id}`);
    expect(created).toMatchObject({
      ...newInspection,
      region: { name: 'North West', type: 'region' },
      inspectedPdus: [],
      recommendationCount: 0,
    });
    const listed = (await world.as.admin.get('/api/v1/inspections').expect(200)).body
      .items as Inspection[];
    expect(listed.map((inspection) => inspection.id)).toContain(created.id);
    const plans = await world.as.admin
      .get(`/api/v1/action-plans?inspectionId=${created.id}`)
      .expect(200);
    expect(plans.body.items).toHaveLength(1);
    expect(plans.body.items[0]).toMatchObject({
      inspectionId: created.id,
      status: 'draft',
      region: { name: 'North West' },
    });
    expect(await auditCount('inspection.created')).toBe(1);
  });

  it('refuses the same letter twice (409), a PDU as region and unknown fields (400)', async () => {
    const regionId = units['North West']!.id;
    const duplicate = await world.as.admin
      .post('/api/v1/inspections')
      .send({ ...newInspection, regionId })
      .expect(409);
    expect(duplicate.body.errors[0].path).toBe('letterDate');
    const pdu = await world.as.admin
      .post('/api/v1/inspections')
      .send({ ...newInspection, letterDate: '2025-04-01', regionId: units.Knowsley!.id })
      .expect(400);
    expect(pdu.body.errors).toEqual([{ path: 'regionId', message: 'must be a region' }]);
    await world.as.admin
      .post('/api/v1/inspections')
      .send({ ...newInspection, regionId, fieldwork: '2025-01' })
      .expect(400);
    const blank = await world.as.admin
      .post('/api/v1/inspections')
      .send({ ...newInspection, regionId, author: '  ' })
      .expect(400);
    expect(blank.body.errors[0].path).toBe('author');
    expect((await world.testApp.database.db.select({ n: count() }).from(inspections))[0]!.n).toBe(
      3,
    );
  });
});

describe('POST /api/v1/inspections/:id/recommendation-imports', () => {
  it('a dry run reports every row and creates nothing', async () => {
    const response = await importInto(created.id, await workbook(goodRows), 'dry-run').expect(200);
    const report = response.body as ImportReport;
    expect(report).toMatchObject({ applied: false, errors: [], counts: { create: 4, error: 0 } });
    expect(report.rows.map((row) => [row.row, row.outcome, row.label, row.subjectId])).toEqual([
      [2, 'create', 'Knowsley 1', null],
      [3, 'create', 'Liverpool North 1', null],
      [4, 'create', 'Liverpool North 2', null],
      [5, 'create', 'Knowsley 2', null],
    ]);
    expect(report.rows[0]!.changes).toContainEqual({
      column: 'Themes',
      from: null,
      to: 'Risk of harm; Staffing',
    });
    expect(await recommendationsOf(created.id)).toEqual([]);
    expect(await auditCount('recommendation.created')).toBe(0);
  });

  it('a file with one bad row changes nothing and names that row and column', async () => {
    const rows = goodRows.map((row) => [...row]);
    rows[2]![3] = 'County';
    const report = (await importInto(created.id, await workbook(rows), 'apply').expect(200))
      .body as ImportReport;
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { row: 4, column: 'Owner level', message: 'must be one of PDU, Region, HMPPS' },
    ]);
    expect(report.counts).toMatchObject({ create: 3, error: 1 });
    expect(await recommendationsOf(created.id)).toEqual([]);
    expect(await auditCount('recommendation.created')).toBe(0);
  });

  it('names each kind of bad cell by row and column', async () => {
    const rows: Row[] = [
      ['Wigan', 1, 'Another region’s PDU.', 'PDU', null, null],
      ['Knowsley', 'three', 'Not a number.', 'PDU', null, null],
      ['Knowsley', 4, null, 'PDU', null, 'Staffing'],
      ['Knowsley', 5, 'Wrong owner.', 'Region', 'Knowsley', null],
      ['Knowsley', 6, 'Unknown theme.', 'PDU', null, 'Staffing; Morale'],
      ['Knowsley', 7, 'First.', 'PDU', null, null],
      ['knowsley', 7, 'Second with the same number.', 'PDU', null, null],
    ];
    const report = (await importInto(created.id, await workbook(rows), 'apply').expect(200))
      .body as ImportReport;
    expect(report.errors.map((error) => [error.row, error.column])).toEqual([
      [2, 'Source PDU'],
      [3, 'Number'],
      [4, 'Recommendation'],
      [5, 'Owning unit'],
      [6, 'Themes'],
      [8, 'Number'],
    ]);
    expect(report.errors[0]!.message).toBe('"Wigan" is not a PDU of North West');
    expect(report.errors[5]!.message).toBe('Knowsley 7 is also on row 7');
    expect(report.errors[4]!.message).toMatch(/^"Morale" is not a theme: use Risk of harm, /);
    expect(report.applied).toBe(false);
    expect(await recommendationsOf(created.id)).toEqual([]);
  });

  it('the corrected file creates exactly its recommendations, in file order, audited', async () => {
    const report = (await importInto(created.id, await workbook(goodRows), 'apply').expect(200))
      .body as ImportReport;
    expect(report).toMatchObject({ applied: true, errors: [], counts: { create: 4 } });
    const loaded = await recommendationsOf(created.id);
    expect(report.rows.map((row) => row.subjectId)).toEqual(loaded.map((r) => r.id));
    expect(
      loaded.map((r) => [r.sourcePdu.name, r.number, r.ownerLevel, r.owningUnit.name, r.themes]),
    ).toEqual([
      ['Knowsley', 1, 'pdu', 'Knowsley', ['risk_of_harm', 'staffing']],
      ['Liverpool North', 1, 'pdu', 'Liverpool North', ['staffing']],
      ['Liverpool North', 2, 'region', 'North West', ['training']],
      ['Knowsley', 2, 'hmpps', 'HM Prison and Probation Service', ['resettlement']],
    ]);
    expect(loaded.map((r) => r.text)).toEqual(goodRows.map((row) => row[2]));
    expect(loaded.every((r) => r.status === 'open' && r.response === null)).toBe(true);
    expect(await auditCount('recommendation.created')).toBe(4);

    const inspection = (await world.as.admin.get(`/api/v1/inspections/${created.id}`).expect(200))
      .body;
    expect(inspection.recommendationCount).toBe(4);
    expect(inspection.inspectedPdus.map((p: { pdu: OrgUnit }) => p.pdu.name)).toEqual([
      'Knowsley',
      'Liverpool North',
    ]);
  });

  it('the North West region lead sees the new inspection and its recommendations', async () => {
    const other = await signInNorthWestLead();
    const seen = await other.get(`/api/v1/recommendations?inspectionId=${created.id}`).expect(200);
    expect(seen.body.items).toHaveLength(4);
  });

  it('the same file again (as CSV) is unchanged; a changed row is an error', async () => {
    const again = (
      await importInto(created.id, csv(goodRows), 'apply', world.as.admin, 'r.csv').expect(200)
    ).body as ImportReport;
    expect(again).toMatchObject({ applied: true, counts: { unchanged: 4, create: 0 } });
    const changed = goodRows.map((row) => [...row]);
    changed[1]![2] = 'Reduce caseloads to 50.';
    changed.push(['Liverpool North', 3, 'A new one.', 'PDU', null, null]);
    const report = (await importInto(created.id, await workbook(changed), 'apply').expect(200))
      .body as ImportReport;
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      {
        row: 3,
        column: 'Recommendation',
        message:
          'differs from Liverpool North 1 already loaded: an import only adds recommendations',
      },
    ]);
    expect(await recommendationsOf(created.id)).toHaveLength(4);
    expect(await auditCount('recommendation.created')).toBe(4);
  });

  it('reads workbooks within the same bounds as the actions import', async () => {
    const before = await recommendationsOf(created.id);
    const bomb = makeWorkbookBomb();
    const refused = await importInto(created.id, bomb, 'apply').expect(413);
    expect(refused.body.errors[0].message).toMatch(/times its size/);
    const text = `${'Long. '.repeat(800)}End.`;
    const report = (
      await importInto(
        created.id,
        await workbook([['Knowsley', 9, text, 'PDU', null, null]]),
        'dry-run',
      ).expect(200)
    ).body as ImportReport;
    const change = report.rows[0]!.changes.find((c) => c.column === 'Recommendation');
    expect(change?.to).toBe(`${text.slice(0, 200)}…`);
    expect(await recommendationsOf(created.id)).toEqual(before);
  });

  it('refuses a file without the required columns, and a plan that is no longer a draft', async () => {
    const missing = await importInto(
      created.id,
      await workbook([], ['Source PDU', 'Number', 'Text']),
      'dry-run',
    ).expect(400);
    expect(missing.body.errors[0].message).toBe(
      'has no column headed "Recommendation", "Owner level"',
    );
    await importInto(
      '00000000-0000-4000-8000-000000000000',
      await workbook(goodRows),
      'dry-run',
    ).expect(404);
    const db = world.testApp.database.db;
    await db
      .update(actionPlans)
      .set({ status: 'submitted' })
      .where(eq(actionPlans.inspectionId, created.id));
    await importInto(created.id, await workbook(goodRows), 'dry-run').expect(409);
    await db
      .update(actionPlans)
      .set({ status: 'draft' })
      .where(eq(actionPlans.inspectionId, created.id));
  });
});

describe('who may load inspections', () => {
  it('everyone but an administrator gets 403, changing nothing; anonymous 401', async () => {
    const file = await workbook([['Knowsley', 9, 'Refused.', 'PDU', null, null]]);
    const body = { ...newInspection, letterDate: '2025-05-01', regionId: units['North West']!.id };
    for (const email of [demo.rpd, demo.hooWigan, demo.nationalLead, demo.inspector]) {
      const client = signedInClient(world.testApp.app, await world.testApp.signIn(email));
      await client.post('/api/v1/inspections').send(body).expect(403);
      await importInto(created.id, file, 'apply', client).expect(403);
    }
    await request(world.testApp.app.server).post('/api/v1/inspections').send(body).expect(401);
    const db = world.testApp.database.db;
    expect((await db.select({ n: count() }).from(inspections))[0]!.n).toBe(3);
    const knowsley9 = await db
      .select()
      .from(recommendations)
      .where(and(eq(recommendations.inspectionId, created.id), eq(recommendations.number, 9)));
    expect(knowsley9).toEqual([]);
  });
});

/** A North West region lead, made by the administrator, signed in. */
async function signInNorthWestLead(): Promise<SignedInClient> {
  const made = await world.as.admin
    .post('/api/v1/users')
    .send({
      email: 'rpd@nw.example',
      name: 'North West lead',
      role: 'region_lead',
      unitId: units['North West']!.id,
    })
    .expect(201);
  const token = new URL(made.body.setPasswordUrl).searchParams.get('token');
  await request(world.testApp.app.server)
    .post('/api/v1/password')
    .send({ token, password: 'a long enough password' })
    .expect(204);
  return signedInClient(
    world.testApp.app,
    await world.testApp.signIn('rpd@nw.example', 'a long enough password'),
  );
}
