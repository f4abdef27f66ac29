import {
  type CellError,
  type ImportReport,
  type ImportRowReport,
  type OwnerLevel,
  type Theme,
  ownerLevelNames,
  themeNames,
  themes as allThemes,
} from '@tracker/shared';
import { asc, eq, max, or } from 'drizzle-orm';

import { recordAudit } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import type { Db } from '../db/client';
import { actionPlans } from '../db/schema/action-plans';
import { inspectedPdus, inspections } from '../db/schema/inspections';
import { orgUnits } from '../db/schema/org-units';
import { recommendations } from '../db/schema/recommendations';
import { type SheetLayout, type SheetRow, excerpt } from '../exports/read-sheet';
import { HttpProblem, notFound } from '../http/errors';
import { defaultOwningUnit } from './service';

export const recommendationColumns = [
  'Source PDU',
  'Number',
  'Recommendation',
  'Owner level',
  'Owning unit',
  'Themes',
] as const;
type Column = (typeof recommendationColumns)[number];

/**
 * Owning unit and themes may be left out: the owner level gives the unit, themes come later.
 * Number may be left blank where the letter does not number the item: it is then numbered by
 * its place among its PDU's rows in the file, and marked as numbered by position.
 */
export const recommendationLayout: SheetLayout<Column> = {
  columns: recommendationColumns,
  required: ['Source PDU', 'Number', 'Recommendation', 'Owner level'],
  name: 'the layout for recommendations',
};

const maxThemes = 6;
const maxTextLength = 5000;

/** "Risk of harm", "risk_of_harm" and "RISK-OF-HARM" all read the same. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

function lookup<Value extends string>(words: Record<Value, string>): Map<string, Value> {
  const entries = Object.entries(words) as [Value, string][];
  return new Map(
    entries.flatMap(([value, word]) => [
      [normalise(word), value],
      [normalise(value), value],
    ]),
  );
}
const themeOf = lookup(themeNames);
const levelOf = lookup(ownerLevelNames);

interface Unit {
  id: string;
  name: string;
  type: 'hmpps' | 'region' | 'pdu' | 'inspectorate';
}

/** The units a row may name: the region, its PDUs and HMPPS, by name or code. */
interface Directory {
  region: Unit;
  hmpps: Unit;
  byName: Map<string, Unit>;
}

async function directoryFor(tx: Db, regionId: string): Promise<Directory> {
  const units = await tx
    .select({ id: orgUnits.id, name: orgUnits.name, code: orgUnits.code, type: orgUnits.type })
    .from(orgUnits)
    .where(
      or(eq(orgUnits.id, regionId), eq(orgUnits.parentId, regionId), eq(orgUnits.type, 'hmpps')),
    );
  const byName = new Map(
    units.flatMap((unit) => [
      [normalise(unit.code), unit],
      [normalise(unit.name), unit],
    ]),
  );
  const region = units.find((unit) => unit.id === regionId)!;
  const hmpps = units.find((unit) => unit.type === 'hmpps')!;
  return { region, hmpps, byName };
}

/** A row's recommendation, as it would be stored. */
interface RowValues {
  sourcePdu: Unit;
  number: number;
  numberedByPosition: boolean;
  text: string;
  ownerLevel: OwnerLevel;
  owningUnit: Unit;
  themes: Theme[];
}

/** Records a cell's error; answers undefined, so a reader can `return fail(...)`. */
type Fail = (column: Column, message: string) => undefined;

function readSourcePdu(cell: string | undefined, directory: Directory, fail: Fail) {
  if (!cell) return fail('Source PDU', 'is required');
  const unit = directory.byName.get(normalise(cell));
  if (unit?.type === 'pdu') return unit;
  fail('Source PDU', `"${excerpt(cell)}" is not a PDU of ${directory.region.name}`);
}

/** A blank number is the row's place in its PDU's list (the letter leaves it unnumbered). */
function readNumber(cell: string | undefined, place: number, fail: Fail) {
  if (!cell) return { number: place, numberedByPosition: true };
  if (/^\d{1,4}$/.test(cell) && Number(cell) >= 1)
    return { number: Number(cell), numberedByPosition: false };
  fail('Number', 'must be a whole number, 1 or more, or blank where the letter does not number it');
}

function readText(cell: string | undefined, fail: Fail) {
  if (!cell) return fail('Recommendation', 'must not be empty');
  if (cell.length <= maxTextLength) return cell;
  fail('Recommendation', `must be at most ${maxTextLength} characters`);
}

function readOwnerLevel(cell: string | undefined, fail: Fail) {
  if (!cell) return fail('Owner level', 'is required');
  const level = levelOf.get(normalise(cell));
  if (level) return level;
  fail('Owner level', `must be one of ${Object.values(ownerLevelNames).join(', ')}`);
}

/** The unit named, which must fit the owner level; left blank, the level's own unit. */
function readOwningUnit(
  cell: string | undefined,
  context: { level: OwnerLevel; sourcePdu: Unit; directory: Directory },
  fail: Fail,
) {
  const { level, sourcePdu, directory } = context;
  if (!cell) {
    const id = defaultOwningUnit(level, {
      sourcePduId: sourcePdu.id,
      regionId: directory.region.id,
      hmppsId: directory.hmpps.id,
    });
    return [sourcePdu, directory.region, directory.hmpps].find((unit) => unit.id === id)!;
  }
  const unit = directory.byName.get(normalise(cell));
  if (!unit)
    return fail('Owning unit', `"${excerpt(cell)}" is not a unit of ${directory.region.name}`);
  if (unit.type === level) return unit;
  const wanted = {
    pdu: `a PDU of ${directory.region.name}`,
    region: directory.region.name,
    hmpps: directory.hmpps.name,
  }[level];
  fail('Owning unit', `must be ${wanted} for a ${ownerLevelNames[level]}-level recommendation`);
}

function readThemes(cell: string | undefined, fail: Fail): Theme[] | undefined {
  const words = (cell ?? '')
    .split(';')
    .map((word) => word.trim())
    .filter(Boolean);
  const unknown = words.filter((word) => !themeOf.has(normalise(word)));
  if (unknown.length > 0) {
    const known = Object.values(themeNames).join(', ');
    const named = excerpt(unknown.map((word) => `"${word}"`).join(', '));
    const verb = unknown.length === 1 ? 'is not a theme' : 'are not themes';
    return fail('Themes', `${named} ${verb}: use ${known}`);
  }
  const themes = [...new Set(words.map((word) => themeOf.get(normalise(word))!))];
  if (themes.length <= maxThemes) return allThemes.filter((theme) => themes.includes(theme));
  fail('Themes', `must be at most ${maxThemes} themes`);
}

/** The row's values, or its errors by column. */
function readRow(
  sheet: SheetRow<Column>,
  context: { directory: Directory; place: number },
  errors: CellError[],
) {
  const { directory } = context;
  const fail: Fail = (column, message) => {
    errors.push({ row: sheet.row, column, message });
    return undefined;
  };
  const { cells } = sheet;
  const sourcePdu = readSourcePdu(cells['Source PDU'], directory, fail);
  const numbered = readNumber(cells.Number, context.place, fail);
  const text = readText(cells.Recommendation, fail);
  const ownerLevel = readOwnerLevel(cells['Owner level'], fail);
  const owningUnit =
    sourcePdu && ownerLevel
      ? readOwningUnit(cells['Owning unit'], { level: ownerLevel, sourcePdu, directory }, fail)
      : undefined;
  const themes = readThemes(cells.Themes, fail);
  if (!sourcePdu || !numbered || !text || !ownerLevel || !owningUnit || !themes) return null;
  return { sourcePdu, ...numbered, text, ownerLevel, owningUnit, themes } satisfies RowValues;
}

type Existing = typeof recommendations.$inferSelect;

/** The columns where a row differs from the recommendation already loaded. */
function differences(values: RowValues, existing: Existing): Column[] {
  const sameThemes = [...values.themes].sort().join() === [...existing.themes].sort().join();
  const columns: [Column, boolean][] = [
    ['Number', values.numberedByPosition === existing.numberedByPosition],
    ['Recommendation', values.text === existing.text],
    ['Owner level', values.ownerLevel === existing.ownerLevel],
    ['Owning unit', values.owningUnit.id === existing.owningUnitId],
    ['Themes', sameThemes],
  ];
  return columns.filter(([, same]) => !same).map(([column]) => column);
}

/** What the row would add, as people read it, for the report. */
function changesOf(values: RowValues): ImportRowReport['changes'] {
  const numbered = values.numberedByPosition
    ? [{ column: 'Number', from: null, to: `${values.number} (numbered by position)` }]
    : [];
  return [
    ...numbered,
    { column: 'Recommendation', from: null, to: excerpt(values.text) },
    { column: 'Owner level', from: null, to: ownerLevelNames[values.ownerLevel] },
    { column: 'Owning unit', from: null, to: values.owningUnit.name },
    { column: 'Themes', from: null, to: values.themes.map((t) => themeNames[t]).join('; ') },
  ];
}

/** Thrown to roll the whole import back (a dry run, or any row in error) with its report. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

export interface ImportOptions {
  apply: boolean;
  context: WriteContext;
}

/**
 * Adds an inspection's recommendations from a spreadsheet, all or nothing, in one
 * transaction. A dry run does the same work and rolls it back, so its report is what applying
 * would do. A row already loaded with the same values is "unchanged", so the same file may be
 * imported again; one that differs is an error (an import only adds: corrections are made on
 * the recommendation, where they are audited as corrections).
 */
export async function importRecommendations(
  db: Db,
  inspectionId: string,
  sheet: SheetRow<Column>[],
  options: ImportOptions,
): Promise<ImportReport> {
  try {
    return await db.transaction(async (tx) => {
      const report = await importRows(tx, inspectionId, sheet, options);
      if (!report.applied) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  }
}

/**
 * Locks the inspection, so two imports into it take turns and each sees the other's rows.
 * Recommendations are added while the plan is a draft: a submitted plan answers the
 * recommendations it was sent with.
 */
async function lockInspection(tx: Db, inspectionId: string) {
  const [inspection] = await tx
    .select({ id: inspections.id, regionId: inspections.regionId })
    .from(inspections)
    .where(eq(inspections.id, inspectionId))
    .for('update');
  if (!inspection) throw notFound('Inspection', inspectionId);
  const [plan] = await tx
    .select({ status: actionPlans.status })
    .from(actionPlans)
    .where(eq(actionPlans.inspectionId, inspectionId));
  if (plan && plan.status !== 'draft')
    throw new HttpProblem(
      409,
      'Conflict',
      `The action plan is ${plan.status}: recommendations are added only while it is a draft.`,
    );
  return inspection;
}

async function importRows(
  tx: Db,
  inspectionId: string,
  sheet: SheetRow<Column>[],
  options: ImportOptions,
): Promise<ImportReport> {
  const inspection = await lockInspection(tx, inspectionId);
  const directory = await directoryFor(tx, inspection.regionId);
  const existing = await tx
    .select()
    .from(recommendations)
    .where(eq(recommendations.inspectionId, inspectionId));
  const loaded = new Map(existing.map((r) => [`${r.sourcePduId} ${r.number}`, r]));
  const seen = new Map<string, number>();
  const places = placesInPdu(sheet);
  const planned = sheet.map((row, index) =>
    planRow(row, { directory, loaded, seen, place: places[index]! }),
  );
  const rows = planned.map((plan) => plan.report);
  const errors = rows.flatMap((row) => row.errors);
  if (errors.length === 0) {
    const creates = planned.filter((plan): plan is Required<PlannedRow> => !!plan.create);
    const ids = await insertRecommendations(
      tx,
      inspection,
      creates.map((plan) => plan.create),
      options.context,
    );
    creates.forEach((plan, index) => (plan.report.subjectId = ids[index]!));
  }
  const applied = options.apply && errors.length === 0;
  // Ids of a rolled-back run never existed: the report must not point at them.
  if (!applied) for (const row of rows) if (row.outcome === 'create') row.subjectId = null;
  const counts = { create: 0, update: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return { applied, rows, errors, counts };
}

interface PlannedRow {
  report: ImportRowReport;
  create?: RowValues;
}

/** Each row's place among the file's rows of the same source PDU (as written), from 1. */
function placesInPdu(sheet: SheetRow<Column>[]): number[] {
  const counts = new Map<string, number>();
  return sheet.map((row) => {
    const pdu = normalise(row.cells['Source PDU'] ?? '');
    const place = (counts.get(pdu) ?? 0) + 1;
    counts.set(pdu, place);
    return place;
  });
}

/** Decides a row's outcome without writing: create, unchanged or error. */
function planRow(
  sheet: SheetRow<Column>,
  lookups: {
    directory: Directory;
    loaded: Map<string, Existing>;
    seen: Map<string, number>;
    place: number;
  },
): PlannedRow {
  const errors: CellError[] = [];
  const values = readRow(sheet, { directory: lookups.directory, place: lookups.place }, errors);
  const label =
    excerpt(
      [
        values?.sourcePdu.name ?? sheet.cells['Source PDU'],
        values ? String(values.number) : sheet.cells.Number,
      ]
        .filter(Boolean)
        .join(' '),
    ) || null;
  const report = (
    outcome: ImportRowReport['outcome'],
    extra: Partial<ImportRowReport> = {},
  ): PlannedRow => ({
    report: { row: sheet.row, outcome, subjectId: null, label, changes: [], errors, ...extra },
  });
  if (!values) return report('error');
  const key = `${values.sourcePdu.id} ${values.number}`;
  const earlier = lookups.seen.get(key);
  lookups.seen.set(key, earlier ?? sheet.row);
  if (earlier !== undefined) {
    errors.push({
      row: sheet.row,
      column: 'Number',
      message: `${label} is also on row ${earlier}`,
    });
    return report('error');
  }
  const existing = lookups.loaded.get(key);
  if (!existing) return { ...report('create', { changes: changesOf(values) }), create: values };
  const differ = differences(values, existing);
  for (const column of differ)
    errors.push({
      row: sheet.row,
      column,
      message: `differs from ${label} already loaded: an import only adds recommendations`,
    });
  return report(differ.length > 0 ? 'error' : 'unchanged', { subjectId: existing.id });
}

/** Inserts the new rows after those already loaded, in file order, each audited. */
async function insertRecommendations(
  tx: Db,
  inspection: { id: string; regionId: string },
  creates: RowValues[],
  context: WriteContext,
): Promise<string[]> {
  if (creates.length === 0) return [];
  const [last] = await tx
    .select({ position: max(recommendations.position) })
    .from(recommendations)
    .where(eq(recommendations.inspectionId, inspection.id));
  const first = (last?.position ?? 0) + 1;
  const values = creates.map((create, index) => ({
    inspectionId: inspection.id,
    sourcePduId: create.sourcePdu.id,
    number: create.number,
    numberedByPosition: create.numberedByPosition,
    position: first + index,
    text: create.text,
    ownerLevel: create.ownerLevel,
    owningUnitId: create.owningUnit.id,
    themes: create.themes,
  }));
  const rows = await tx
    .insert(recommendations)
    .values(values)
    .returning({ id: recommendations.id, position: recommendations.position });
  const ids = rows.sort((a, b) => a.position - b.position).map((row) => row.id);
  for (const [index, id] of ids.entries()) {
    await recordAudit(tx, {
      ...auditActor(context.actor),
      action: 'recommendation.created',
      subjectType: 'recommendation',
      subjectId: id,
      regionId: inspection.regionId,
      requestId: context.requestId,
      after: { ...values[index], source: 'import' },
    });
  }
  await addInspectedPdus(
    tx,
    inspection.id,
    values.map((value) => value.sourcePduId),
  );
  return ids;
}

/**
 * A recommendation comes from a PDU's report, so that PDU was inspected: it is listed with
 * the inspection (ratings not given), after the PDUs already listed, in the file's order.
 */
async function addInspectedPdus(tx: Db, inspectionId: string, pduIds: string[]) {
  const listed = await tx
    .select({ pduId: inspectedPdus.pduId, position: inspectedPdus.position })
    .from(inspectedPdus)
    .where(eq(inspectedPdus.inspectionId, inspectionId))
    .orderBy(asc(inspectedPdus.position));
  const known = new Set(listed.map((row) => row.pduId));
  const added = [...new Set(pduIds)].filter((id) => !known.has(id));
  if (added.length === 0) return;
  const next = (listed.at(-1)?.position ?? 0) + 1;
  await tx
    .insert(inspectedPdus)
    .values(added.map((pduId, index) => ({ inspectionId, pduId, position: next + index })));
}
