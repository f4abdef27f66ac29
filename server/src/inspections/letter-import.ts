import {
  type CellError,
  type ImportReport,
  type ImportRowReport,
  type MeasureDirection,
  type RatingValue,
  agreesWithFraction,
  frameworkStandards,
  isInspectorateKind,
  letterColumns,
  letterSheets,
  measureDirectionNames,
  outcomeMeasureColumns,
  pduRatingColumns,
  percentOf,
  ratingNames,
} from '@tracker/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';

import { type AuditEvent, recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import type { Db } from '../db/client';
import { inspectedPdus, inspections, standardRatings } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { outcomeMeasures } from '../db/schema/outcome-measures';
import { recommendations } from '../db/schema/recommendations';
import { type SheetLayout, type SheetRow, excerpt } from '../exports/read-sheet';
import { notFound } from '../http/errors';

type LetterColumn = (typeof letterColumns)[number];
type PduColumn = (typeof pduRatingColumns)[number];
type MeasureColumn = (typeof outcomeMeasureColumns)[number];

export const letterLayouts = {
  [letterSheets.letter]: {
    columns: letterColumns,
    required: letterColumns,
    name: 'the letter template',
  } satisfies SheetLayout<LetterColumn>,
  [letterSheets.pduRatings]: {
    columns: pduRatingColumns,
    required: ['PDU', 'Fieldwork start month', 'Overall rating', 'Score achieved', 'Score max'],
    name: 'the letter template',
  } satisfies SheetLayout<PduColumn>,
  [letterSheets.outcomeMeasures]: {
    columns: outcomeMeasureColumns,
    required: outcomeMeasureColumns,
    name: 'the letter template',
  } satisfies SheetLayout<MeasureColumn>,
};

export interface LetterSheets {
  letter?: SheetRow<LetterColumn>[] | undefined;
  pduRatings?: SheetRow<PduColumn>[] | undefined;
  outcomeMeasures?: SheetRow<MeasureColumn>[] | undefined;
}

/** "Requires improvement", "requires_improvement" and "REQUIRES-IMPROVEMENT" read the same. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function lookup<Value extends string>(words: Record<Value, string>): Map<string, Value> {
  return new Map(
    (Object.entries(words) as [Value, string][]).flatMap(([value, word]) => [
      [normalise(word), value],
      [normalise(value), value],
    ]),
  );
}
const ratingOf = lookup(ratingNames);
const directionOf = lookup(measureDirectionNames);
const ratingWords = Object.values(ratingNames).join(', ');

const maxName = 300;
const maxUnit = 50;
const maxPeriod = 200;
const maxSource = 5000;
const maxCount = 100_000_000;

/** Records a cell's error; answers undefined, so a reader can `return fail(...)`. */
type Fail<Column extends string> = (column: Column, message: string) => undefined;

/** A blank cell is null; a bad one fails (undefined). */
function readRating<C extends string>(cell: string | undefined, column: C, fail: Fail<C>) {
  if (!cell) return null;
  return ratingOf.get(normalise(cell)) ?? fail(column, `must be one of ${ratingWords}, or blank`);
}

function readDate<C extends string>(cell: string | undefined, column: C, fail: Fail<C>) {
  if (!cell) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(cell) ? new Date(`${cell}T00:00:00Z`) : null;
  if (date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(cell)) return cell;
  return fail(column, 'must be a date, YYYY-MM-DD');
}

function readCount<C extends string>(cell: string | undefined, column: C, fail: Fail<C>) {
  if (!cell) return null;
  if (/^\d{1,9}$/.test(cell) && Number(cell) <= maxCount) return Number(cell);
  return fail(column, 'must be a whole number, 0 or more');
}

function readFigure<C extends string>(cell: string | undefined, column: C, fail: Fail<C>) {
  if (!cell) return null;
  const figure = Number(cell.replace(/%$/, '').trim());
  if (/^-?[\d.]+%?$/.test(cell) && Number.isFinite(figure)) return figure;
  return fail(column, 'must be a number');
}

function readText<C extends string>(
  cell: string | undefined,
  column: C,
  max: number,
  fail: Fail<C>,
) {
  if (!cell) return fail(column, 'is required');
  return cell.length <= max ? cell : fail(column, `must be at most ${max} characters`);
}

/** One sheet's rows, read: the report rows and, where a row is good, its values. */
interface Planned<Values> {
  report: ImportRowReport;
  values: Values | null;
}

function reporter<C extends string>(sheet: string, row: SheetRow<C>) {
  const errors: CellError[] = [];
  const fail: Fail<C> = (column, message) => {
    errors.push({ sheet, row: row.row, column, message });
    return undefined;
  };
  const report = (label: string | null): ImportRowReport => ({
    sheet,
    row: row.row,
    outcome: errors.length > 0 ? 'error' : 'unchanged',
    subjectId: null,
    label: label === null ? null : excerpt(label),
    changes: [],
    errors,
  });
  return { errors, fail, report };
}

interface Unit {
  id: string;
  name: string;
  type: string;
}

interface LoadContext {
  inspection: typeof inspections.$inferSelect;
  region: Unit;
  pdus: Map<string, Unit>;
}

// ---- Letter ----

interface LetterValues {
  overallRating: RatingValue | null;
  publishedOn: string | null;
}

function planLetter(rows: SheetRow<LetterColumn>[], context: LoadContext) {
  const sheet = letterSheets.letter;
  return rows.map((row, index): Planned<LetterValues> => {
    const { fail, report, errors } = reporter(sheet, row);
    if (index > 0) {
      fail('Overall rating', 'the Letter sheet has one row: the letter itself');
      return { report: report('The letter'), values: null };
    }
    const overallRating = readRating(row.cells['Overall rating'], 'Overall rating', fail);
    if (overallRating && !isInspectorateKind(context.inspection.kind))
      fail('Overall rating', 'must be blank: an HMPPS review gives no rating');
    const publishedOn = readDate(row.cells['Publication date'], 'Publication date', fail);
    const values =
      errors.length > 0 || overallRating === undefined || publishedOn === undefined
        ? null
        : { overallRating, publishedOn };
    return { report: report('The letter'), values };
  });
}

// ---- PDU ratings ----

interface PduValues {
  pdu: Unit;
  fieldworkStartMonth: string | null;
  overallRating: RatingValue | null;
  scoreAchieved: number | null;
  scoreMax: number | null;
  standards: { code: string; name: string; rating: RatingValue | null }[];
}

function readMonth(cell: string | undefined, fail: Fail<PduColumn>) {
  if (!cell) return null;
  // A month typed into Excel may come back as its first day.
  const month = /^(\d{4})-(\d{2})(?:-01)?$/.exec(cell);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return `${month[1]}-${month[2]}`;
  return fail('Fieldwork start month', 'must be a month, YYYY-MM');
}

function planPduRatings(rows: SheetRow<PduColumn>[], context: LoadContext) {
  const sheet = letterSheets.pduRatings;
  const seen = new Map<string, number>();
  const rated = isInspectorateKind(context.inspection.kind);
  return rows.map((row): Planned<PduValues> => {
    const { fail, report, errors } = reporter(sheet, row);
    const { cells } = row;
    const named = cells.PDU;
    const pdu = named ? context.pdus.get(normalise(named)) : undefined;
    if (!named) fail('PDU', 'is required');
    else if (!pdu) fail('PDU', `"${excerpt(named)}" is not a PDU of ${context.region.name}`);
    else if (seen.has(pdu.id)) fail('PDU', `${pdu.name} is also on row ${seen.get(pdu.id)}`);
    else seen.set(pdu.id, row.row);
    const fieldworkStartMonth = readMonth(cells['Fieldwork start month'], fail);
    const overallRating = readRating(cells['Overall rating'], 'Overall rating', fail);
    const scoreAchieved = readCount(cells['Score achieved'], 'Score achieved', fail);
    const scoreMax = readCount(cells['Score max'], 'Score max', fail);
    if (scoreAchieved != null && scoreMax == null) fail('Score max', 'is required with the score');
    if (scoreAchieved == null && scoreMax != null)
      fail('Score achieved', 'is required with the score max');
    if (scoreAchieved != null && scoreMax != null && scoreAchieved > scoreMax)
      fail('Score achieved', `must not be more than the score max (${scoreMax})`);
    if (scoreMax === 0) fail('Score max', 'must be more than 0');
    const standards = frameworkStandards.map(([code, name]) => ({
      code,
      name,
      rating: readRating(cells[code], code, fail),
    }));
    const anyRating =
      overallRating || scoreAchieved != null || standards.some((standard) => standard.rating);
    if (anyRating && !rated)
      fail(
        'Overall rating',
        'must be blank, as must the scores and standards: an HMPPS review gives no ratings',
      );
    if (errors.length > 0 || !pdu)
      return { report: report(pdu?.name ?? named ?? null), values: null };
    return {
      report: report(pdu.name),
      values: {
        pdu,
        fieldworkStartMonth: fieldworkStartMonth ?? null,
        overallRating: overallRating ?? null,
        scoreAchieved: scoreAchieved ?? null,
        scoreMax: scoreMax ?? null,
        standards: standards.map((standard) => ({ ...standard, rating: standard.rating ?? null })),
      },
    };
  });
}

// ---- Outcome measures ----

interface MeasureValues {
  recommendationId: string;
  name: string;
  unit: string;
  direction: MeasureDirection;
  baselineValue: number;
  baselineNumerator: number | null;
  baselineDenominator: number | null;
  baselinePeriod: string;
  baselineDate: string | null;
  baselineSource: string;
  targetValue: number | null;
  targetDate: string | null;
}

const percentUnits = new Set(['per cent', 'percent', '%', 'percentage']);

/** Numerator and denominator, when given, make the value: 5 of 15 is 33.3 per cent, never 5. */
function readBaseline(cells: SheetRow<MeasureColumn>['cells'], fail: Fail<MeasureColumn>) {
  const value = readFigure(cells['Baseline value'], 'Baseline value', fail);
  const numerator = readCount(cells['Baseline numerator'], 'Baseline numerator', fail);
  const denominator = readCount(cells['Baseline denominator'], 'Baseline denominator', fail);
  if (value === undefined || numerator === undefined || denominator === undefined) return;
  if (numerator === null && denominator === null) {
    if (value === null) return fail('Baseline value', 'is required');
    return { value, numerator: null, denominator: null };
  }
  if (numerator === null) return fail('Baseline numerator', 'is required with the denominator');
  if (denominator === null) return fail('Baseline denominator', 'is required with the numerator');
  if (denominator === 0) return fail('Baseline denominator', 'must be more than 0');
  if (numerator > denominator)
    return fail('Baseline numerator', `must not be more than the denominator (${denominator})`);
  if (value !== null && !agreesWithFraction(value, numerator, denominator))
    return fail(
      'Baseline value',
      `disagrees with ${numerator} out of ${denominator} ` +
        `(${percentOf(numerator, denominator).toFixed(1)} per cent): leave it blank or correct it`,
    );
  if (!percentUnits.has(normalise(cells.Unit ?? '')))
    return fail('Unit', 'must be "per cent" where a numerator and denominator are given');
  return { value: percentOf(numerator, denominator), numerator, denominator };
}

function planMeasures(
  rows: SheetRow<MeasureColumn>[],
  context: LoadContext,
  recommendationIds: Map<string, string>,
) {
  const sheet = letterSheets.outcomeMeasures;
  const seen = new Map<string, number>();
  return rows.map((row): Planned<MeasureValues> => {
    const { fail, report, errors } = reporter(sheet, row);
    const { cells } = row;
    const named = cells['Source PDU'];
    const pdu = named ? context.pdus.get(normalise(named)) : undefined;
    if (!named) fail('Source PDU', 'is required');
    else if (!pdu) fail('Source PDU', `"${excerpt(named)}" is not a PDU of ${context.region.name}`);
    const number = cells['Recommendation number'];
    let recommendationId: string | undefined;
    if (!number) fail('Recommendation number', 'is required');
    else if (!/^\d{1,4}$/.test(number)) fail('Recommendation number', 'must be a whole number');
    else if (pdu) {
      recommendationId = recommendationIds.get(`${pdu.id} ${Number(number)}`);
      if (!recommendationId)
        fail(
          'Recommendation number',
          `${pdu.name} ${Number(number)} is not a recommendation of this inspection`,
        );
    }
    const name = readText(cells.Name, 'Name', maxName, fail);
    const unit = readText(cells.Unit, 'Unit', maxUnit, fail);
    const directionCell = cells.Direction;
    const direction = directionCell ? directionOf.get(normalise(directionCell)) : undefined;
    if (!directionCell) fail('Direction', 'is required');
    else if (!direction)
      fail('Direction', `must be ${Object.values(measureDirectionNames).join(' or ')}`);
    const baseline = readBaseline(cells, fail);
    const baselinePeriod = readText(cells['Baseline period'], 'Baseline period', maxPeriod, fail);
    const baselineDate = readDate(cells['Baseline date'], 'Baseline date', fail);
    const baselineSource = readText(cells['Baseline source'], 'Baseline source', maxSource, fail);
    const targetValue = readFigure(cells['Target value'], 'Target value', fail);
    const targetDate = readDate(cells['Target date'], 'Target date', fail);
    if (targetValue === null && targetDate) fail('Target value', 'is required with a target date');
    const recommendation = [pdu?.name ?? named, number].filter(Boolean).join(' ');
    const label = [recommendation, name].filter(Boolean).join(': ');
    if (recommendationId && name) {
      const key = `${recommendationId} ${normalise(name)}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) fail('Name', `the same measure is also on row ${earlier}`);
      else seen.set(key, row.row);
    }
    if (
      errors.length > 0 ||
      !recommendationId ||
      !name ||
      !unit ||
      !direction ||
      !baseline ||
      !baselinePeriod ||
      baselineDate === undefined ||
      !baselineSource ||
      targetValue === undefined ||
      targetDate === undefined
    )
      return { report: report(label || null), values: null };
    return {
      report: report(label),
      values: {
        recommendationId,
        name,
        unit,
        direction,
        baselineValue: baseline.value,
        baselineNumerator: baseline.numerator,
        baselineDenominator: baseline.denominator,
        baselinePeriod,
        baselineDate,
        baselineSource,
        targetValue,
        targetDate: targetValue === null ? null : targetDate,
      },
    };
  });
}

// ---- Comparing and writing ----

type Changes = ImportRowReport['changes'];

/** The fields that differ, as the report shows them. */
function changed<Values extends object>(
  before: Partial<Values> | null,
  after: Values,
  columns: [keyof Values & string, string][],
): Changes {
  return columns.flatMap(([field, column]) => {
    const from = before ? (before[field] ?? null) : null;
    const to = after[field] ?? null;
    return JSON.stringify(from) === JSON.stringify(to) && before ? [] : [{ column, from, to }];
  });
}

function settle(report: ImportRowReport, existed: boolean, changes: Changes) {
  report.changes = changes;
  report.outcome = changes.length === 0 ? 'unchanged' : existed ? 'update' : 'create';
}

/** Thrown to roll the whole import back (a dry run, or any row in error) with its report. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('letter import rolled back');
  }
}

export interface LetterImportOptions {
  apply: boolean;
  context: WriteContext;
}

/**
 * Loads the rest of a letter (overall rating and publication date, PDU fieldwork months and
 * ratings, outcome-measure baselines) from the letter template, all or nothing, in one
 * transaction. Each sheet given is the whole truth for what it holds: loading the same file
 * again is "unchanged", a changed one replaces the values. A sheet left out is left alone, as
 * are outcome measures the file does not name (they may have readings: a measure is removed
 * on its own page). A dry run does the work and rolls it back, so its report is what applying
 * would do.
 */
export async function importLetter(
  db: Db,
  inspectionId: string,
  sheets: LetterSheets,
  options: LetterImportOptions,
): Promise<ImportReport> {
  try {
    return await db.transaction(async (tx) => {
      const report = await importSheets(tx, inspectionId, sheets, options);
      if (!report.applied) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  }
}

async function loadContext(tx: Db, inspectionId: string): Promise<LoadContext> {
  // Locked, so two loads of one letter take turns and each sees the other's work.
  const [inspection] = await tx
    .select()
    .from(inspections)
    .where(eq(inspections.id, inspectionId))
    .for('update');
  if (!inspection) throw notFound('Inspection', inspectionId);
  const units = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, type: orgUnits.type })
    .from(orgUnits)
    .where(eq(orgUnits.id, inspection.regionId));
  const pduRows = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, type: orgUnits.type })
    .from(orgUnits)
    .where(and(eq(orgUnits.parentId, inspection.regionId), eq(orgUnits.type, 'pdu')));
  const pdus = new Map(
    pduRows.flatMap((unit) => [
      [normalise(unit.code), unit],
      [normalise(unit.name), unit],
    ]),
  );
  return { inspection, region: units[0]!, pdus };
}

async function importSheets(
  tx: Db,
  inspectionId: string,
  sheets: LetterSheets,
  options: LetterImportOptions,
): Promise<ImportReport> {
  const context = await loadContext(tx, inspectionId);
  const recommendationRows = await tx
    .select({
      id: recommendations.id,
      sourcePduId: recommendations.sourcePduId,
      number: recommendations.number,
    })
    .from(recommendations)
    .where(eq(recommendations.inspectionId, inspectionId));
  const recommendationIds = new Map(
    recommendationRows.map((row) => [`${row.sourcePduId} ${row.number}`, row.id]),
  );
  const letter = sheets.letter ? planLetter(sheets.letter, context) : [];
  const pdus = sheets.pduRatings ? planPduRatings(sheets.pduRatings, context) : [];
  const measures = sheets.outcomeMeasures
    ? planMeasures(sheets.outcomeMeasures, context, recommendationIds)
    : [];
  const rows = [...letter, ...pdus, ...measures].map((plan) => plan.report);
  const errors = rows.flatMap((row) => row.errors);
  // Written even when a row is in error (the transaction is then rolled back), so the report
  // says what each good row would do, as a dry run does.
  const audit = { context: options.context, regionId: context.inspection.regionId };
  if (sheets.letter) await writeLetter(tx, context, letter, audit);
  if (sheets.pduRatings) await writePduRatings(tx, context, good(pdus), audit);
  if (sheets.outcomeMeasures) await writeMeasures(tx, good(measures), audit);
  const applied = options.apply && errors.length === 0;
  // Ids of a rolled-back run never existed: the report must not point at them.
  if (!applied) for (const row of rows) if (row.outcome === 'create') row.subjectId = null;
  const counts = { create: 0, update: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return { applied, rows, errors, counts };
}

/** The rows without errors, which have values. */
function good<Values>(plans: Planned<Values>[]): (Planned<Values> & { values: Values })[] {
  return plans.filter((plan): plan is Planned<Values> & { values: Values } => !!plan.values);
}

interface AuditContext {
  context: WriteContext;
  regionId: string;
}

function audit(
  tx: Db,
  on: AuditContext,
  entry: Pick<AuditEvent, 'action' | 'subjectType' | 'subjectId' | 'before' | 'after'>,
) {
  return recordAudit(tx, {
    ...auditActor(on.context.actor),
    regionId: on.regionId,
    requestId: on.context.requestId,
    ...entry,
  });
}

async function writeLetter(
  tx: Db,
  context: LoadContext,
  plans: Planned<LetterValues>[],
  on: AuditContext,
) {
  if (plans[0] && !plans[0].values) return;
  const values = plans[0]?.values ?? { overallRating: null, publishedOn: null };
  const { inspection } = context;
  const before = { overallRating: inspection.overallRating, publishedOn: inspection.publishedOn };
  const changes = changed(before, values, [
    ['overallRating', 'Overall rating'],
    ['publishedOn', 'Publication date'],
  ]);
  if (plans[0]) {
    settle(plans[0].report, true, changes);
    plans[0].report.subjectId = inspection.id;
  }
  if (changes.length === 0) return;
  await tx
    .update(inspections)
    .set({ ...values, updatedAt: on.context.now })
    .where(eq(inspections.id, inspection.id));
  await audit(tx, on, {
    action: 'inspection.letter_loaded',
    subjectType: 'inspection',
    subjectId: inspection.id,
    before,
    after: { ...values, source: 'import' },
  });
}

type PduState = Omit<PduValues, 'pdu'>;

const pduFields: [keyof PduState & string, string][] = [
  ['fieldworkStartMonth', 'Fieldwork start month'],
  ['overallRating', 'Overall rating'],
  ['scoreAchieved', 'Score achieved'],
  ['scoreMax', 'Score max'],
];

/**
 * Each PDU on the sheet gets exactly its row's fieldwork month, ratings and a rating (or none)
 * for every framework standard. A PDU listed with the inspection but not on the sheet keeps its
 * place (its recommendations name it) and loses its ratings: the sheet is the whole truth.
 */
async function writePduRatings(
  tx: Db,
  context: LoadContext,
  plans: Planned<PduValues>[],
  on: AuditContext,
) {
  const inspectionId = context.inspection.id;
  const listed = await tx
    .select()
    .from(inspectedPdus)
    .where(eq(inspectedPdus.inspectionId, inspectionId))
    .orderBy(asc(inspectedPdus.position));
  const standards = listed.length
    ? await tx
        .select()
        .from(standardRatings)
        .where(
          inArray(
            standardRatings.inspectedPduId,
            listed.map((row) => row.id),
          ),
        )
        .orderBy(asc(standardRatings.code))
    : [];
  const stateOf = (row: (typeof listed)[number]): PduState => ({
    fieldworkStartMonth: row.fieldworkStartMonth,
    overallRating: row.overallRating,
    scoreAchieved: row.scoreAchieved,
    scoreMax: row.scoreMax,
    standards: standards
      .filter((standard) => standard.inspectedPduId === row.id)
      .map(({ code, name, rating }) => ({ code, name, rating })),
  });
  const byPdu = new Map(listed.map((row) => [row.pduId, row]));
  let nextPosition = (listed.at(-1)?.position ?? 0) + 1;
  const cleared: PduState = {
    fieldworkStartMonth: null,
    overallRating: null,
    scoreAchieved: null,
    scoreMax: null,
    standards: [],
  };
  const targets: {
    existing: (typeof listed)[number] | undefined;
    pduId: string;
    after: PduState;
    plan?: Planned<PduValues>;
  }[] = [];
  for (const plan of plans) {
    const { pdu, ...after } = plan.values!;
    targets.push({ existing: byPdu.get(pdu.id), pduId: pdu.id, after, plan });
  }
  const onSheet = new Set(targets.map((target) => target.pduId));
  for (const row of listed)
    if (!onSheet.has(row.pduId)) targets.push({ existing: row, pduId: row.pduId, after: cleared });

  for (const target of targets) {
    const before = target.existing ? stateOf(target.existing) : null;
    const changes = changed(before, target.after, pduFields);
    const ratingsBefore = JSON.stringify(before?.standards ?? []);
    if (ratingsBefore !== JSON.stringify(target.after.standards))
      changes.push({
        column: 'Standards',
        from: before ? summary(before.standards) : null,
        to: summary(target.after.standards),
      });
    if (target.plan) settle(target.plan.report, !!target.existing, changes);
    if (changes.length === 0) {
      if (target.plan) target.plan.report.subjectId = target.existing!.id;
      continue;
    }
    const { standards: rated, ...fields } = target.after;
    let id = target.existing?.id;
    if (id) {
      await tx
        .update(inspectedPdus)
        .set({ ...fields, updatedAt: on.context.now })
        .where(eq(inspectedPdus.id, id));
      await tx.delete(standardRatings).where(eq(standardRatings.inspectedPduId, id));
    } else {
      const [inserted] = await tx
        .insert(inspectedPdus)
        .values({ inspectionId, pduId: target.pduId, position: nextPosition++, ...fields })
        .returning({ id: inspectedPdus.id });
      id = inserted!.id;
    }
    if (rated.length > 0)
      await tx
        .insert(standardRatings)
        .values(rated.map((standard) => ({ ...standard, inspectedPduId: id })));
    if (target.plan) target.plan.report.subjectId = id;
    await audit(tx, on, {
      action: 'inspection.pdu_ratings_loaded',
      subjectType: 'inspection',
      subjectId: inspectionId,
      before: before && { pduId: target.pduId, ...before },
      after: { pduId: target.pduId, ...target.after, source: 'import' },
    });
  }
}

/** Standards as the report shows them: "1.1 Good; 2.2 Inadequate". */
function summary(standards: PduState['standards']): string {
  return standards
    .filter((standard) => standard.rating)
    .map((standard) => `${standard.code} ${ratingNames[standard.rating!]}`)
    .join('; ');
}

const measureFields: [keyof MeasureValues & string, string][] = [
  ['unit', 'Unit'],
  ['direction', 'Direction'],
  ['baselineValue', 'Baseline value'],
  ['baselineNumerator', 'Baseline numerator'],
  ['baselineDenominator', 'Baseline denominator'],
  ['baselinePeriod', 'Baseline period'],
  ['baselineDate', 'Baseline date'],
  ['baselineSource', 'Baseline source'],
  ['targetValue', 'Target value'],
  ['targetDate', 'Target date'],
];

/** A measure is matched by its recommendation and name; it is created or its fields replaced. */
async function writeMeasures(tx: Db, plans: Planned<MeasureValues>[], on: AuditContext) {
  const ids = [...new Set(plans.map((plan) => plan.values!.recommendationId))];
  const existing = ids.length
    ? await tx.select().from(outcomeMeasures).where(inArray(outcomeMeasures.recommendationId, ids))
    : [];
  const byKey = new Map(
    existing.map((row) => [`${row.recommendationId} ${normalise(row.name)}`, row]),
  );
  for (const plan of plans) {
    const values = plan.values!;
    const found = byKey.get(`${values.recommendationId} ${normalise(values.name)}`);
    const before = found
      ? Object.fromEntries(
          [['name'] as const, ...measureFields].map(([field]) => [field, found[field]]),
        )
      : null;
    const changes = changed(before as Partial<MeasureValues> | null, values, [
      ['name', 'Name'],
      ...measureFields,
    ]).filter((change) => found || change.to !== null);
    settle(plan.report, !!found, changes);
    if (found && changes.length === 0) {
      plan.report.subjectId = found.id;
      continue;
    }
    if (found) {
      await tx
        .update(outcomeMeasures)
        .set({
          ...values,
          revision: sql`${outcomeMeasures.revision} + 1`,
          updatedAt: on.context.now,
        })
        .where(eq(outcomeMeasures.id, found.id));
      plan.report.subjectId = found.id;
      await audit(tx, on, {
        action: 'outcome_measure.updated',
        subjectType: 'outcome_measure',
        subjectId: found.id,
        before,
        after: { ...values, source: 'import' },
      });
    } else {
      const [created] = await tx
        .insert(outcomeMeasures)
        .values({ ...values, createdAt: on.context.now, updatedAt: on.context.now })
        .returning({ id: outcomeMeasures.id });
      plan.report.subjectId = created!.id;
      await audit(tx, on, {
        action: 'outcome_measure.created',
        subjectType: 'outcome_measure',
        subjectId: created!.id,
        after: { ...values, source: 'import' },
      });
    }
  }
}

// ---- The template ----

/** Each column's meaning, written under its heading in the template's "How to fill" sheet. */
const columnHelp: [sheet: string, column: string, help: string][] = [
  [
    'Letter',
    'Overall rating',
    `${ratingWords}; blank where the letter gives none (HMPPS reviews).`,
  ],
  ['Letter', 'Publication date', 'When the report was published, YYYY-MM-DD; blank if not known.'],
  ['PDU ratings', 'PDU', "Name or code of a PDU of the inspection's region; one row per PDU."],
  ['PDU ratings', 'Fieldwork start month', 'YYYY-MM; blank where the letter does not give it.'],
  ['PDU ratings', 'Overall rating', `${ratingWords}, or blank.`],
  ['PDU ratings', 'Score achieved', 'Whole number ("10/24" is 10), or blank with Score max.'],
  ['PDU ratings', 'Score max', 'Whole number ("10/24" is 24), or blank.'],
  ['PDU ratings', '1.1 ... 2.5', `One column per framework standard: ${ratingWords}, or blank.`],
  ['Outcome measures', 'Source PDU', 'The PDU whose list the recommendation is in.'],
  ['Outcome measures', 'Recommendation number', 'Its number in that list.'],
  ['Outcome measures', 'Name', 'What is measured; with the recommendation, it names the measure.'],
  ['Outcome measures', 'Unit', '"per cent", "cases", "weeks"...; "per cent" for a proportion.'],
  ['Outcome measures', 'Direction', 'Higher is better or Lower is better.'],
  ['Outcome measures', 'Baseline value', 'The figure; blank for a proportion (worked out).'],
  ['Outcome measures', 'Baseline numerator', '"five out of 15": 5. Blank if not a proportion.'],
  ['Outcome measures', 'Baseline denominator', '"five out of 15": 15 (more than 0).'],
  ['Outcome measures', 'Baseline period', 'In the letter\'s words, e.g. "January 2023".'],
  ['Outcome measures', 'Baseline date', 'YYYY-MM-DD, or blank.'],
  ['Outcome measures', 'Baseline source', 'The sentence the figure comes from, quoted.'],
  ['Outcome measures', 'Target value', 'Optional.'],
  ['Outcome measures', 'Target date', 'YYYY-MM-DD; only with a target value.'],
];

/** The empty template: the three sheets with their headings, and a sheet saying how to fill it. */
export async function letterTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const headed = (name: string, headings: readonly string[]) => {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([...headings]);
    sheet.getRow(1).font = { bold: true };
    // Text cells, so "1.1" and "2023-01" stay as typed.
    headings.forEach((_, index) => (sheet.getColumn(index + 1).numFmt = '@'));
    return sheet;
  };
  headed(letterSheets.letter, letterColumns);
  headed(letterSheets.pduRatings, pduRatingColumns);
  headed(letterSheets.outcomeMeasures, outcomeMeasureColumns);
  const help = headed('How to fill', ['Sheet', 'Column', 'What to put']);
  for (const row of columnHelp) help.addRow(row);
  help.addRow([]);
  help.addRow([
    'All',
    '',
    'Leave out a sheet to leave what it holds unchanged. Loading the same file again changes ' +
      'nothing; a dry run reports every error by sheet, row and column and changes nothing.',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
