import type { RollUp, RollUpCounts } from '@tracker/shared';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

import { neutralise } from '../exports/cells';

/*
 * The roll-up as a file: one row per group and a total row, the columns the page shows. Same
 * libraries and the same guard against formulas as the plan exports (exports/).
 */

const countColumns: [string, (counts: RollUpCounts) => number][] = [
  ['Recommendations', (c) => c.recommendations.total],
  ['Open', (c) => c.recommendations.open],
  ['In progress', (c) => c.recommendations.in_progress],
  ['Actions complete', (c) => c.recommendations.actions_complete],
  ['Closed', (c) => c.recommendations.closed],
  ['Without actions', (c) => c.recommendations.withoutActions],
  ['Actions', (c) => c.actions.total],
  ['Red', (c) => c.actions.red],
  ['Amber', (c) => c.actions.amber],
  ['Green', (c) => c.actions.green],
  ['Finished (no rating)', (c) => c.actions.none],
  ['Overdue', (c) => c.actions.overdue],
  ['Due soon', (c) => c.actions.dueSoon],
  ['Unowned', (c) => c.actions.unowned],
  ['Plans in draft', (c) => c.plans.draft],
  ['Plans submitted', (c) => c.plans.submitted],
  ['Plans returned', (c) => c.plans.returned],
  ['Plans accepted', (c) => c.plans.accepted],
  ['Plans closed', (c) => c.plans.closed],
];

export const groupHeadings: Record<RollUp['groupBy'], string> = {
  region: 'Region',
  pdu: 'PDU',
  theme: 'Theme',
  ownerLevel: 'Owner level',
  kind: 'Source',
};

function table(rollUp: RollUp): (string | number)[][] {
  const line = (label: string, counts: RollUpCounts) => [
    neutralise(label),
    ...countColumns.map(([, value]) => value(counts)),
  ];
  return [
    [groupHeadings[rollUp.groupBy], ...countColumns.map(([heading]) => heading)],
    ...rollUp.rows.map((row) => line(row.label, row.counts)),
    line('Total', rollUp.total),
  ];
}

/** UTF-8 with a byte-order mark, as the plan's CSV. */
export function rollUpCsv(rollUp: RollUp): Buffer {
  const text = stringify(table(rollUp), { record_delimiter: 'windows' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function rollUpXlsx(rollUp: RollUp): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = `Roll-up by ${groupHeadings[rollUp.groupBy].toLowerCase()} as of ${rollUp.asOf}`;
  const sheet = workbook.addWorksheet('Roll-up', { views: [{ state: 'frozen', ySplit: 1 }] });
  const [headings, ...rows] = table(rollUp);
  sheet.columns = headings!.map((heading, index) => ({
    header: String(heading),
    width: index === 0 ? 40 : 14,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(rows.length + 1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
