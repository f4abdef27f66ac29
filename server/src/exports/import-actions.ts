import {
  type CellError,
  CreateActionRequest,
  type ImportReport,
  type ImportRowReport,
  UpdateActionRequest,
  type VersionAction,
  actionStatusNames,
} from '@tracker/shared';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';

import { findActionRow } from '../actions/queries';
import { type ActionContext, createAction, updateAction } from '../actions/service';
import { HiddenError } from '../auth/hidden';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { HttpProblem } from '../http/errors';
import { livePlanDocument } from '../plan-versions/document';
import type { DocumentSettings } from '../plan-versions/document';
import type { Column } from './columns';
import { type SheetRow, excerpt } from './read-sheet';

/** The API field each editable column feeds, and back, for naming errors by column. */
const fieldOfColumn = {
  Action: 'title',
  Description: 'description',
  'Owning unit': 'owningUnitId',
  Owner: 'ownerId',
  'Start date': 'startDate',
  'Due date': 'dueDate',
  'Due date change reason': 'dueDateChangeReason',
  'Success measure': 'successMeasure',
  Status: 'status',
  'Percent complete': 'percentComplete',
} as const satisfies Partial<Record<Column, keyof UpdateActionRequest>>;
type EditableColumn = keyof typeof fieldOfColumn;
const columnOfField = Object.fromEntries(
  Object.entries(fieldOfColumn).map(([column, field]) => [field, column]),
) as Record<string, EditableColumn>;
columnOfField.statusReason = 'Status';

/** Names people type, resolved to ids within the plan's region (and HMPPS). */
interface Directory {
  units: Map<string, string>;
  people: Map<string, string[]>;
  /** Back from ids to names, to report changes in the file's own words. */
  names: Map<string, string>;
}

async function directoryFor(tx: Db, regionId: string): Promise<Directory> {
  const units = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(
      or(eq(orgUnits.id, regionId), eq(orgUnits.parentId, regionId), eq(orgUnits.type, 'hmpps')),
    );
  const people = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(
      and(
        isNull(users.disabledAt),
        or(eq(orgUnits.id, regionId), eq(orgUnits.parentId, regionId), eq(orgUnits.type, 'hmpps')),
      ),
    );
  const byName = new Map<string, string[]>();
  for (const person of people) {
    const key = person.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), person.id]);
  }
  return {
    units: new Map(units.map((u) => [u.name.toLowerCase(), u.id])),
    people: byName,
    names: new Map([...units, ...people].map((named) => [named.id, named.name])),
  };
}

const statusOfWords = new Map(
  Object.entries(actionStatusNames).map(([status, words]) => [words.toLowerCase(), status]),
);

/** Accepts YYYY-MM-DD and the UK's DD/MM/YYYY. */
function calendarDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : uk
      ? [uk[3], uk[2]!.padStart(2, '0'), uk[1]!.padStart(2, '0')]
      : [];
  if (!year) return null;
  const date = `${year}-${month}-${day}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  // Round-tripping catches 31 June and month 13, which Date would roll over or refuse.
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date
    ? date
    : null;
}

/** The row's editable values as the API takes them; cells it cannot read become errors. */
function readValues(sheet: SheetRow, directory: Directory, errors: CellError[]) {
  const fail = (column: Column, message: string) =>
    errors.push({ row: sheet.row, column, message });
  const text = (column: Column) => sheet.cells[column] ?? null;
  const values: Partial<Record<EditableColumn, string | number | null>> = {
    Action: text('Action'),
    Description: text('Description'),
    'Success measure': text('Success measure'),
    'Due date change reason': text('Due date change reason'),
  };
  const unit = text('Owning unit');
  values['Owning unit'] = unit ? (directory.units.get(unit.toLowerCase()) ?? null) : null;
  if (unit && !values['Owning unit'])
    fail('Owning unit', `"${excerpt(unit)}" is not a unit of this region`);
  const owner = text('Owner');
  const owners = owner ? (directory.people.get(owner.toLowerCase()) ?? []) : [];
  if (owner && owners.length !== 1)
    fail(
      'Owner',
      owners.length === 0
        ? `"${excerpt(owner)}" is not an active person of this region`
        : `more than one person is called "${excerpt(owner)}"`,
    );
  values.Owner = owners.length === 1 ? owners[0]! : null;
  for (const column of ['Start date', 'Due date'] as const) {
    const cell = text(column);
    values[column] = cell ? calendarDate(cell) : null;
    if (cell && !values[column])
      fail(column, `"${excerpt(cell)}" is not a date (use YYYY-MM-DD or DD/MM/YYYY)`);
  }
  const status = text('Status');
  values.Status = status ? (statusOfWords.get(status.toLowerCase()) ?? null) : null;
  if (status && !values.Status)
    fail('Status', `must be one of ${Object.values(actionStatusNames).join(', ')}`);
  const percent = text('Percent complete');
  values['Percent complete'] = percent === null ? null : Number(percent);
  if (percent !== null && !/^\d{1,3}$/.test(percent))
    fail('Percent complete', 'must be a whole number from 0 to 100');
  return values;
}

type RowValues = ReturnType<typeof readValues>;

/** The current value of each editable column, to see what a row would change. */
function currentValues(action: VersionAction): Record<EditableColumn, string | number | null> {
  return {
    Action: action.title,
    Description: action.description,
    'Owning unit': action.owningUnit.id,
    Owner: action.owner?.id ?? null,
    'Start date': action.startDate,
    'Due date': action.dueDate,
    'Due date change reason': null,
    'Success measure': action.successMeasure,
    Status: action.status,
    'Percent complete': action.percentComplete,
  };
}

function changesOf(values: RowValues, current: ReturnType<typeof currentValues>) {
  return (Object.keys(fieldOfColumn) as EditableColumn[]).flatMap((column) => {
    if (column === 'Due date change reason') return [];
    const value = values[column] ?? null;
    return value === current[column] ? [] : [{ column, from: current[column], to: value }];
  });
}

/** A change as the file says it: names for units and people, words for statuses. */
function inWords(changes: ReturnType<typeof changesOf>, directory: Directory) {
  const word = (column: string, value: string | number | null) => {
    if (value === null) return null;
    if (column === 'Owner' || column === 'Owning unit')
      return directory.names.get(String(value)) ?? value;
    if (column === 'Status')
      return actionStatusNames[value as keyof typeof actionStatusNames] ?? value;
    return typeof value === 'string' ? excerpt(value) : value;
  };
  return changes.map((change) => ({
    column: change.column,
    from: word(change.column, change.from),
    to: word(change.column, change.to),
  }));
}

/** The update a row asks for: only the columns that changed (a blank cell clears). */
function updateOf(changes: ReturnType<typeof changesOf>, values: RowValues): UpdateActionRequest {
  const update: Record<string, unknown> = {};
  for (const change of changes) update[fieldOfColumn[change.column as EditableColumn]] = change.to;
  if (update.dueDate !== undefined && values['Due date change reason'])
    update.dueDateChangeReason = values['Due date change reason'];
  return update as UpdateActionRequest;
}

/** A service's refusal, named by the row and column at fault. */
function rowErrors(row: number, error: unknown): CellError[] {
  if (error instanceof HiddenError)
    return [{ row, column: 'Action ID', message: 'you may not see this action' }];
  if (!(error instanceof HttpProblem)) throw error;
  if (error.errors?.length)
    return error.errors.map((e) => ({
      row,
      column: columnOfField[e.path] ?? e.path,
      message: e.message,
    }));
  return [{ row, column: 'Action ID', message: error.detail }];
}

/** Thrown to roll the whole import back (a dry run, or any row in error) with its report. */
class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

/** Rolled back rather than holding its locks and connection while others wait. */
function tookTooLong(): HttpProblem {
  return new HttpProblem(
    503,
    'Service unavailable',
    'The import took too long and was stopped; nothing was changed. Import fewer rows at a time.',
    undefined,
    { 'retry-after': '10' },
  );
}

export interface ImportOptions {
  apply: boolean;
  context: ActionContext;
  settings: DocumentSettings;
  /** True once the import has run for as long as it may. */
  expired: () => boolean;
}

export interface ImportTarget {
  inspectionId: string;
  regionId: string;
}

/**
 * Applies a spreadsheet of actions in the export's layout, all or nothing, in one transaction:
 * each row goes through the same service (rules, authorisation, audit) as an edit in the app,
 * inside a savepoint, so a refused row is reported and the rest carries on. A dry run, or any
 * error, rolls everything back and answers the report alone.
 */
export async function importActions(
  db: Db,
  target: ImportTarget,
  sheet: SheetRow[],
  options: ImportOptions,
): Promise<ImportReport> {
  try {
    return await db.transaction(async (tx) => {
      const report = await importRows(tx, target, sheet, options);
      if (!report.applied) throw new RolledBack(report);
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.report;
    throw error;
  }
}

async function importRows(
  tx: Db,
  target: ImportTarget,
  sheet: SheetRow[],
  options: ImportOptions,
): Promise<ImportReport> {
  const { context } = options;
  const document = await livePlanDocument(
    tx,
    target.inspectionId,
    { on: context.now, by: '' },
    options.settings,
  );
  const directory = await directoryFor(tx, target.regionId);
  const recommendationOf = new Map(
    document.recommendations.map((r) => [`${r.sourcePdu.name.toLowerCase()} ${r.number}`, r]),
  );
  const actionOf = new Map(
    document.recommendations.flatMap((r) => r.actions.map((a) => [a.id, a] as const)),
  );
  const rows: ImportRowReport[] = [];
  const rowOfAction = new Map<string, number>();
  for (const sheetRow of sheet) {
    if (options.expired()) throw tookTooLong();
    const actionId = sheetRow.cells['Action ID'];
    const earlier = actionId ? rowOfAction.get(actionId) : undefined;
    if (actionId && earlier === undefined) rowOfAction.set(actionId, sheetRow.row);
    if (earlier !== undefined) {
      // Both rows would pass "Last updated", and the later would silently undo the earlier.
      rows.push(duplicateRow(sheetRow, earlier));
      continue;
    }
    rows.push(
      await importRow(tx, sheetRow, {
        directory,
        recommendationOf,
        actionOf,
        context,
        apply: options.apply,
      }),
    );
  }
  const errors = rows.flatMap((row) => row.errors);
  const counts = { create: 0, update: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return { applied: options.apply && errors.length === 0, rows, errors, counts };
}

function duplicateRow({ row, cells }: SheetRow, earlier: number): ImportRowReport {
  return {
    row,
    outcome: 'error',
    subjectId: null,
    label: cells.Action ? excerpt(cells.Action) : null,
    changes: [],
    errors: [
      {
        row,
        column: 'Action ID',
        message: `is also on row ${earlier}: give each action one row`,
      },
    ],
  };
}

interface Lookups {
  directory: Directory;
  recommendationOf: Map<string, PlanVersionRecommendation>;
  actionOf: Map<string, VersionAction>;
  context: ActionContext;
  apply: boolean;
}
type PlanVersionRecommendation = Awaited<
  ReturnType<typeof livePlanDocument>
>['recommendations'][number];

async function importRow(tx: Db, sheet: SheetRow, lookups: Lookups): Promise<ImportRowReport> {
  const { row, cells } = sheet;
  const report = (
    outcome: ImportRowReport['outcome'],
    extra: Partial<ImportRowReport> = {},
  ): ImportRowReport => ({
    row,
    outcome,
    subjectId: null,
    label: cells.Action ? excerpt(cells.Action) : null,
    changes: [],
    errors: [],
    ...extra,
  });
  if (!cells['Action ID'] && !cells.Action) return report('skipped');
  const errors: CellError[] = [];
  const values = readValues(sheet, lookups.directory, errors);
  if (cells['Action ID']) {
    const action = lookups.actionOf.get(cells['Action ID']);
    if (!action) {
      errors.push({ row, column: 'Action ID', message: 'is not an action of this plan' });
      return report('error', { errors });
    }
    // An unreadable cell is reported as an error, not as a change to blank.
    if (errors.length > 0) return report('error', { subjectId: action.id, errors });
    const raw = changesOf(values, currentValues(action));
    const changes = inWords(raw, lookups.directory);
    if (raw.length === 0) return report('unchanged', { subjectId: action.id, label: action.title });
    if (cells['Last updated'] && cells['Last updated'] !== action.updatedAt) {
      errors.push({
        row,
        column: 'Last updated',
        message: 'the action has changed since this file was exported: export it again',
      });
      return report('error', { subjectId: action.id, errors, changes });
    }
    const update = parsed(UpdateActionRequest, updateOf(raw, values), row, errors);
    if (!update) return report('error', { subjectId: action.id, errors, changes });
    const failed = await serviceErrors(row, async () => {
      // "Last updated" matched, so the row is based on the action as it stands now.
      const current = await findActionRow(tx, action.id);
      await updateAction(tx, action.id, update, () => current!.action.revision, lookups.context);
    });
    return failed.length > 0
      ? report('error', { subjectId: action.id, errors: failed, changes })
      : report('update', { subjectId: action.id, changes });
  }
  const key = `${(cells['Source PDU'] ?? '').toLowerCase()} ${cells['Recommendation number'] ?? ''}`;
  const recommendation = lookups.recommendationOf.get(key);
  if (!recommendation)
    errors.push({
      row,
      column: 'Recommendation number',
      message: `no recommendation "${excerpt(`${cells['Source PDU'] ?? ''} ${cells['Recommendation number'] ?? ''}`)}" in this plan`,
    });
  if (errors.length > 0 || !recommendation) return report('error', { errors });
  const input = parsed(
    CreateActionRequest,
    Object.fromEntries(
      Object.entries({
        title: values.Action,
        description: values.Description,
        owningUnitId: values['Owning unit'] ?? recommendation.owningUnit.id,
        ownerId: values.Owner,
        startDate: values['Start date'],
        dueDate: values['Due date'],
        successMeasure: values['Success measure'],
      }).filter(([, value]) => value !== null),
    ),
    row,
    errors,
  );
  if (!input) return report('error', { errors });
  let created: string | null = null;
  const failed = await serviceErrors(row, async () => {
    created = (await createAction(tx, recommendation.id, input, lookups.context)).id;
  });
  return failed.length > 0
    ? report('error', { errors: failed })
    : // A dry run's new action is rolled back: it has no id to show.
      report('create', { subjectId: lookups.apply ? created : null });
}

/** Checks a row's values as the API would check a request, naming the cells at fault. */
function parsed<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  row: number,
  errors: CellError[],
): z.infer<Schema> | null {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors.push({ row, column: columnOfField[field] ?? field, message: issue.message });
  }
  return null;
}

/**
 * A row's service call, and its refusal as the row's errors. The service opens its own
 * transaction, a savepoint inside the import's, so a refused row leaves nothing behind.
 */
async function serviceErrors(row: number, work: () => Promise<unknown>): Promise<CellError[]> {
  try {
    await work();
    return [];
  } catch (error) {
    return rowErrors(row, error);
  }
}
