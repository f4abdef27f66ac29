import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

import type { Inspection, OrgUnit } from '@tracker/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

import { apiSignIn, expectOk } from './support/api';
import { look, screenshot } from './support/browser';
import { browserWorld } from './support/world';

/** Where this branch's screenshots are kept for review, besides /tmp/screens. */
const shots = '/work/shots/h14-letter';

async function keep(file: string) {
  await mkdir(shots, { recursive: true });
  await copyFile(file, path.join(shots, path.basename(file)));
}

/**
 * Loading a whole letter (issue 14 item 3) for a synthetic region made for the test: an
 * administrator downloads the template, fills it, checks it, reads the report, applies it and
 * sees the ratings on the inspection page.
 */
describe('loading the rest of a letter from the template', () => {
  const world = browserWorld();

  it('an administrator loads ratings and outcome measures, and sees them on the inspection', async () => {
    const admin = await apiSignIn(world.server.baseUrl, 'admin@hmpps.example');
    const region = await expectOk(
      admin.request<OrgUnit>('POST', '/org-units', {
        name: 'Synthetic North West',
        code: 'synthetic-north-west',
        type: 'region',
      }),
      201,
    );
    for (const [name, code] of [
      ['Synthetic Liverpool', 'synthetic-liverpool'],
      ['Synthetic Knowsley', 'synthetic-knowsley'],
    ])
      await expectOk(
        admin.request('POST', '/org-units', { name, code, type: 'pdu', parentId: region.id }),
        201,
      );
    const inspection = await expectOk(
      admin.request<Inspection>('POST', '/inspections', {
        title: 'Regional review: Synthetic North West',
        kind: 'regional_review',
        regionId: region.id,
        letterDate: '2025-02-20',
        author: 'A synthetic chief inspector',
        addressee: 'A synthetic regional director',
      }),
      201,
    );

    const { page, pageErrors } = await world.signInAs('admin@hmpps.example');
    // The recommendations first: the measures name them. The letter leaves one unnumbered.
    await page.goto(world.url(`/inspections/${inspection.id}/import`));
    const csv = [
      'Source PDU,Number,Recommendation,Owner level,Owning unit,Themes',
      'Synthetic Liverpool,1,Improve risk assessments,PDU,,Risk of harm',
      'Synthetic Liverpool,,Reduce caseloads,PDU,,Staffing',
    ].join('\r\n');
    await page
      .getByLabel('Upload a spreadsheet of recommendations')
      .setInputFiles({ name: 'recs.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import 2 recommendations' }).click();
    await page.getByRole('alert').filter({ hasText: '2 recommendations imported' }).waitFor();

    await page.goto(world.url(`/inspections/${inspection.id}`));
    await page.getByRole('link', { name: 'Load ratings and outcome measures' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Load ratings and outcome measures' })
      .waitFor();
    await keep(await screenshot(page, 'letter-import-page'));
    expect(pageErrors).toEqual([]);

    const href = await page
      .getByRole('link', { name: /Download the template/ })
      .getAttribute('href');
    const download = await page.request.get(world.url(href!));
    expect(download.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download.body()) as unknown as ArrayBuffer);
    book.getWorksheet('Letter')!.addRow(['Requires improvement', '2025-03-10']);
    const blank = Array.from({ length: 9 }, () => null);
    book
      .getWorksheet('PDU ratings')!
      .addRow([
        'Synthetic Liverpool',
        '2024-11',
        'Inadequate',
        7,
        27,
        'Inadequate',
        'Good',
        ...blank.slice(2),
      ]);
    book
      .getWorksheet('PDU ratings')!
      .addRow(['synthetic-knowsley', '2024-12', 'Atrocious', null, null, ...blank]);
    book
      .getWorksheet('Outcome measures')!
      .addRow([
        'Synthetic Liverpool',
        1,
        'Sufficient risk assessments',
        'per cent',
        'Higher is better',
        null,
        5,
        15,
        'November 2024',
        null,
        'In five out of 15 cases the assessment was sufficient.',
        80,
        '2026-03-31',
      ]);
    const withError = Buffer.from(await book.xlsx.writeBuffer());

    const upload = page.getByLabel('Upload the filled template');
    const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    await upload.setInputFiles({ name: 'letter.xlsx', mimeType: xlsxType, buffer: withError });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.getByText('PDU ratings, row 3, Overall rating').waitFor();
    await look(page, 'letter-import-errors');
    await keep(await screenshot(page, 'letter-import-errors'));

    book.getWorksheet('PDU ratings')!.getRow(3).getCell(3).value = 'Good';
    const good = Buffer.from(await book.xlsx.writeBuffer());
    await upload.setInputFiles({ name: 'letter.xlsx', mimeType: xlsxType, buffer: good });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'What the import would do' }).waitFor();
    await look(page, 'letter-import-checked');
    await keep(await screenshot(page, 'letter-import-checked'));
    await page.getByRole('button', { name: /Load \d+ changes/ }).click();
    await page.getByRole('alert').filter({ hasText: 'The letter’s details are loaded' }).waitFor();

    await page.getByRole('link', { name: /View Regional review: Synthetic North West/ }).click();
    const main = page.locator('main');
    await main.getByText('10 March 2025').waitFor();
    await expect.poll(() => main.innerText()).toContain('Requires improvement');
    const text = await main.innerText();
    expect(text).toContain('Inadequate');
    expect(text).toContain('7 out of 27');
    expect(text).toContain('numbered by position: the letter does not number it');
    await look(page, 'letter-import-inspection');
    await keep(await screenshot(page, 'letter-import-inspection'));
    expect(pageErrors).toEqual([]);
  });
});
