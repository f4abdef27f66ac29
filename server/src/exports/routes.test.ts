import type { AuditEvent, ImportReport, Recommendation } from '@tracker/shared';
import { greaterManchester2023 } from '@tracker/seeds';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import {
  type SignedInClient,
  TestClock,
  createTestApp,
  demo,
  signedInClient,
} from '../testing/app';
import { makeWorkbookBomb } from '../evidence/test-zip';
import { declineAllBut, planOf } from '../testing/plans';
import { routeTests } from '../testing/route-test';
import { readDocx, tablesUnder } from '../testing/word-document';
let rpd: SignedInClient;
let inspector: SignedInClient;
let planId: string;

const formulaTitle = '=HYPERLINK("http://x")';
const planColumns = [
  'No.',
  'Recommendation',
  'Agreed, partly agreed or not agreed',
  'Response',
  'Action',
  'Owner',
  'Target date',
  'Status',
  'Success measure',
];
const distinct = <T>(items: T[]) => [...new Set(items)];
const rec = (pdu: string, number: number) =>
  world.recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
const exportOf = (format: string, client: SignedInClient = rpd, query = '') =>
  client
    .get(`/api/v1/action-plans/${planId}/export?format=${format}${query}`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
const importFile = (file: Buffer, name: string, mode: 'dry-run' | 'apply') =>
  rpd
    .post(`/api/v1/action-plans/${planId}/imports?mode=${mode}`)
    .attach('file', file, { filename: name });

/** The live plan as CSV rows, keyed by column. */
async function exportedRows(): Promise<Record<string, string>[]> {
  return parse((await exportOf('csv').expect(200)).body as Buffer, {
    bom: true,
    columns: true,
  }) as Record<string, string>[];
}

/** Rows back into a CSV file with the given columns, every cell quoted. */
function csvOf(header: string[], rows: Record<string, string>[]): Buffer {
  return Buffer.from(
    [header, ...rows.map((row) => header.map((column) => row[column] ?? ''))]
      .map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))
      .join('\r\n'),
  );
}

/** The region lead sends the plan as it stands: a submission, or a progress report once accepted. */
async function submitPlan(idempotencyKey: string) {
  const etag = String((await rpd.get(`/api/v1/action-plans/${planId}`).expect(200)).headers.etag);
  await rpd
    .post(`/api/v1/action-plans/${planId}/submissions`)
    .set('if-match', etag)
    .set('idempotency-key', idempotencyKey)
    .send({ declaration: true })
    .expect(201);
}

async function addAction(recommendation: Recommendation, title: string, owner: string) {
  return rpd
    .post(`/api/v1/recommendations/${recommendation.id}/actions`)
    .send({
      title,
      owningUnitId: recommendation.owningUnit.id,
      ownerId: world.ids[owner],
      startDate: '2026-02-01',
      dueDate: '2026-09-30',
      successMeasure: 'Audits show it',
    })
    .expect(201);
}

const world = routeTests(['rpd', 'inspector'], {
  clock: new TestClock(new Date('2026-02-02T10:00:00Z')),
});
beforeAll(async () => {
  ({ rpd, inspector } = world.as);
  planId = (await planOf(world.testApp.database.db, world.recommendations[0]!.inspectionId)).id;
  await addAction(rec('Wigan', 1), formulaTitle, demo.hooWigan);
  await addAction(rec('Tameside', 2), 'Recruit two senior probation officers', demo.hooTameside);
});

describe('exports', () => {
  it('Word: landscape, in the published layout, grouped as the letter groups the recommendations', async () => {
    const response = await exportOf('docx').expect(200);
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="action-plan-greater-manchester-live-2026-02-02\.docx"/,
    );
    const word = await readDocx(response.body as Buffer);
    expect(word.sections).toHaveLength(1);
    expect(word.sections[0]!.orientation).toBe('landscape');
    expect(word.sections[0]!.width).toBeGreaterThan(word.sections[0]!.height);

    const [title, ...opening] = word.blocks;
    expect(title).toEqual({ kind: 'heading', level: 1, text: 'Action plan: Greater Manchester' });
    expect(opening.slice(0, 4).map((block) => (block as { text: string }).text)).toEqual([
      'Action Plan Submitted: not yet submitted',
      "A response to HM Inspectorate of Probation's regional review letter of 25 May 2023",
      'Report Published: 25 May 2023',
      'This is the live plan as at 2 February 2026. It has not yet been submitted.',
    ]);

    const [definitions] = tablesUnder(word, 'Introduction');
    expect(definitions!.map((row) => row[0])).toEqual([
      'Term',
      'Agreed',
      'Partly agreed',
      'Not agreed',
      'Addressed by another recommendation',
    ]);

    // The letter's Annexe one: each PDU's recommendations under what the PDU, the region and
    // HMPPS should do, in the letter's order and numbering.
    const outline = word.blocks.flatMap((block) =>
      block.kind === 'heading' && block.level > 1
        ? [`${'#'.repeat(block.level)} ${block.text}`]
        : block.kind === 'table' && block.rows[0]![0] === 'No.'
          ? [
              distinct(block.rows.slice(1).map((row) => row[0]!))
                .filter(Boolean)
                .join(','),
            ]
          : [],
    );
    expect(outline).toEqual([
      '## Introduction',
      '## Manchester North PDU',
      '### What the PDU should do',
      '1,2,3,4,5',
      '### What the region should do',
      '6,7,8,9',
      '## Tameside PDU',
      '### What the PDU should do',
      '1,2,3,4,5',
      '### What the region should do',
      '6,7,8',
      '### What HM Prison and Probation Service should do',
      '9,10',
      '## Wigan PDU',
      '### What the PDU should do',
      '1,2,3,4',
      '### What the region should do',
      '5,6,7',
      '### What HM Prison and Probation Service should do',
      '8,9',
    ]);
    const planTables = word.blocks.filter(
      (block): block is Extract<typeof block, { kind: 'table' }> =>
        block.kind === 'table' && block.rows[0]![0] === 'No.',
    );
    for (const table of planTables) {
      expect(table.headerRows).toBe(1);
      expect(table.rows[0]).toEqual(planColumns);
    }
    for (const recommendation of greaterManchester2023.recommendations)
      expect(word.text.replace(/\s+/g, ' ')).toContain(recommendation.text.replace(/\s+/g, ' '));

    // An action's owner, target date, status and success measure each in a column of its own.
    const [wiganPdu] = tablesUnder(word, 'Wigan PDU');
    const wigan1 = wiganPdu!.find((row) => row[0] === '1')!;
    expect(wigan1.slice(2)).toEqual([
      'No response yet',
      '',
      formulaTitle,
      'Demo Head of Operations, Wigan\nWigan',
      '30 September 2026',
      'Not started',
      'Audits show it',
    ]);
    const wigan2 = wiganPdu!.find((row) => row[0] === '2')!;
    expect(wigan2.slice(2)).toEqual([
      'No response yet',
      'Outcome measures\nStaff interested in their work (HMPPS staff survey): baseline 75 per cent ' +
        '(HMPPS staff survey current at inspection (unchanged since the 2020 survey)); no target set',
      'No actions yet',
    ]);
    expect(word.text).not.toContain('Changes since');
  });

  it('Excel: one row per action, frozen header with filters, real dates, formulas neutralised', async () => {
    const response = await exportOf('xlsx').expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Actions')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Source PDU', 'Recommendation number', 'Recommendation']);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    const column = (name: string) => header.indexOf(name) + 1;
    expect(new Set(rows.map((row) => `${row[1]} ${row[2]}`)).size).toBe(28);
    const wigan = rows.find((row) => row[column('Action')] === `'${formulaTitle}`)!;
    expect(wigan[column('Owner')]).toBe('Demo Head of Operations, Wigan');
    expect(wigan[column('Due date')]).toEqual(new Date('2026-09-30T00:00:00Z'));
  });

  it('CSV: the same rows in UTF-8 with formulas neutralised', async () => {
    const response = await exportOf('csv').expect(200);
    const body = response.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(body, { bom: true, columns: true }) as Record<string, string>[];
    expect(
      new Set(rows.map((row) => `${row['Source PDU']} ${row['Recommendation number']}`)).size,
    ).toBe(28);
    const action = rows.find((row) => row.Action?.includes('HYPERLINK'))!;
    expect(action.Action).toBe(`'${formulaTitle}`);
    expect(action['Due date']).toBe('2026-09-30');
  });

  it('keeps live exports from inspectors, who export submitted versions', async () => {
    await exportOf('csv', inspector).expect(404);
    await declineAllBut(world.testApp.database.db, world.recommendations[0]!.inspectionId, [
      rec('Wigan', 1).id,
      rec('Tameside', 2).id,
    ]);
    for (const recommendation of [rec('Wigan', 1), rec('Tameside', 2)])
      await rpd
        .put(`/api/v1/recommendations/${recommendation.id}/response`)
        .send({ decision: 'agreed' })
        .expect(200);
    await submitPlan('export-test');
    const version = await readDocx(
      (await exportOf('docx', inspector, '&version=1').expect(200)).body as Buffer,
    );
    expect(version.blocks.slice(1, 6).map((block) => (block as { text: string }).text)).toEqual([
      'Action Plan Submitted: 2 February 2026',
      'Submitted by: Demo Regional Probation Director',
      "A response to HM Inspectorate of Probation's regional review letter of 25 May 2023",
      'Report Published: 25 May 2023',
      'This is version 1 of the plan, as submitted.',
    ]);
    const [wiganPdu] = tablesUnder(version, 'Wigan PDU');
    expect(wiganPdu!.find((row) => row[0] === '1')!.slice(2, 5)).toEqual([
      'Agreed',
      '',
      formulaTitle,
    ]);
    expect(wiganPdu!.find((row) => row[0] === '2')!.slice(2, 5)).toEqual([
      'Not agreed',
      expect.stringContaining('Covered by the national programme.'),
      'None: not agreed',
    ]);
    await exportOf('docx', inspector, '&version=2').expect(404);
  });
});

describe('auditing exports', () => {
  const exportsInTrail = async () =>
    (
      (await rpd.get(`/api/v1/audit-events?subjectId=${planId}&limit=200`).expect(200)).body
        .items as AuditEvent[]
    ).filter((event) => event.action === 'plan.exported');

  it('records who exported the plan, in which format and version, and no refused export', async () => {
    const before = await exportsInTrail();
    await exportOf('csv', inspector).expect(404);
    await exportOf('xlsx', inspector, '&version=7').expect(404);
    expect(await exportsInTrail()).toEqual(before);

    await exportOf('xlsx').expect(200);
    await exportOf('docx', inspector, '&version=1').expect(200);
    const [byInspector, byRpd, ...earlier] = await exportsInTrail();
    expect(earlier).toEqual(before);
    expect(byRpd).toMatchObject({
      actor: { type: 'user', id: world.ids[demo.rpd] },
      subject: { type: 'action_plan', id: planId },
      after: {
        format: 'xlsx',
        versionNumber: null,
        fileName: 'action-plan-greater-manchester-live-2026-02-02.xlsx',
      },
    });
    expect(byInspector).toMatchObject({
      actor: { type: 'user', id: world.ids[demo.inspector] },
      after: {
        format: 'docx',
        versionNumber: 1,
        fileName: 'action-plan-greater-manchester-v1.docx',
      },
    });
  });
});

describe('importing actions', () => {
  it('re-imports an unchanged export (xlsx and csv) without changing anything', async () => {
    for (const format of ['xlsx', 'csv']) {
      const file = (await exportOf(format).expect(200)).body as Buffer;
      const report = (await importFile(file, `plan.${format}`, 'apply').expect(200))
        .body as ImportReport;
      expect(report.errors).toEqual([]);
      expect(report.counts).toMatchObject({ create: 0, update: 0, unchanged: 2, error: 0 });
      expect(report.applied).toBe(true);
    }
    const wigan = (
      await rpd.get(`/api/v1/actions?recommendationId=${rec('Wigan', 1).id}`).expect(200)
    ).body.items[0];
    expect(wigan).toMatchObject({ title: formulaTitle, revision: 1 });
  });

  it('reports a bad row by row and column and changes nothing; the corrected file applies exactly', async () => {
    const exported = await exportedRows();
    const header = Object.keys(exported[0]!);
    const tameside = exported.find(
      (row) => row.Action === 'Recruit two senior probation officers',
    )!;
    tameside['Due date'] = '31/12/2026';
    tameside['Due date change reason'] = 'Recruitment round moved';
    const newRow = {
      ...exported.find(
        (row) => row['Source PDU'] === 'Wigan' && row['Recommendation number'] === '2',
      )!,
      Action: 'Run a victims awareness session',
      Owner: 'Demo Head of Operations, Wigan',
      'Due date': '2026-13-01',
      'Success measure': 'All staff attend',
    };
    const toCsv = (rows: Record<string, string>[]) => csvOf(header, rows);

    const refused = (
      await importFile(toCsv([...exported, newRow]), 'plan.csv', 'apply').expect(200)
    ).body as ImportReport;
    expect(refused.applied).toBe(false);
    expect(refused.errors).toEqual([
      {
        row: exported.length + 2,
        column: 'Due date',
        message: expect.stringMatching(/2026-13-01/),
      },
    ]);
    const untouched = (
      await rpd.get(`/api/v1/actions?recommendationId=${rec('Tameside', 2).id}`).expect(200)
    ).body.items[0];
    expect(untouched.dueDate).toBe('2026-09-30');

    newRow['Due date'] = '2026-11-30';
    const dryRun = (
      await importFile(toCsv([...exported, newRow]), 'plan.csv', 'dry-run').expect(200)
    ).body as ImportReport;
    expect(dryRun).toMatchObject({ applied: false, counts: { create: 1, update: 1, error: 0 } });
    const applied = (
      await importFile(toCsv([...exported, newRow]), 'plan.csv', 'apply').expect(200)
    ).body as ImportReport;
    expect(applied).toMatchObject({
      applied: true,
      counts: { create: 1, update: 1, unchanged: 1 },
    });
    expect(applied.rows.find((row) => row.outcome === 'update')!.changes).toEqual([
      { column: 'Due date', from: '2026-09-30', to: '2026-12-31' },
    ]);
    const moved = (
      await rpd.get(`/api/v1/actions?recommendationId=${rec('Tameside', 2).id}`).expect(200)
    ).body.items[0];
    expect(moved.dueDateHistory[0]).toMatchObject({ reason: 'Recruitment round moved' });
    const created = (
      await rpd.get(`/api/v1/actions?recommendationId=${rec('Wigan', 2).id}`).expect(200)
    ).body.items;
    expect(created.map((action: { title: string }) => action.title)).toEqual([
      'Run a victims awareness session',
    ]);
  });

  it('refuses a file naming one action on two rows, and applies none of it', async () => {
    const exported = parse((await exportOf('csv').expect(200)).body as Buffer, {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    const header = Object.keys(exported[0]!);
    const tameside = exported.find(
      (row) => row.Action === 'Recruit two senior probation officers',
    )!;
    const twice = [
      ...exported.map((row) => (row === tameside ? { ...row, 'Percent complete': '10' } : row)),
      { ...tameside, 'Percent complete': '20' },
    ];
    const csv = Buffer.from(
      [header, ...twice.map((row) => header.map((column) => row[column] ?? ''))]
        .map((cells) => cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(','))
        .join('\r\n'),
    );
    const report = (await importFile(csv, 'plan.csv', 'apply').expect(200)).body as ImportReport;
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      {
        row: twice.length + 1,
        column: 'Action ID',
        message: `is also on row ${exported.indexOf(tameside) + 2}: give each action one row`,
      },
    ]);
    const action = (
      await rpd.get(`/api/v1/actions?recommendationId=${rec('Tameside', 2).id}`).expect(200)
    ).body.items[0];
    expect(action.percentComplete).toBe(0);
  });

  it('refuses an edit made since the export, and rows the importer may not change', async () => {
    const stale = (await exportOf('csv').expect(200)).body as Buffer;
    const current = await rpd
      .get(`/api/v1/actions?recommendationId=${rec('Wigan', 1).id}`)
      .expect(200);
    const action = current.body.items[0];
    const etag = String((await rpd.get(`/api/v1/actions/${action.id}`).expect(200)).headers.etag);
    world.testApp.clock.advanceMinutes(1);
    await rpd
      .patch(`/api/v1/actions/${action.id}`)
      .set('if-match', etag)
      .send({ percentComplete: 20 })
      .expect(200);
    const edited = Buffer.from(
      stale.toString('utf8').replace('Audits show it', 'Audits show it well'),
    );
    const report = (await importFile(edited, 'plan.csv', 'dry-run').expect(200))
      .body as ImportReport;
    expect(report.errors.map((error) => error.column)).toContain('Last updated');

    const hooWigan = signedInClient(world.testApp.app, await world.testApp.signIn(demo.hooWigan));
    const fresh = (await exportOf('csv').expect(200)).body as Buffer;
    const tamesideEdit = Buffer.from(
      fresh.toString('utf8').replace('Recruit two senior probation officers', 'Recruit three'),
    );
    const refused = (
      await hooWigan
        .post(`/api/v1/action-plans/${planId}/imports?mode=apply`)
        .attach('file', tamesideEdit, { filename: 'plan.csv' })
        .expect(200)
    ).body as ImportReport;
    expect(refused.applied).toBe(false);
    expect(refused.errors[0]!.message).toMatch(/may look at this action but not change it/);
    await inspector
      .post(`/api/v1/action-plans/${planId}/imports`)
      .attach('file', fresh, { filename: 'plan.csv' })
      .expect(404);
    await rpd
      .post(`/api/v1/action-plans/${planId}/imports`)
      .attach('file', Buffer.from('not,a,plan\n1,2,3'), { filename: 'x.csv' })
      .expect(400);
  });

  it('refuses a row due before it starts, a changed action or a new one, and changes nothing', async () => {
    const exported = await exportedRows();
    const header = Object.keys(exported[0]!);
    const tameside = exported.find((row) => row.Action?.startsWith('Recruit'))!;
    const startedOn = tameside['Start date'];
    tameside['Due date'] = '2026-01-15';
    tameside['Due date change reason'] = 'Sooner';
    const newRow: Record<string, string> = {
      ...tameside,
      'Action ID': '',
      'Last updated': '',
      Action: 'Backwards action',
      'Start date': '2026-06-01',
      'Due date': '2026-05-01',
      'Due date change reason': '',
    };
    const csv = csvOf(header, [...exported, newRow]);
    const report = (await importFile(csv, 'plan.csv', 'apply').expect(200)).body as ImportReport;
    expect(report.applied).toBe(false);
    expect(report.errors).toEqual([
      { row: exported.indexOf(tameside) + 2, column: 'Due date', message: expect.any(String) },
      { row: exported.length + 2, column: 'Due date', message: expect.any(String) },
    ]);
    const untouched = (
      await rpd.get(`/api/v1/actions?recommendationId=${rec('Tameside', 2).id}`).expect(200)
    ).body.items;
    expect(untouched).toHaveLength(1);
    expect(untouched[0]).toMatchObject({ startDate: startedOn, dueDate: '2026-12-31' });
  });
});

describe('the live Word export once a version is accepted', () => {
  it('says which version it follows, how it fared, and lists what changed since', async () => {
    // Three days on, and so signed in afresh.
    world.testApp.clock.advanceMinutes(3 * 24 * 60);
    rpd = signedInClient(world.testApp.app, await world.testApp.signIn(demo.rpd));
    inspector = signedInClient(world.testApp.app, await world.testApp.signIn(demo.inspector));
    await inspector
      .post(`/api/v1/action-plans/${planId}/versions/1/review`)
      .send({ decision: 'accepted' })
      .expect(200);
    const word = await readDocx((await exportOf('docx').expect(200)).body as Buffer);
    expect(word.blocks.slice(1, 5).map((block) => (block as { text: string }).text)).toEqual([
      'Action Plan Submitted: 2 February 2026 (version 1)',
      "A response to HM Inspectorate of Probation's regional review letter of 25 May 2023",
      'Report Published: 25 May 2023',
      'This is the live plan as at 5 February 2026. It follows version 1, submitted on ' +
        '2 February 2026 and accepted by the inspectorate on 5 February 2026. What changed ' +
        'since version 1 is listed under “Changes since version 1” at the end: 3 recommendations.',
    ]);
    expect(word.blocks.at(-2)).toEqual({
      kind: 'heading',
      level: 2,
      text: 'Changes since version 1',
    });
    // The imports above moved a date, added an action and recorded progress since version 1.
    const [changes] = tablesUnder(word, 'Changes since version 1');
    const changed = Object.fromEntries(changes!.slice(1).map(([label, what]) => [label, what]));
    expect(Object.keys(changed)).toEqual(['Tameside 2', 'Wigan 1', 'Wigan 2']);
    expect(changed['Tameside 2']).toContain(
      'Action “Recruit two senior probation officers”: target date moved from ' +
        '30 September 2026 to 31 December 2026. Reason: Recruitment round moved',
    );
    expect(changed['Tameside 2']).not.toContain('Due date changed');
    expect(changed['Wigan 1']).toContain(
      `Action “${formulaTitle}”: Percent complete changed from 0% to 20%`,
    );
    expect(changed['Wigan 2']).toContain('Action “Run a victims awareness session” added');

    // The accepted version itself still reads as submitted, with nothing before it.
    const version = await readDocx(
      (await exportOf('docx', inspector, '&version=1').expect(200)).body as Buffer,
    );
    expect(version.text).toContain('This is version 1 of the plan, as submitted.');
    expect(version.text).not.toContain('Changes since');
  });

  it('a progress report follows the accepted version; the live copy then follows the report', async () => {
    await submitPlan('export-progress-report');
    const report = await readDocx(
      (await exportOf('docx', inspector, '&version=2').expect(200)).body as Buffer,
    );
    expect(report.blocks[5]).toEqual({
      kind: 'paragraph',
      text:
        'This is version 2 of the plan, a progress report. It follows version 1, submitted on ' +
        '2 February 2026 and accepted by the inspectorate on 5 February 2026. What changed ' +
        'since version 1 is listed under “Changes since version 1” at the end: 3 recommendations.',
    });
    const [changes] = tablesUnder(report, 'Changes since version 1');
    expect(changes!.slice(1).map(([label]) => label)).toEqual(['Tameside 2', 'Wigan 1', 'Wigan 2']);

    const live = await readDocx((await exportOf('docx').expect(200)).body as Buffer);
    expect(live.blocks[1]).toMatchObject({
      text: 'Action Plan Submitted: 5 February 2026 (version 2)',
    });
    expect(live.blocks[4]).toMatchObject({
      text:
        'This is the live plan as at 5 February 2026. It follows version 2, a progress report ' +
        "sent on 5 February 2026 and awaiting the inspectorate's review. Nothing has changed " +
        'since version 2.',
    });
    expect(live.text).not.toContain('Changes since');
  });
});

describe('what an import refuses before doing any work', () => {
  const actionCount = async () =>
    (
      await rpd
        .get(`/api/v1/actions?inspectionId=${world.recommendations[0]!.inspectionId}`)
        .expect(200)
    ).body.items.length as number;
  const csvOf = (rows: string[][]) =>
    Buffer.from(rows.map((cells) => cells.map((cell) => `"${cell}"`).join(',')).join('\r\n'));
  const heading = ['Source PDU', 'Recommendation number', 'Action ID', 'Action', 'Description'];

  it('a workbook whose sheet would unpack to far more than it weighs: 413, nothing read', async () => {
    const before = await actionCount();
    const bomb = makeWorkbookBomb();
    const response = await importFile(bomb, 'plan.xlsx', 'apply').expect(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual([
      { path: 'file', message: expect.stringMatching(/times its size/) },
    ]);
    expect(await actionCount()).toBe(before);
  });

  it('a workbook with cells far to the right of any column the export has: 400', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Actions');
    sheet.addRow(heading);
    sheet.getCell(2, 150).value = 'far right';
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await importFile(file, 'plan.xlsx', 'dry-run').expect(400);
    expect(response.body.errors).toEqual([
      { path: 'file', message: 'has cells beyond column 100' },
    ]);
  });

  it('a cell longer than any field takes refuses the file, naming its row and column', async () => {
    const file = csvOf([heading, ['Wigan', '1', '', 'Title', 'd'.repeat(10_001)]]);
    const response = await importFile(file, 'plan.csv', 'apply').expect(400);
    expect(response.body.errors).toEqual([
      { path: 'file', message: 'row 2, column "Description": too long' },
    ]);
  });

  it('quotes the start of a long cell in the report, never the whole cell', async () => {
    const title = 'T'.repeat(5000);
    const file = csvOf([heading, ['Wigan', '1', '', title, ''], ['Nowhere', '9', '', title, '']]);
    const report = (await importFile(file, 'plan.csv', 'dry-run').expect(200)).body as ImportReport;
    expect(report.counts).toMatchObject({ error: 2 });
    const longest = Math.max(
      ...report.rows.map((row) => row.label?.length ?? 0),
      ...report.errors.map((error) => error.message.length),
    );
    expect(longest).toBeLessThan(300);
    expect(report.rows[0]!.label).toBe(`${'T'.repeat(200)}…`);
  });
});

describe('an import that runs too long', () => {
  it('is rolled back and answered 503 with Retry-After, changing nothing', async () => {
    const slow = await createTestApp({ env: { IMPORT_MAX_SECONDS: '1' } });
    try {
      const lead = signedInClient(slow.app, await slow.signIn(demo.rpd));
      const items = (await lead.get('/api/v1/recommendations?limit=200').expect(200)).body.items;
      const inspectionId = (items as Recommendation[])[0]!.inspectionId;
      const plan = await planOf(slow.database.db, inspectionId);
      const rows = Array.from(
        { length: 500 },
        (_, index) => `"Wigan","1","","Imported action ${index}"`,
      );
      const file = Buffer.from(
        ['"Source PDU","Recommendation number","Action ID","Action"', ...rows].join('\r\n'),
      );
      // 500 rows take well under a second: here each look at the clock is 50 ms later, so the
      // import passes its one-second deadline a few rows in, however fast the machine.
      const realNow = performance.now.bind(performance);
      let skipped = 0;
      const clock = vi
        .spyOn(performance, 'now')
        .mockImplementation(() => realNow() + (skipped += 50));
      let response;
      try {
        response = await lead
          .post(`/api/v1/action-plans/${plan.id}/imports?mode=apply`)
          .attach('file', file, { filename: 'plan.csv' });
      } finally {
        clock.mockRestore();
      }
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('10');
      expect(response.body.detail).toMatch(/nothing was changed/);
      const actions = await lead.get(`/api/v1/actions?inspectionId=${inspectionId}`).expect(200);
      expect(actions.body.items).toEqual([]);
    } finally {
      await slow.close();
    }
    // A second app of its own, on a machine that may be busy.
  }, 180_000);
});
