import {
  type CreateActionRequest,
  type Recommendation,
  type UpdateActionRequest,
  actionStatusNames,
} from '@tracker/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { asc, eq, gt, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type ActionContext, createAction, updateAction } from '../actions/service';
import { findSessionActor } from '../auth/sessions';
import type { Db } from '../db/client';
import { actionDueDateChanges, actions } from '../db/schema/actions';
import { auditEvents } from '../db/schema/audit';
import { notifications } from '../db/schema/notifications';
import { recommendations as recommendationsTable } from '../db/schema/recommendations';
import { users } from '../db/schema/users';
import { documentSettings } from '../action-plans/document';
import {
  type SignedInClient,
  type TestApp,
  TestClock,
  createTestApp,
  demo,
  signedInClient,
  testConfig,
} from '../testing/app';
import { expectFiguresToMatchRecount } from '../testing/figures';
import { planOf } from '../testing/plans';
import { importActions } from './import-actions';
import { readSheet } from './read-sheet';

/**
 * The actions import checks and writes all its rows at once. These tests hold it to what the
 * app's own edits, one row at a time, would have done: the same actions, history, notices,
 * audit trail and recommendation statuses; and to all or nothing among thousands of rows.
 */

let testApp: TestApp;
let db: Db;
let rpd: SignedInClient;
let context: ActionContext;
let recommendations: Recommendation[];
let personId: Record<string, string>;
let target: { inspectionId: string; regionId: string };
let planId: string;

const wigan = 'Demo Head of Operations, Wigan';
const tameside = 'Demo Head of Operations, Tameside';
const regionLead = 'Demo Regional Probation Director';
const nationalLead = 'Demo HMPPS National Lead';
const hmppsName = 'HM Prison and Probation Service';
/** Actions made before the file is exported, in setup; the last two are owned by HMPPS. */
const existingCount = 102;

const options = (apply: boolean, expired = () => false) => ({
  apply,
  context,
  settings: documentSettings(testConfig(), context.now),
  expired,
});

/** The live plan's export, as CSV rows keyed by column. */
async function exportedRows(): Promise<Record<string, string>[]> {
  const response = await rpd
    .get(`/api/v1/action-plans/${planId}/export?format=csv`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return parse(response.body as Buffer, { bom: true, columns: true }) as Record<string, string>[];
}

/** Rows as the import reads them, through the same reader as an uploaded file. */
async function sheetOf(header: string[], rows: Record<string, string>[]) {
  return readSheet(Buffer.from(stringify(rows, { header: true, columns: header })));
}

class Captured extends Error {
  constructor(readonly value: unknown) {
    super('captured');
  }
}

/** What `work` leaves in a transaction that is then rolled back. */
async function rolledBack<T>(work: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.transaction(async (tx) => {
      throw new Captured(await work(tx));
    });
  } catch (error) {
    if (error instanceof Captured) return error.value as T;
    throw error;
  }
  throw new Error('the transaction did not roll back');
}

async function lastAuditId(): Promise<number> {
  const [row] = await db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return row?.id ?? 0;
}

/**
 * Everything an import can change, with each action named by its title (unique here) instead
 * of its id, so two runs that chose different ids for new actions compare equal.
 */
async function snapshot(tx: Db, sinceAuditId: number) {
  const actionRows = await tx.select().from(actions);
  const titleOf = new Map(actionRows.map((row) => [row.id, row.title]));
  const named = (id: string | null) => (id && titleOf.get(id)) ?? id;
  const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));
  return {
    actions: actionRows.map(({ id: _, ...row }) => row).sort(byJson),
    dueDateChanges: (await tx.select().from(actionDueDateChanges))
      // updatedAt is the database's clock (no code sets it), so differs between two runs.
      .map(({ id: _, updatedAt: __, actionId, ...row }) => ({ action: named(actionId), ...row }))
      .sort(byJson),
    notifications: (await tx.select().from(notifications))
      .map(({ id: _, link, ...row }) => ({
        ...row,
        link: link.replace(/[0-9a-f-]{36}/, (id) => named(id)!),
      }))
      .sort(byJson),
    // In the order written; its times are the database's clock, so differ between two runs.
    audit: (
      await tx
        .select()
        .from(auditEvents)
        .where(gt(auditEvents.id, sinceAuditId))
        .orderBy(asc(auditEvents.id))
    ).map(({ id: _, occurredAt: __, createdAt: ___, updatedAt: ____, subjectId, ...row }) => ({
      ...row,
      subject: named(subjectId),
    })),
    recommendations: await tx
      .select({
        id: recommendationsTable.id,
        status: recommendationsTable.status,
        updatedAt: recommendationsTable.updatedAt,
      })
      .from(recommendationsTable)
      .orderBy(asc(recommendationsTable.id)),
  };
}

const owningUnitFor = (recommendation: Recommendation, index: number) =>
  recommendation.ownerLevel === 'hmpps' || index % 2 === 0
    ? target.regionId
    : recommendation.owningUnit.id;

beforeAll(async () => {
  testApp = await createTestApp({ clock: new TestClock(new Date('2026-02-02T10:00:00Z')) });
  db = testApp.database.db;
  const cookie = await testApp.signIn(demo.rpd);
  rpd = signedInClient(testApp.app, cookie);
  const token = cookie.slice(cookie.indexOf('=') + 1);
  const found = await findSessionActor(db, token, testApp.clock.now(), {
    idleMinutes: 30,
    absoluteHours: 12,
  });
  if (found.status !== 'active') throw new Error('the RPD is not signed in');
  recommendations = (await rpd.get('/api/v1/recommendations?limit=200').expect(200)).body.items;
  personId = Object.fromEntries(
    (await db.select().from(users)).map((person) => [person.name, person.id]),
  );
  const inspectionId = recommendations[0]!.inspectionId;
  const plan = await planOf(db, inspectionId);
  planId = plan.id;
  target = { inspectionId, regionId: plan.regionId };

  // Actions to change, made the way the app makes them, a day before the import.
  const setup: ActionContext = {
    actor: found.actor,
    requestId: 'setup',
    now: new Date('2026-02-01T09:00:00Z'),
    rag: { now: new Date('2026-02-01T09:00:00Z'), dueSoonDays: 14 },
  };
  const national = recommendations.filter((r) => r.ownerLevel === 'hmpps');
  await db.transaction(async (tx) => {
    for (let index = 0; index < existingCount; index += 1) {
      const hmppsOwned = index >= existingCount - 2;
      const recommendation = hmppsOwned
        ? national[index % national.length]!
        : recommendations[index % recommendations.length]!;
      await createAction(
        tx,
        recommendation.id,
        {
          title: `Existing action ${index}`,
          owningUnitId: hmppsOwned
            ? recommendation.owningUnit.id
            : owningUnitFor(recommendation, index),
          // HMPPS work is owned at HMPPS: the region's people may not own it.
          ...(!hmppsOwned &&
            index % 3 !== 2 && { ownerId: personId[index % 3 === 0 ? wigan : tameside] }),
          startDate: '2026-03-01',
          ...(index % 10 !== 9 && { dueDate: '2026-09-30' }),
          successMeasure: 'Audits show it',
        },
        setup,
      );
    }
  });
  context = {
    actor: found.actor,
    requestId: 'import-under-test',
    now: testApp.clock.now(),
    rag: { now: testApp.clock.now(), dueSoonDays: 14 },
  };
}, 120_000);
afterAll(() => testApp.close());

/** What a row of the file asks for, as the app's API would be asked it. */
type Intent =
  | { kind: 'create'; recommendationId: string; input: CreateActionRequest }
  | { kind: 'update'; actionId: string; input: UpdateActionRequest }
  | { kind: 'none' };

/**
 * A file of `creates` new actions spread over every recommendation, then every exported action
 * changed one of seven ways (or left alone), then blank rows; with what each row asks for.
 */
async function largeFile(creates: number) {
  const exported = await exportedRows();
  const header = Object.keys(exported[0]!);
  const rows: Record<string, string>[] = [];
  const intents: Intent[] = [];
  for (let index = 0; index < creates; index += 1) {
    const recommendation = recommendations[index % recommendations.length]!;
    const owningUnitId = index % 3 === 0 ? target.regionId : recommendation.owningUnit.id;
    // HMPPS work is owned at HMPPS; a region's or a PDU's by the region's people.
    const atHmpps = recommendation.ownerLevel === 'hmpps' && owningUnitId !== target.regionId;
    const owner = atHmpps
      ? [nationalLead, null][index % 2]!
      : [wigan, tameside, null, regionLead][index % 4]!;
    const dueDate = index % 5 === 0 ? null : '2026-10-31';
    const description = index % 2 === 0 ? `Why action ${index} matters` : null;
    rows.push({
      'Source PDU': recommendation.sourcePdu.name,
      'Recommendation number': String(recommendation.number),
      Action: `Imported action ${index}`,
      Description: description ?? '',
      'Owning unit': index % 3 === 0 ? 'Greater Manchester' : '',
      Owner: owner ?? '',
      'Start date': index % 7 === 0 ? '01/03/2026' : '2026-03-01',
      'Due date': dueDate ?? '',
      'Success measure': 'Audits show it',
    });
    intents.push({
      kind: 'create',
      recommendationId: recommendation.id,
      input: {
        title: `Imported action ${index}`,
        ...(description && { description }),
        owningUnitId,
        ...(owner && { ownerId: personId[owner] }),
        startDate: '2026-03-01',
        ...(dueDate && { dueDate }),
        successMeasure: 'Audits show it',
      },
    });
  }
  for (const [index, row] of exported.entries()) {
    const actionId = row['Action ID']!;
    // The RPD may only look at what HMPPS owns: left alone here.
    const variant = row['Owning unit'] === hmppsName ? 5 : index % 7;
    const change: [Record<string, string>, UpdateActionRequest | null] = [
      [{ 'Percent complete': '10' }, { percentComplete: 10 }],
      row['Due date']
        ? [
            { 'Due date': '2026-12-31', 'Due date change reason': 'Recruitment moved' },
            { dueDate: '2026-12-31', dueDateChangeReason: 'Recruitment moved' },
          ]
        : [{ 'Due date': '2026-11-30' }, { dueDate: '2026-11-30' }],
      row.Owner === tameside
        ? [{ Owner: wigan }, { ownerId: personId[wigan] }]
        : [{ Owner: tameside }, { ownerId: personId[tameside] }],
      [
        { Action: `${row.Action} (renamed)`, Description: 'Now described' },
        { title: `${row.Action} (renamed)`, description: 'Now described' },
      ],
      [{ Status: actionStatusNames.in_progress }, { status: 'in_progress' }],
      [{}, null],
      [{ 'Start date': '2026-04-01' }, { startDate: '2026-04-01' }],
    ][variant]! as [Record<string, string>, UpdateActionRequest | null];
    rows.push({ ...row, ...change[0] });
    intents.push(change[1] ? { kind: 'update', actionId, input: change[1] } : { kind: 'none' });
  }
  for (let index = 0; index < 10; index += 1) {
    rows.push({ 'Source PDU': 'Wigan', 'Recommendation number': '1' });
    intents.push({ kind: 'none' });
  }
  return { header, rows, intents };
}

/** The per-row path: each row as its own edit through the app's action service. */
async function perRow(tx: Db, intents: Intent[]) {
  for (const intent of intents) {
    if (intent.kind === 'create')
      await createAction(tx, intent.recommendationId, intent.input, context);
    // Every action was made in setup and not changed since: revision 1.
    if (intent.kind === 'update')
      await updateAction(tx, intent.actionId, intent.input, () => 1, context);
  }
}

describe('a large actions import', () => {
  it('ends exactly as 1,000 edits one row at a time would: actions, history, notices, audit trail, report', async () => {
    const { header, rows, intents } = await largeFile(888);
    expect(rows.length).toBeGreaterThanOrEqual(1000);
    const sheet = await sheetOf(header, rows);
    const since = await lastAuditId();
    const before = await snapshot(db, since);

    const dryRun = await importActions(db, target, sheet, options(false));
    expect(await snapshot(db, since)).toEqual(before);

    const expected = await rolledBack(async (tx) => {
      await perRow(tx, intents);
      return snapshot(tx, since);
    });
    expect(expected.audit).toHaveLength(intents.filter((i) => i.kind !== 'none').length);

    const report = await importActions(db, target, sheet, options(true));
    expect(report.errors).toEqual([]);
    expect(report.applied).toBe(true);
    expect(await snapshot(db, since)).toEqual(expected);
    await expectFiguresToMatchRecount(db, context.now, { dayOffsets: [0, 30] });

    const changed = intents.filter((intent) => intent.kind === 'update').length;
    expect(report.counts).toEqual({
      create: 888,
      update: changed,
      unchanged: existingCount - changed,
      skipped: 10,
      error: 0,
    });
    // Row by row, in the file's order; new actions named by the ids they were given.
    const titleOf = new Map(
      (await db.select({ id: actions.id, title: actions.title }).from(actions)).map((a) => [
        a.id,
        a.title,
      ]),
    );
    expect(report.rows.map((row) => row.row)).toEqual(sheet.map((row) => row.row));
    report.rows.slice(0, 888).forEach((row, index) => {
      expect(row.outcome).toBe('create');
      expect(titleOf.get(row.subjectId!)).toBe(`Imported action ${index}`);
    });
    const renamed = report.rows.find((row) => row.changes.some((c) => c.column === 'Action'))!;
    expect(renamed.changes).toEqual([
      { column: 'Action', from: expect.any(String), to: expect.stringMatching(/\(renamed\)$/) },
      { column: 'Description', from: null, to: 'Now described' },
    ]);
    // A dry run reports the same, only with no ids for actions it did not keep.
    expect(dryRun).toEqual({
      ...report,
      applied: false,
      rows: report.rows.map((row) =>
        row.outcome === 'create' ? { ...row, subjectId: null } : row,
      ),
    });
  }, 600_000);

  it('refuses every bad row among 2,500 by row and column, changes nothing, then applies the rest', async () => {
    const { header, rows } = await largeFile(2500);
    const existing = (title: string) =>
      rows.find((row) => row.Action === `${title} (renamed)` || row.Action === title)!;
    // Refused as the file is read, and by the rules an edit in the app is checked by.
    const unknownOwner = { ...rows[0]!, Action: 'Owned by no one we know', Owner: 'Nobody Known' };
    const backwards = {
      ...rows[0]!,
      Action: 'Due before it starts',
      'Start date': '2026-06-01',
      'Due date': '2026-05-01',
    };
    const completed: Record<string, string> = {
      ...existing('Existing action 7'),
      Status: actionStatusNames.complete,
    };
    const hmppsOwned: Record<string, string> = {
      ...existing(`Existing action ${existingCount - 1}`),
      'Percent complete': '50',
    };
    const withBad = rows.map((row) =>
      row.Action === completed.Action
        ? completed
        : row.Action === hmppsOwned.Action
          ? hmppsOwned
          : row,
    );
    withBad.splice(1200, 0, unknownOwner);
    withBad.push(backwards);
    const rowOf = (row: Record<string, string>) => withBad.indexOf(row) + 2;
    const since = await lastAuditId();
    const before = await snapshot(db, since);

    const refused = await importActions(db, target, await sheetOf(header, withBad), options(true));
    expect(refused.applied).toBe(false);
    expect(refused.errors).toEqual(
      [
        {
          row: rowOf(unknownOwner),
          column: 'Owner',
          message: '"Nobody Known" is not an active person of this region',
        },
        {
          row: rowOf(completed),
          column: 'Status',
          message: 'complete needs at least one piece of evidence',
        },
        {
          row: rowOf(hmppsOwned),
          column: 'Action ID',
          message: 'You may look at this action but not change it.',
        },
        {
          row: rowOf(backwards),
          column: 'Due date',
          message: 'must be on or after the start date (2026-06-01)',
        },
      ].sort((a, b) => a.row - b.row),
    );
    expect(refused.counts).toMatchObject({ create: 2500, error: 4 });
    expect(
      refused.rows.filter((row) => row.outcome === 'create').map((row) => row.subjectId),
    ).toEqual(Array(2500).fill(null));
    expect(await snapshot(db, since)).toEqual(before);

    const applied = await importActions(db, target, await sheetOf(header, rows), options(true));
    expect(applied).toMatchObject({ applied: true, errors: [] });
    const created = applied.rows.filter((row) => row.outcome === 'create');
    expect(created).toHaveLength(2500);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.id, since))
      .orderBy(asc(auditEvents.id));
    const createdEvents = audit.filter((event) => event.action === 'action.created');
    // One event per new action, naming it, in the file's order (ids rise in insert order).
    expect(createdEvents.map((event) => event.subjectId)).toEqual(
      created.map((row) => row.subjectId),
    );
    const stored = await db
      .select({ id: actions.id })
      .from(actions)
      .where(eq(actions.createdAt, context.now));
    expect(stored.length).toBeGreaterThanOrEqual(2500);
    await expectFiguresToMatchRecount(db, context.now);
  }, 600_000);

  it('stopped by its deadline in the middle of writing, leaves nothing behind', async () => {
    const { header, rows } = await largeFile(1500);
    // New actions only: two batches of them.
    const sheet = await sheetOf(header, rows.slice(0, 1500));
    const since = await lastAuditId();
    const before = await snapshot(db, since);
    // Each row is checked against the deadline twice (read, then rules); past that, the
    // writes: the first batch of new actions is written before the deadline passes.
    let checks = 0;
    const expired = () => (checks += 1) > 2 * sheet.length + 1;
    await expect(importActions(db, target, sheet, options(true, expired))).rejects.toMatchObject({
      status: 503,
    });
    expect(checks).toBeGreaterThan(2 * sheet.length + 1);
    expect(await snapshot(db, since)).toEqual(before);
  }, 600_000);
});
