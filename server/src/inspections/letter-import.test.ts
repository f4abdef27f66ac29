import type { ImportReport, Inspection, OutcomeMeasure, Recommendation } from '@tracker/shared';
import { count } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

import { seedLetter } from '../db/seed';
import { auditEvents } from '../db/schema/audit';
import type { SignedInClient } from '../testing/app';
import { northWestLetter } from '../testing/other-region';
import { routeTests } from '../testing/route-test';

/**
 * A synthetic second region's letter (North West, made up for the test) loaded end to end
 * through the API: the inspection, its recommendations (two left unnumbered by the letter),
 * then the rest of the letter from the template.
 */
const world = routeTests(['admin', 'rpd', 'nationalLead'], {
  async prepare(testApp) {
    const letter = northWestLetter();
    letter.pdus.push({ ...letter.pdus[0]!, name: 'Knowsley', code: 'knowsley' });
    await seedLetter(testApp.database.db, letter);
  },
});

type Row = (string | number | null)[];
interface LetterRows {
  letter?: Row[];
  pduRatings?: Row[];
  outcomeMeasures?: Row[];
}

let inspection: Inspection;
let template: Buffer;

/** Fills the template the API gives, as an administrator would; a sheet set to null is removed. */
async function letterWorkbook(rows: LetterRows, drop: string[] = []): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const fill = (name: string, data: Row[] | undefined) => {
    const sheet = book.getWorksheet(name)!;
    for (const row of data ?? []) sheet.addRow(row);
  };
  fill('Letter', rows.letter);
  fill('PDU ratings', rows.pduRatings);
  fill('Outcome measures', rows.outcomeMeasures);
  for (const name of drop) book.removeWorksheet(book.getWorksheet(name)!.id);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const standards = (ratings: (string | null)[]) =>
  Array.from({ length: 9 }, (_, i) => ratings[i] ?? null);

const goodLetter: LetterRows = {
  letter: [['Requires improvement', '2024-03-01']],
  pduRatings: [
    [
      'Liverpool North',
      '2023-10',
      'Inadequate',
      7,
      27,
      ...standards(['Inadequate', 'Requires improvement', null, 'Good', 'Inadequate']),
    ],
    ['knowsley', '2023-11', 'Good', 15, 24, ...standards([null, null, 'Good', 'Outstanding'])],
  ],
  outcomeMeasures: [
    [
      'Liverpool North',
      1,
      'Cases with a sufficient risk assessment',
      'per cent',
      'Higher is better',
      null,
      5,
      15,
      'October 2023',
      '2023-10-01',
      'In five out of 15 cases the assessment was sufficient.',
      80,
      '2025-03-31',
    ],
    [
      'Knowsley',
      1,
      'Weeks waiting for unpaid work',
      'weeks',
      'lower is better',
      12,
      null,
      null,
      'November 2023',
      null,
      'People waited 12 weeks on average.',
      null,
      null,
    ],
  ],
};

const load = (
  file: Buffer,
  mode: 'dry-run' | 'apply',
  client: SignedInClient = world.as.admin,
  id = inspection.id,
) =>
  client
    .post(`/api/v1/inspections/${id}/letter-imports?mode=${mode}`)
    .attach('file', file, { filename: 'letter.xlsx' });

const read = async () =>
  (await world.as.admin.get(`/api/v1/inspections/${inspection.id}`).expect(200)).body as Inspection;
const measures = async () =>
  (
    await world.as.admin
      .get(`/api/v1/outcome-measures?inspectionId=${inspection.id}&limit=100`)
      .expect(200)
  ).body.items as OutcomeMeasure[];

async function auditCount(): Promise<number> {
  const [row] = await world.testApp.database.db.select({ n: count() }).from(auditEvents);
  return row!.n;
}

/** Everything the import manages, as the API reads it back. */
async function snapshot() {
  return { inspection: await read(), measures: await measures() };
}

beforeAll(async () => {
  const northWest = world.units['north-west']!;
  inspection = (
    await world.as.admin
      .post('/api/v1/inspections')
      .send({
        title: 'Regional review: North West (synthetic, for tests)',
        kind: 'regional_review',
        regionId: northWest.id,
        letterDate: '2024-02-20',
        author: 'A test chief inspector',
        addressee: 'A test regional director',
      })
      .expect(201)
  ).body;
  template = (
    await world.as.admin
      .get(`/api/v1/inspections/${inspection.id}/letter-imports/template`)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200)
  ).body as Buffer;
});

describe('recommendations the letter leaves unnumbered', () => {
  it('are numbered by their place in their PDU list and marked so', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Recommendations');
    sheet.addRow([
      'Source PDU',
      'Number',
      'Recommendation',
      'Owner level',
      'Owning unit',
      'Themes',
    ]);
    sheet.addRow(['Liverpool North', 1, 'Reduce caseloads.', 'PDU', null, 'Staffing']);
    sheet.addRow(['Knowsley', null, 'Improve risk assessments.', 'PDU', null, null]);
    sheet.addRow(['Liverpool North', null, 'Train new staff.', 'PDU', null, null]);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const post = () =>
      world.as.admin
        .post(`/api/v1/inspections/${inspection.id}/recommendation-imports?mode=apply`)
        .attach('file', file, { filename: 'recommendations.xlsx' })
        .expect(200);
    const first = (await post()).body as ImportReport;
    expect(first.errors).toEqual([]);
    expect(first.rows.map((row) => row.label)).toEqual([
      'Liverpool North 1',
      'Knowsley 1',
      'Liverpool North 2',
    ]);
    const listed = (
      await world.as.admin.get(`/api/v1/recommendations?inspectionId=${inspection.id}`).expect(200)
    ).body.items as Recommendation[];
    expect(listed.map((r) => [r.sourcePdu.name, r.number, r.numberedByPosition])).toEqual([
      ['Liverpool North', 1, false],
      ['Knowsley', 1, true],
      ['Liverpool North', 2, true],
    ]);
    // Loading the same file again is unchanged: the positions come out the same.
    expect((await post()).body.counts).toMatchObject({ unchanged: 3, create: 0, error: 0 });
  });

  it('are said to be numbered by position in the exports', async () => {
    const plans = await world.as.admin
      .get(`/api/v1/action-plans?inspectionId=${inspection.id}`)
      .expect(200);
    const csv = await world.as.admin
      .get(`/api/v1/action-plans/${plans.body.items[0].id}/export?format=csv`)
      .expect(200);
    const lines = String(csv.text).split(/\r?\n/);
    expect(lines[0]).toContain('Numbered by position');
    const knowsley = lines.find((line) => line.includes('Improve risk assessments.'))!;
    expect(knowsley).toContain('Yes (numbered by position: the letter does not number it)');
    const numbered = lines.find((line) => line.includes('Reduce caseloads.'))!;
    expect(numbered).not.toContain('numbered by position');
  });
});

describe('GET /api/v1/inspections/{id}/letter-imports/template', () => {
  it('gives the three sheets with their headings and a sheet describing every column', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([
      'Letter',
      'PDU ratings',
      'Outcome measures',
      'How to fill',
    ]);
    expect(book.getWorksheet('PDU ratings')!.getRow(1).values).toEqual([
      undefined,
      'PDU',
      'Fieldwork start month',
      'Overall rating',
      'Score achieved',
      'Score max',
      ...['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '2.5'],
    ]);
    expect(book.getWorksheet('How to fill')!.rowCount).toBeGreaterThan(20);
  });

  it('is for administrators only', async () => {
    await world.as.rpd
      .get(`/api/v1/inspections/${inspection.id}/letter-imports/template`)
      .expect(403);
  });
});

describe('POST /api/v1/inspections/{id}/letter-imports', () => {
  it('a dry run reports every row and changes nothing', async () => {
    const before = await snapshot();
    const audits = await auditCount();
    const report = (await load(await letterWorkbook(goodLetter), 'dry-run').expect(200))
      .body as ImportReport;
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([]);
    expect(report.rows.map((row) => [row.sheet, row.row, row.outcome, row.label])).toEqual([
      ['Letter', 2, 'update', 'The letter'],
      ['PDU ratings', 2, 'update', 'Liverpool North'],
      ['PDU ratings', 3, 'update', 'Knowsley'],
      [
        'Outcome measures',
        2,
        'create',
        'Liverpool North 1: Cases with a sufficient risk assessment',
      ],
      ['Outcome measures', 3, 'create', 'Knowsley 1: Weeks waiting for unpaid work'],
    ]);
    expect(report.rows.filter((row) => row.outcome === 'create').map((r) => r.subjectId)).toEqual([
      null,
      null,
    ]);
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('applies: ratings, fieldwork, publication date and baselines read back, audited', async () => {
    const audits = await auditCount();
    const report = (await load(await letterWorkbook(goodLetter), 'apply').expect(200))
      .body as ImportReport;
    expect(report.applied).toBe(true);
    expect(report.counts).toMatchObject({ update: 3, create: 2, error: 0 });

    const loaded = await read();
    expect(loaded.overallRating).toBe('requires_improvement');
    expect(loaded.publishedOn).toBe('2024-03-01');
    const [liverpool, knowsley] = loaded.inspectedPdus;
    expect(liverpool).toMatchObject({
      pdu: { name: 'Liverpool North' },
      fieldworkStartMonth: '2023-10',
      overallRating: 'inadequate',
      score: { achieved: 7, max: 27 },
    });
    expect(liverpool!.standards).toHaveLength(9);
    expect(liverpool!.standards.slice(0, 5)).toEqual([
      { code: '1.1', name: 'Leadership', rating: 'inadequate' },
      { code: '1.2', name: 'Staff', rating: 'requires_improvement' },
      { code: '1.3', name: 'Services', rating: null },
      { code: '1.4', name: 'Information and facilities', rating: 'good' },
      { code: '2.1', name: 'Court work', rating: 'inadequate' },
    ]);
    expect(knowsley).toMatchObject({
      pdu: { name: 'Knowsley' },
      fieldworkStartMonth: '2023-11',
      overallRating: 'good',
      score: { achieved: 15, max: 24 },
    });

    const byName = new Map((await measures()).map((measure) => [measure.name, measure]));
    const proportion = byName.get('Cases with a sufficient risk assessment')!;
    // "Five out of 15" is 5 of 15, a third: never 5.
    expect(proportion.baseline).toMatchObject({
      numerator: 5,
      denominator: 15,
      date: '2023-10-01',
      period: 'October 2023',
    });
    expect(proportion.baseline.value).toBeCloseTo(33.333, 2);
    expect(proportion.target).toEqual({ value: 80, date: '2025-03-31' });
    expect(byName.get('Weeks waiting for unpaid work')).toMatchObject({
      direction: 'lower_is_better',
      baseline: { value: 12, numerator: null, denominator: null },
      target: null,
    });

    const actions = (
      await world.testApp.database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .orderBy(auditEvents.occurredAt)
    )
      .slice(audits)
      .map((row) => row.action);
    expect(actions).toEqual([
      'inspection.letter_loaded',
      'inspection.pdu_ratings_loaded',
      'inspection.pdu_ratings_loaded',
      'outcome_measure.created',
      'outcome_measure.created',
    ]);
  });

  it('a reading given as a proportion whose value disagrees, or whose numerator is too big, is refused', async () => {
    const measure = (await measures()).find((m) => m.baseline.numerator !== null)!;
    const post = (body: object) =>
      world.as.admin.post(`/api/v1/outcome-measures/${measure.id}/readings`).send(body);
    const refused = await post({
      value: 6,
      numerator: 6,
      denominator: 15,
      readingDate: '2024-01-31',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ path: 'value' });
    await post({ numerator: 16, denominator: 15, readingDate: '2024-01-31' }).expect(400);
    await post({ numerator: 6, readingDate: '2024-01-31' }).expect(400);
  });

  it('the same file twice is unchanged and writes nothing', async () => {
    const before = await snapshot();
    const audits = await auditCount();
    const report = (await load(await letterWorkbook(goodLetter), 'apply').expect(200))
      .body as ImportReport;
    expect(report.applied).toBe(true);
    expect(report.rows.flatMap((row) => row.changes)).toEqual([]);
    expect(report.counts).toMatchObject({ unchanged: 5, create: 0, update: 0, error: 0 });
    expect(await snapshot()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('a changed file replaces what the import manages', async () => {
    const changed: LetterRows = {
      ...goodLetter,
      pduRatings: [goodLetter.pduRatings![0]!],
      outcomeMeasures: [
        [
          ...goodLetter.outcomeMeasures![0]!.slice(0, 6),
          6,
          15,
          ...goodLetter.outcomeMeasures![0]!.slice(8),
        ],
      ],
    };
    const report = (await load(await letterWorkbook(changed), 'apply').expect(200))
      .body as ImportReport;
    expect(report.counts).toMatchObject({ update: 1, unchanged: 2, error: 0 });
    const loaded = await read();
    // Knowsley keeps its place (its recommendation names it) but no longer has ratings.
    expect(loaded.inspectedPdus[1]).toMatchObject({
      pdu: { name: 'Knowsley' },
      fieldworkStartMonth: null,
      overallRating: null,
      score: null,
      standards: [],
    });
    const measure = (await measures()).find((m) => m.baseline.numerator !== null)!;
    expect(measure.baseline).toMatchObject({ numerator: 6, denominator: 15, value: 40 });
    // Put the good letter back for the tests after.
    await load(await letterWorkbook(goodLetter), 'apply').expect(200);
  });

  const badRows: [string, LetterRows, { sheet: string; row: number; column: string }][] = [
    [
      'an unknown PDU',
      { pduRatings: [['Atlantis', '2023-10', 'Good', null, null, ...standards([])]] },
      { sheet: 'PDU ratings', row: 2, column: 'PDU' },
    ],
    [
      'a PDU of another region',
      { pduRatings: [['Wigan', '2023-10', 'Good', null, null, ...standards([])]] },
      { sheet: 'PDU ratings', row: 2, column: 'PDU' },
    ],
    [
      'a bad rating',
      { pduRatings: [['Knowsley', '2023-10', 'Good', null, null, ...standards(['Brilliant'])]] },
      { sheet: 'PDU ratings', row: 2, column: '1.1' },
    ],
    [
      'a bad overall rating on the letter',
      { letter: [['Excellent', '2024-03-01']] },
      { sheet: 'Letter', row: 2, column: 'Overall rating' },
    ],
    [
      'a denominator of 0',
      { outcomeMeasures: [withCells({ 6: 0, 7: 0 })] },
      { sheet: 'Outcome measures', row: 2, column: 'Baseline denominator' },
    ],
    [
      'a numerator more than the denominator',
      { outcomeMeasures: [withCells({ 6: 16, 7: 15 })] },
      { sheet: 'Outcome measures', row: 2, column: 'Baseline numerator' },
    ],
    [
      'a value that disagrees with its fraction',
      { outcomeMeasures: [withCells({ 5: 5 })] },
      { sheet: 'Outcome measures', row: 2, column: 'Baseline value' },
    ],
    [
      'an unknown recommendation',
      { outcomeMeasures: [withCells({ 1: 9 })] },
      { sheet: 'Outcome measures', row: 2, column: 'Recommendation number' },
    ],
  ];

  function withCells(cells: Record<number, string | number | null>): Row {
    const row = [...goodLetter.outcomeMeasures![0]!];
    for (const [index, value] of Object.entries(cells)) row[Number(index)] = value;
    return row;
  }

  it.each(badRows)(
    'refuses the whole file for %s, naming sheet, row and column',
    async (_, bad, where) => {
      const before = await snapshot();
      const audits = await auditCount();
      // The bad row comes with good sheets and rows, none of which may land.
      const file = await letterWorkbook({
        letter: bad.letter ?? [['Good', '2024-04-01']],
        pduRatings: bad.pduRatings ?? [goodLetter.pduRatings![1]!],
        outcomeMeasures: [
          ...(bad.outcomeMeasures ?? []),
          [
            ...goodLetter.outcomeMeasures![1]!.slice(0, 5),
            14,
            ...goodLetter.outcomeMeasures![1]!.slice(6),
          ],
        ],
      });
      const report = (await load(file, 'apply').expect(200)).body as ImportReport;
      expect(report.applied).toBe(false);
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject(where);
      expect(await snapshot()).toEqual(before);
      expect(await auditCount()).toBe(audits);
    },
  );

  it('leaves out a sheet the file does not have', async () => {
    const before = await snapshot();
    const file = await letterWorkbook({ letter: [['Requires improvement', '2024-03-01']] }, [
      'PDU ratings',
      'Outcome measures',
    ]);
    const report = (await load(file, 'apply').expect(200)).body as ImportReport;
    expect(report.counts).toMatchObject({ unchanged: 1, error: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a CSV: several sheets need a workbook', async () => {
    const response = await load(
      Buffer.from('Overall rating,Publication date\r\nGood,\r\n'),
      'apply',
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ path: 'file' });
  });

  it('is for administrators only: others are refused and nothing changes', async () => {
    const before = await snapshot();
    const file = await letterWorkbook({ letter: [['Good', '2024-04-01']] });
    await load(file, 'apply', world.as.rpd).expect(403);
    await load(file, 'apply', world.as.nationalLead).expect(403);
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for an inspection that does not exist', async () => {
    const file = await letterWorkbook({ letter: [['Good', '2024-04-01']] });
    await load(file, 'apply', world.as.admin, '00000000-0000-4000-8000-000000000000').expect(404);
  });
});

describe('an HMPPS review (a synthetic SFO review)', () => {
  it('gives no ratings: a rating is refused, a fieldwork month and publication date load', async () => {
    const review = (
      await world.as.admin
        .post('/api/v1/inspections')
        .send({
          title: 'SFO review: North West (synthetic, for tests)',
          kind: 'sfo_review',
          regionId: world.units['north-west']!.id,
          letterDate: '2024-05-01',
          author: 'A test SFO team',
          addressee: 'A test regional director',
          reviewerId: world.ids['national.lead@hmpps.example'],
        })
        .expect(201)
    ).body as Inspection;
    const rated = await letterWorkbook({
      letter: [['Good', '2024-05-10']],
      pduRatings: [['Knowsley', '2024-04', 'Good', null, null, ...standards([])]],
    });
    const refused = (await load(rated, 'apply', world.as.admin, review.id).expect(200))
      .body as ImportReport;
    expect(refused.applied).toBe(false);
    expect(refused.errors.map((error) => [error.sheet, error.row, error.column])).toEqual([
      ['Letter', 2, 'Overall rating'],
      ['PDU ratings', 2, 'Overall rating'],
    ]);
    const unrated = await letterWorkbook({
      letter: [[null, '2024-05-10']],
      pduRatings: [['Knowsley', '2024-04', null, null, null, ...standards([])]],
    });
    const loaded = (await load(unrated, 'apply', world.as.admin, review.id).expect(200))
      .body as ImportReport;
    expect(loaded.errors).toEqual([]);
    const after = (await world.as.admin.get(`/api/v1/inspections/${review.id}`).expect(200))
      .body as Inspection;
    expect(after).toMatchObject({ overallRating: null, publishedOn: '2024-05-10' });
    expect(after.inspectedPdus).toMatchObject([
      { pdu: { name: 'Knowsley' }, fieldworkStartMonth: '2024-04', overallRating: null },
    ]);
  });
});
