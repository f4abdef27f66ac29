import {
  type CellError,
  CreateActionRequest,
  type ImportReport,
  type ImportRowReport,
  UpdateActionRequest,
  type VersionAction,
  actionStatusNames,
} from '@tracker/shared';
import { randomUUID } from 'node:crypto';

import { type SQL, and, eq, isNull, or, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { z } from 'zod';

import {
  type ActionContext,
  type RecommendationForAction,
  type RuleFacts,
  actionChanges,
  activeOwners,
  checkActionUpdate,
  checkMayChange,
  checkNewAction,
  createdAudit,
  dueDateChangeOf,
  evidenceCounts,
  newActionRow,
  newOwnerNotice,
  recommendationsOf,
  regionPdusOf,
  updatedAudit,
} from '../actions/service';
import { lockActionRows, subjectOf } from '../actions/queries';
import { type AuditEvent, recordAudits } from '../audit/record';
import type { ActionSubject } from '../auth/policy';
import { Hidden } from '../auth/hidden';
import { statementBatches } from '../db/batches';
import type { Db } from '../db/client';
import { actionDueDateChanges, actions } from '../db/schema/actions';
import { orgUnits } from '../db/schema/org-units';
import { users } from '../db/schema/users';
import { HttpProblem } from '../http/errors';
import { notifyEach } from '../notifications/notify';
import { livePlanDocument } from '../action-plans/document';
import type { DocumentSettings } from '../action-plans/document';
import { refreshRecommendationStatus } from '../recommendations/status';
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
  if (error instanceof Hidden)
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
 * Applies a spreadsheet of actions in the export's layout, all or nothing, in one transaction.
 * Each row is checked by the same rules (authorisation, dates, units, owners, status) as an
 * edit in the app, and becomes the same rows (action, due-date history, notice, audit event);
 * but the facts the rules read are loaded for all rows at once and the rows are written a
 * thousand a statement, so the work grows with the plan, not statement by statement with the
 * file. A refused row is reported and the rest still checked. A dry run, or any error, rolls
 * everything back and answers the report alone.
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

/** An action the file names, locked, with what the rules need of it. */
interface StoredAction {
  action: typeof actions.$inferSelect;
  subject: ActionSubject;
}

const uuidForm = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Locks the plan's actions the file names until the import commits, as an edit locks its
 * action: "Last updated" and the rules are then checked against what will be changed.
 */
async function lockNamedActions(
  tx: Db,
  inspectionId: string,
  sheet: SheetRow[],
): Promise<Map<string, StoredAction>> {
  const named = [
    ...new Set(sheet.map((row) => row.cells['Action ID']).filter((id) => id && uuidForm.test(id))),
  ] as string[];
  const rows = await lockActionRows(tx, inspectionId, named);
  return new Map(
    rows.map((row) => [row.action.id, { action: row.action, subject: subjectOf(row) }]),
  );
}

async function importRows(
  tx: Db,
  target: ImportTarget,
  sheet: SheetRow[],
  options: ImportOptions,
): Promise<ImportReport> {
  const { context } = options;
  const stored = await lockNamedActions(tx, target.inspectionId, sheet);
  const document = await livePlanDocument(
    tx,
    target.inspectionId,
    { on: context.now, by: '' },
    options.settings,
  );
  const directory = await directoryFor(tx, target.regionId);
  const rules = new Map((await recommendationsOf(tx, target.inspectionId)).map((r) => [r.id, r]));
  const recommendationOf = new Map(
    document.recommendations.map((r) => [`${r.sourcePdu.name.toLowerCase()} ${r.number}`, r]),
  );
  const actionOf = new Map(
    document.recommendations.flatMap((r) => r.actions.map((a) => [a.id, a] as const)),
  );
  const lookups: Lookups = { directory, recommendationOf, actionOf, stored, rules };

  // First what each row asks for, from the file and the plan alone.
  const planned: PlannedRow[] = [];
  const rowOfAction = new Map<string, number>();
  for (const sheetRow of sheet) {
    if (options.expired()) throw tookTooLong();
    const actionId = sheetRow.cells['Action ID'];
    const earlier = actionId ? rowOfAction.get(actionId) : undefined;
    if (actionId && earlier === undefined) rowOfAction.set(actionId, sheetRow.row);
    // Both rows would pass "Last updated", and the later would silently undo the earlier.
    planned.push(
      earlier !== undefined
        ? { report: duplicateRow(sheetRow, earlier) }
        : planRow(sheetRow, lookups),
    );
  }

  // Then the service's rules on each change, on facts read for all rows in a few queries.
  const facts = await factsFor(tx, planned);
  for (const plan of planned) {
    if (options.expired()) throw tookTooLong();
    if (!plan.write) continue;
    const failed = await ruleErrors(plan.report.row, () =>
      plan.write!.kind === 'create'
        ? checkNewAction(context.actor, plan.write!.recommendation, plan.write!.input, facts)
        : checkUpdate(plan.write!, lookups, context, facts),
    );
    if (failed.length > 0) {
      plan.report = { ...plan.report, outcome: 'error', errors: failed };
      delete plan.write;
    }
  }

  const rows = planned.map((plan) => plan.report);
  const errors = rows.flatMap((row) => row.errors);
  // A file with any error is rolled back whatever else it holds: nothing need be written. A
  // clean dry run writes everything and rolls it back, so its report is what applying does.
  if (errors.length === 0)
    await writeRows(
      tx,
      planned.flatMap((plan) => (plan.write ? [plan.write] : [])),
      context,
      options.expired,
    );
  const applied = options.apply && errors.length === 0;
  for (const plan of planned)
    if (plan.write?.kind === 'create')
      // A rolled-back action never existed: the report must not point at it.
      plan.report.subjectId = applied ? plan.write.id : null;
  const counts = { create: 0, update: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return { applied, rows, errors, counts };
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
  stored: Map<string, StoredAction>;
  /** The plan's recommendations as the action rules take them. */
  rules: Map<string, RecommendationForAction>;
}
type PlanVersionRecommendation = Awaited<
  ReturnType<typeof livePlanDocument>
>['recommendations'][number];

interface CreateWrite {
  kind: 'create';
  /** Chosen here, so the audit event and notice name the action in the same statements. */
  id: string;
  recommendation: RecommendationForAction;
  input: CreateActionRequest;
}
interface UpdateWrite {
  kind: 'update';
  stored: StoredAction;
  input: UpdateActionRequest;
}
type Write = CreateWrite | UpdateWrite;

/** A row's report, and the change it asks for while its rules are still to be checked. */
interface PlannedRow {
  report: ImportRowReport;
  write?: Write;
}

/** Reads a row against the plan: skipped, unchanged, an error, or a change to check. */
function planRow(sheet: SheetRow, lookups: Lookups): PlannedRow {
  const { row, cells } = sheet;
  const report = (
    outcome: ImportRowReport['outcome'],
    extra: Partial<ImportRowReport> = {},
    write?: Write,
  ): PlannedRow => ({
    report: {
      row,
      outcome,
      subjectId: null,
      label: cells.Action ? excerpt(cells.Action) : null,
      changes: [],
      errors: [],
      ...extra,
    },
    ...(write && { write }),
  });
  if (!cells['Action ID'] && !cells.Action) return report('skipped');
  const errors: CellError[] = [];
  const values = readValues(sheet, lookups.directory, errors);
  if (cells['Action ID']) {
    const action = lookups.actionOf.get(cells['Action ID']);
    const stored = lookups.stored.get(cells['Action ID']);
    if (!action || !stored) {
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
    return report(
      'update',
      { subjectId: action.id, changes },
      { kind: 'update', stored, input: update },
    );
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
  return report(
    'create',
    {},
    {
      kind: 'create',
      id: randomUUID(),
      recommendation: lookups.rules.get(recommendation.id)!,
      input,
    },
  );
}

/** An edit's rules, as the app checks them once it has locked the action. */
async function checkUpdate(
  write: UpdateWrite,
  lookups: Lookups,
  context: ActionContext,
  facts: RuleFacts,
): Promise<void> {
  const actor = context.actor;
  const { action, subject } = write.stored;
  checkMayChange(actor, subject, { what: 'Action', id: action.id });
  const recommendation = lookups.rules.get(action.recommendationId)!;
  await checkActionUpdate(actor, action, subject, recommendation, write.input, facts);
}

/**
 * The facts the rules read, for every row at once: the owners the rows name and the evidence
 * of the actions they change, one query each; a region's PDUs the first time a rule asks.
 */
async function factsFor(tx: Db, planned: PlannedRow[]): Promise<RuleFacts> {
  const writes = planned.flatMap((plan) => (plan.write ? [plan.write] : []));
  const ownerIds = [
    ...new Set(writes.flatMap((write) => (write.input.ownerId ? [write.input.ownerId] : []))),
  ];
  const updated = writes.flatMap((write) =>
    write.kind === 'update' ? [write.stored.action.id] : [],
  );
  const owners = ownerIds.length > 0 ? await activeOwners(tx, ownerIds) : new Map();
  const counts = updated.length > 0 ? await evidenceCounts(tx, updated) : new Map();
  const pdus = new Map<string, Promise<string[]>>();
  return {
    regionPdus: (regionId) => {
      if (!pdus.has(regionId)) pdus.set(regionId, regionPdusOf(tx, regionId));
      return pdus.get(regionId)!;
    },
    // Asked only of the owners and actions above: one absent is no active person, no evidence.
    activeOwner: async (ownerId) => owners.get(ownerId),
    evidenceCount: async (actionId) => counts.get(actionId) ?? 0,
  };
}

/**
 * Writes the checked rows as the app's edits would, in a few statements: new actions, changed
 * actions (compare-and-set on each revision), due-date history, recommendation statuses,
 * notices to new owners and one audit event a row, in the file's order.
 */
async function writeRows(
  tx: Db,
  writes: Write[],
  context: ActionContext,
  expired: () => boolean,
): Promise<void> {
  const step = async (work: () => Promise<unknown>) => {
    if (expired()) throw tookTooLong();
    await work();
  };
  const creates = writes.filter((write): write is CreateWrite => write.kind === 'create');
  const updates = writes.filter((write): write is UpdateWrite => write.kind === 'update');
  for (const write of writes)
    // An import's rows never set dependencies; the app's edits check and replace them.
    if (write.input.dependsOn) throw new Error('an import does not set dependencies');

  for (const part of statementBatches(creates))
    await step(() =>
      tx.insert(actions).values(
        part.map((write) => ({
          ...newActionRow(write.recommendation.id, write.input, context),
          id: write.id,
        })),
      ),
    );
  for (const part of statementBatches(updates))
    await step(() => updateActions(tx, part, context.now));
  const dueDateChanges = updates.flatMap((write) => {
    const change = dueDateChangeOf(write.input, write.stored.action, context);
    return change ? [change] : [];
  });
  for (const part of statementBatches(dueDateChanges))
    await step(() => tx.insert(actionDueDateChanges).values(part));

  // One refresh per recommendation the rows touch: what it derives depends only on the end state.
  const touched = new Set(
    writes.map((write) =>
      write.kind === 'create' ? write.recommendation.id : write.stored.action.recommendationId,
    ),
  );
  for (const recommendationId of touched)
    await step(() => refreshRecommendationStatus(tx, recommendationId, context.now));

  const notices = writes.flatMap((write) => {
    if (write.kind === 'create')
      return write.input.ownerId
        ? [
            {
              recipientIds: [write.input.ownerId],
              notice: newOwnerNotice(write.id, write.input.title, context),
            },
          ]
        : [];
    const { action } = write.stored;
    const { ownerId, title } = write.input;
    return ownerId && ownerId !== action.ownerId
      ? [
          {
            recipientIds: [ownerId],
            notice: newOwnerNotice(action.id, title ?? action.title, context),
          },
        ]
      : [];
  });
  await step(() =>
    notifyEach(tx, notices, { now: context.now, except: context.actor?.id ?? null }),
  );

  const audits: AuditEvent[] = writes.map((write) =>
    write.kind === 'create'
      ? createdAudit(write.id, write.recommendation.regionId, write.input, context)
      : updatedAudit(write.stored.action, write.stored.subject.regionId, write.input, context),
  );
  await step(() => recordAudits(tx, audits));
}

/**
 * Sets each action's columns as the app's edit would (`actionChanges`; a column an edit leaves
 * alone keeps its value), every row in one statement from a JSON array, each row only at the
 * revision it was checked at.
 */
async function updateActions(tx: Db, writes: UpdateWrite[], now: Date): Promise<void> {
  const rows = writes.map(({ stored: { action }, input }) => ({
    before: action,
    set: actionChanges(input, action, now) as Record<string, unknown>,
  }));
  const keys = Object.keys(rows[0]!.set) as (keyof typeof actions.$inferSelect)[];
  const column = (key: string) => actions[key as keyof typeof actions.$inferSelect] as PgColumn;
  const values = rows.map(({ before, set }) => ({
    id: before.id,
    expected_revision: before.revision,
    ...Object.fromEntries(
      keys.map((key) => {
        const value = set[key] === undefined ? before[key] : set[key];
        return [column(key).name, value === null ? null : column(key).mapToDriverValue(value)];
      }),
    ),
  }));
  const definition = sql.join(
    [
      sql`id uuid, expected_revision integer`,
      ...keys.map(
        (key) => sql`${sql.identifier(column(key).name)} ${sql.raw(column(key).getSQLType())}`,
      ),
    ],
    sql`, `,
  );
  const from = (key: string): SQL => sql`imported.${sql.identifier(column(key).name)}`;
  const updated = await tx
    .update(actions)
    .set(Object.fromEntries(keys.map((key) => [key, from(key)])))
    .from(sql`jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as imported(${definition})`)
    .where(
      and(eq(actions.id, sql`imported.id`), eq(actions.revision, sql`imported.expected_revision`)),
    )
    .returning({ id: actions.id });
  // Each action is locked since it was read, so no revision can have moved.
  if (updated.length !== writes.length) throw new Error('an imported action changed while locked');
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

/** A rule's refusal, as the row's errors. */
async function ruleErrors(row: number, check: () => Promise<unknown>): Promise<CellError[]> {
  try {
    await check();
    return [];
  } catch (error) {
    return rowErrors(row, error);
  }
}
