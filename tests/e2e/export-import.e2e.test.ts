import { readFile } from 'node:fs/promises';

import type { Action, ActionPlan, ActionPlanPage, Person, Recommendation } from '@tracker/shared';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { apiSignIn, type ApiSession } from './support/api';
import { look } from './support/browser';
import { browserWorld } from './support/world';

type CsvRow = Record<string, string>;

/** The export's rows as a CSV file again, headings first, in the same column order. */
function csvFile(rows: CsvRow[]): Buffer {
  return Buffer.from(stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
}

async function chooseAndCheck(page: Page, rows: CsvRow[]) {
  await page
    .getByLabel('Upload the edited file')
    .setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: csvFile(rows) });
  await page.getByRole('button', { name: 'Check the file' }).click();
}

describe('the region lead exports the plan and imports an edited file in a browser', () => {
  const world = browserWorld();
  let rpd: ApiSession;
  let plan: ActionPlan;
  let action: Action;
  const title = 'Quality assurance of risk of harm work';

  const { url } = world;

  beforeAll(async () => {
    rpd = await apiSignIn(world.server.baseUrl, 'rpd@gm.probation.example');
    plan = (await rpd.request<ActionPlanPage>('GET', '/action-plans')).body.items[0]!;
    const recommendations = (
      await rpd.request<{ items: Recommendation[] }>(
        'GET',
        `/recommendations?inspectionId=${plan.inspectionId}&limit=200`,
      )
    ).body.items;
    const wigan1 = recommendations.find((r) => r.sourcePdu.name === 'Wigan' && r.number === 1)!;
    const people = (await rpd.request<{ items: Person[] }>('GET', '/people?limit=200')).body.items;
    const created = await rpd.request<Action>('POST', `/recommendations/${wigan1.id}/actions`, {
      title,
      owningUnitId: wigan1.owningUnit.id,
      ownerId: people.find((person) => person.name === 'Demo Head of Operations, Wigan')!.id,
      startDate: '2030-01-01',
      dueDate: '2030-06-30',
      successMeasure: 'Nine in ten audited cases meet the standard.',
    });
    expect(created.status).toBe(201);
    action = created.body;
  });

  it('downloads the CSV, moves a due date in it, checks and imports it; a bad date is named', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');

    // The live plan's CSV, downloaded from the plan page's link.
    await page.goto(url(`/plans/${plan.id}`));
    await page.getByRole('heading', { level: 2, name: 'Download the plan' }).waitFor();
    await look(page, 'export-import-plan');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as CSV (.csv)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^action-plan-greater-manchester-live-.*\.csv$/);
    const exported = parse(await readFile(await download.path()), {
      bom: true,
      columns: true,
    }) as CsvRow[];
    const recommendations = new Set(
      exported.map((row) => `${row['Source PDU']} ${row['Recommendation number']}`),
    );
    expect(recommendations.size).toBe(28);
    const actionRow = exported.findIndex((row) => row['Action ID'] === action.id);
    expect(exported[actionRow]).toMatchObject({ Action: title, 'Due date': '2030-06-30' });
    const fileRow = actionRow + 2; // The heading is row 1.

    // The import page, from the plan page's link.
    await page
      .getByRole('link', { name: 'Import changes to actions from an edited Excel or CSV file' })
      .click();
    await page
      .getByRole('heading', { level: 1, name: 'Import actions from a spreadsheet' })
      .waitFor();
    await look(page, 'export-import-import');

    // The due date moved, with its reason: the dry run reports it and changes nothing.
    const moved = exported.map((row, index) =>
      index === actionRow
        ? { ...row, 'Due date': '31/12/2030', 'Due date change reason': 'Recruitment moved' }
        : row,
    );
    await chooseAndCheck(page, moved);
    await page.getByRole('heading', { level: 2, name: 'What plan.csv will change' }).waitFor();
    const reportRow = page.locator('tr', { has: page.locator(`#import-row-${fileRow}`) });
    await expect(reportRow.innerText()).resolves.toMatch(
      /Changes\s+Quality assurance of risk of harm work\s+Due date: from 30 June 2030 to 31 December 2030/,
    );
    await look(page, 'export-import-dry-run');
    const unchanged = await rpd.request<Action>('GET', `/actions/${action.id}`);
    expect(unchanged.body.dueDate).toBe('2030-06-30');

    // Applied: the success banner names the change, and the action has moved.
    await page.getByRole('button', { name: 'Import 1 change' }).click();
    const banner = page.getByTestId('import-success');
    await banner.getByText('Imported 1 change into the action plan').waitFor();
    await expect(banner.innerText()).resolves.toContain(`${title} (due date)`);
    await look(page, 'export-import-imported');
    const changed = await rpd.request<Action>('GET', `/actions/${action.id}`);
    expect(changed.body.dueDate).toBe('2030-12-31');
    expect(changed.body.dueDateHistory[0]).toMatchObject({ reason: 'Recruitment moved' });

    // A date that is not one: the error summary names the row and the column, and links there.
    const bad = exported.map((row, index) =>
      index === actionRow ? { ...row, 'Due date': '2030-13-01' } : row,
    );
    await chooseAndCheck(page, bad);
    const summary = page.locator('.govuk-error-summary');
    const error = summary.getByRole('link', {
      name: `Row ${fileRow}, Due date: "2030-13-01" is not a date (use YYYY-MM-DD or DD/MM/YYYY)`,
    });
    await error.waitFor();
    await expect(summary.getByRole('link').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /^Import/ }).count()).resolves.toBe(0);
    await look(page, 'export-import-bad-date');
    await error.click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe(
      `import-row-${fileRow}`,
    );
    const still = await rpd.request<Action>('GET', `/actions/${action.id}`);
    expect(still.body.dueDate).toBe('2030-12-31');

    expect(pageErrors).toEqual([]);
  });
});
