import type { CellError, ImportReport, ImportRowReport } from '@tracker/shared';
import { CreateOrgUnitRequest } from '@tracker/shared';

import { recordAudits } from '../audit/record';
import { auditActor } from '../auth/actor';
import type { WriteContext } from '../auth/context';
import { regionIdOf } from '../auth/sessions';
import type { Db } from '../db/client';
import { orgUnits } from '../db/schema/org-units';
import { type SheetLayout, type SheetRow, excerpt } from '../exports/read-sheet';
import { lockUnitTree } from './service';

export const unitColumns = ['Type', 'Name', 'Code', 'Region'] as const;
type Column = (typeof unitColumns)[number];

/** Region is left blank for a region; a PDU names its region (by name or code). */
export const unitLayout: SheetLayout<Column> = {
  columns: unitColumns,
  required: ['Type', 'Name', 'Code'],
  name: 'the layout for organisation units',
};

type UnitRow = typeof orgUnits.$inferSelect;

/** "Greater Manchester", "greater-manchester" and "GREATER  MANCHESTER" all read the same. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

const typeOf = new Map<string, 'region' | 'pdu'>([
  ['region', 'region'],
  ['pdu', 'pdu'],
  ['probation delivery unit', 'pdu'],
]);

/** What the sheet would add: a region, or a PDU under a region already here or in the sheet. */
interface Planned {
  row: number;
  type: 'region' | 'pdu';
  name: string;
  code: string;
  /** A PDU's region: an existing unit's id, or the code of a region added by the sheet. */
  region: (({ id: string } | { newCode: string }) & { name: string }) | null;
}

interface Lookups {
  byCode: Map<string, UnitRow>;
  regionsByName: Map<string, UnitRow>;
  /** Regions the sheet adds, by normalised name and by code. */
  newRegions: Map<string, Planned>;
  /** Codes already claimed by an earlier row, with that row. */
  seen: Map<string, number>;
}

function readRow(sheet: SheetRow<Column>, lookups: Lookups, errors: CellError[]) {
  const fail = (column: Column, message: string) => {
    errors.push({ row: sheet.row, column, message });
    return undefined;
  };
  const { cells } = sheet;
  const type = typeOf.get(normalise(cells.Type ?? ''));
  if (!type) fail('Type', 'must be Region or PDU');
  // The same rules as adding one unit on the Units page.
  const parsed = CreateOrgUnitRequest.pick({ name: true, code: true }).safeParse({
    name: cells.Name ?? '',
    code: cells.Code ?? '',
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      fail(issue.path[0] === 'name' ? 'Name' : 'Code', issue.message);
  if (!type || !parsed.success) return null;
  const { name, code } = parsed.data;
  const earlier = lookups.seen.get(code);
  if (earlier !== undefined) return fail('Code', `"${code}" is also on row ${earlier}`);
  lookups.seen.set(code, sheet.row);
  if (type === 'region') {
    if (cells.Region) return fail('Region', 'is left blank for a region: regions sit under HMPPS');
    return { row: sheet.row, type, name, code, region: null } satisfies Planned;
  }
  const regionCell = cells.Region;
  if (!regionCell) return fail('Region', 'is required for a PDU: the name or code of its region');
  const key = normalise(regionCell);
  const existing = lookups.byCode.get(regionCell.trim()) ?? lookups.regionsByName.get(key);
  if (existing?.type === 'region') {
    if (existing.retiredAt) return fail('Region', `${existing.name} has been retired`);
    return {
      row: sheet.row,
      type,
      name,
      code,
      region: { id: existing.id, name: existing.name },
    } satisfies Planned;
  }
  const added = lookups.newRegions.get(key) ?? lookups.newRegions.get(regionCell.trim());
  if (added)
    return { row: sheet.row, type, name, code, region: { newCode: added.code, name: added.name } };
  return fail('Region', `"${excerpt(regionCell)}" is not a region here or earlier in the file`);
}

/** create, unchanged (the same unit already here) or error (the code holds another unit). */
function planRow(sheet: SheetRow<Column>, lookups: Lookups) {
  const errors: CellError[] = [];
  const planned = readRow(sheet, lookups, errors);
  const label = excerpt(sheet.cells.Name ?? sheet.cells.Code ?? '') || null;
  const report: ImportRowReport = {
    row: sheet.row,
    outcome: 'error',
    subjectId: null,
    label,
    changes: [],
    errors,
  };
  if (!planned) return { report, planned: null };
  const existing = lookups.byCode.get(planned.code);
  if (existing) {
    const sameParent =
      planned.region === null ||
      ('id' in planned.region && planned.region.id === existing.parentId);
    if (existing.type === planned.type && existing.name === planned.name && sameParent)
      return {
        report: { ...report, outcome: 'unchanged' as const, subjectId: existing.id },
        planned: null,
      };
    errors.push({
      row: sheet.row,
      column: 'Code',
      message: `"${planned.code}" is already ${existing.name}: an import only adds units (change them on the Units page)`,
    });
    return { report, planned: null };
  }
  if (planned.type === 'region') {
    lookups.newRegions.set(normalise(planned.name), planned);
    lookups.newRegions.set(planned.code, planned);
  }
  const regionName = planned.region?.name ?? null;
  const changes = [
    { column: 'Type', from: null, to: planned.type === 'region' ? 'Region' : 'PDU' },
    { column: 'Name', from: null, to: planned.name },
    { column: 'Code', from: null, to: planned.code },
    ...(regionName ? [{ column: 'Region', from: null, to: regionName }] : []),
  ];
  return { report: { ...report, outcome: 'create' as const, changes }, planned };
}

class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

/**
 * Adds regions and PDUs from a spreadsheet, all or nothing, in one transaction; a dry run does
 * the same and rolls back. A row for a unit already here with the same values is "unchanged",
 * so the same file may be loaded again; an import never changes or retires a unit.
 */
export async function importUnits(
  db: Db,
  sheet: SheetRow<Column>[],
  options: { apply: boolean; context: WriteContext },
): Promise<ImportReport> {
  try {
    return await db.transaction(async (tx) => {
      const report = await importRows(tx, sheet, options.context);
      if (!options.apply || report.errors.length > 0)
        throw new RolledBack({ ...report, applied: false });
      return report;
    });
  } catch (error) {
    if (error instanceof RolledBack) {
      for (const row of error.report.rows) if (row.outcome === 'create') row.subjectId = null;
      return error.report;
    }
    throw error;
  }
}

async function importRows(tx: Db, sheet: SheetRow<Column>[], context: WriteContext) {
  const hmpps = await lockUnitTree(tx);
  const units = await tx.select().from(orgUnits);
  const lookups: Lookups = {
    byCode: new Map(units.map((unit) => [unit.code, unit])),
    regionsByName: new Map(
      units.filter((unit) => unit.type === 'region').map((unit) => [normalise(unit.name), unit]),
    ),
    newRegions: new Map(),
    seen: new Map(),
  };
  const planned = sheet.map((row) => planRow(row, lookups));
  const rows = planned.map((plan) => plan.report);
  const errors = rows.flatMap((row) => row.errors);
  if (errors.length === 0) await insertUnits(tx, planned, hmpps.id, context);
  const counts = { create: 0, update: 0, unchanged: 0, skipped: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return { applied: errors.length === 0, rows, errors, counts };
}

/** Regions first (PDUs in the same file name them), then PDUs; each audited. */
async function insertUnits(
  tx: Db,
  planned: { report: ImportRowReport; planned: Planned | null }[],
  hmppsId: string,
  context: WriteContext,
) {
  const creates = planned.filter(
    (plan): plan is { report: ImportRowReport; planned: Planned } => plan.planned !== null,
  );
  const idsByCode = new Map<string, string>();
  for (const type of ['region', 'pdu'] as const) {
    const batch = creates.filter((plan) => plan.planned.type === type);
    if (batch.length === 0) continue;
    const inserted = await tx
      .insert(orgUnits)
      .values(
        batch.map(({ planned: unit }) => ({
          type,
          name: unit.name,
          code: unit.code,
          parentId:
            unit.region === null
              ? hmppsId
              : 'id' in unit.region
                ? unit.region.id
                : idsByCode.get(unit.region.newCode)!,
        })),
      )
      .returning();
    for (const unit of inserted) idsByCode.set(unit.code, unit.id);
    for (const plan of batch) plan.report.subjectId = idsByCode.get(plan.planned.code)!;
    await recordAudits(
      tx,
      inserted.map((unit) => ({
        ...auditActor(context.actor),
        action: 'org_unit.created',
        subjectType: 'org_unit',
        subjectId: unit.id,
        regionId: regionIdOf(unit),
        requestId: context.requestId,
        after: {
          code: unit.code,
          type: unit.type,
          name: unit.name,
          parentId: unit.parentId,
          source: 'import',
        },
      })),
    );
  }
}
