import { describe, expect, it } from 'vitest';

import { collectPageErrors } from './support/auth';
import { look } from './support/browser';
import { browserWorld } from './support/world';

/**
 * An administrator keeps the tree of units (issue 14 item 1): adds a region and a PDU, moves
 * the PDU, retires it, and is told why a unit still in use cannot be retired. Synthetic units,
 * so named: the demo data stays the real letter.
 */
describe('organisation units, kept by an administrator', () => {
  const world = browserWorld();

  it('adds a region and a PDU, moves and retires the PDU, and cannot retire a PDU still in use', async () => {
    const { page, pageErrors } = await world.signInAs('admin@hmpps.example');
    await page.getByRole('link', { name: 'Units', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation units' }).waitFor();
    await page.getByRole('table', { name: 'PDUs in Greater Manchester' }).waitFor();
    await look(page, 'org-units');

    // A region: its code follows its name.
    await page.getByRole('link', { name: 'Add a region' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a region' }).waitFor();
    await page.getByLabel('Name').fill('Synthetic North East');
    expect(await page.getByLabel('Code').inputValue()).toBe('synthetic-north-east');
    await page.getByRole('button', { name: 'Add a region' }).click();
    await page.getByText('Synthetic North East added').waitFor();

    // A PDU with no region chosen is refused in the form, naming the field.
    await page.getByRole('link', { name: 'Add a PDU', exact: true }).click();
    await page.getByLabel('Probation delivery unit (PDU)').check();
    await page.getByLabel('Name').fill('Synthetic Bolton');
    await page.getByRole('button', { name: 'Add a PDU' }).click();
    await page.getByRole('link', { name: 'Choose the region the PDU belongs to' }).waitFor();
    await page.getByLabel('Region it belongs to').selectOption({ label: 'Greater Manchester' });
    await page.getByRole('button', { name: 'Add a PDU' }).click();
    await page.getByText('Synthetic Bolton added').waitFor();
    const greaterManchester = page.getByRole('table', { name: 'PDUs in Greater Manchester' });
    await greaterManchester.getByRole('row', { name: /Synthetic Bolton/ }).waitFor();

    // Moved to the new region.
    await page.getByRole('link', { name: 'Change Synthetic Bolton' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change a PDU' }).waitFor();
    await page.getByLabel('Region').selectOption({ label: 'Synthetic North East' });
    await look(page, 'org-unit-change');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Synthetic Bolton saved').waitFor();
    await page
      .getByRole('table', { name: 'PDUs in Synthetic North East' })
      .getByRole('row', { name: /Synthetic Bolton/ })
      .waitFor();

    // Retired: listed still, marked so, and no longer offered for new people.
    await page.getByRole('link', { name: 'Change Synthetic Bolton' }).click();
    await page.getByLabel('Retired').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Synthetic Bolton saved').waitFor();
    const boltonRow = page.getByRole('row', { name: /Synthetic Bolton/ });
    await expect(boltonRow.innerText()).resolves.toContain('Retired');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('link', { name: 'Create a user' }).click();
    await page.getByLabel('Head of operations').check();
    await expect(page.locator('option', { hasText: 'Synthetic Bolton' }).count()).resolves.toBe(0);
    await expect(page.locator('option', { hasText: 'Wigan' }).count()).resolves.toBe(1);

    expect(pageErrors).toEqual([]);

    // Wigan still has its people and open actions: the refusal says what to do first.
    await page.getByRole('link', { name: 'Units', exact: true }).click();
    await page.getByRole('link', { name: 'Change Wigan' }).click();
    await page.getByLabel('Retired').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toMatch(/move or disable them/);
    await look(page, 'org-unit-retire-refused');
  });
  it('loads units from a spreadsheet: checks the file, then adds every row', async () => {
    const { page } = world.browser;
    const pageErrors = collectPageErrors(page);
    await page.goto(world.url('/admin/org-units'));
    await page.getByRole('link', { name: 'Load units from a spreadsheet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Load units from a spreadsheet' }).waitFor();
    const csv = [
      'Type,Name,Code,Region',
      'Region,Synthetic Wales,synthetic-wales,',
      'PDU,Synthetic Cardiff,synthetic-cardiff,Synthetic Wales',
      'PDU,Tameside,tameside,Greater Manchester',
    ].join('\r\n');
    await page
      .getByLabel('Upload a spreadsheet of units')
      .setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'What the import would do' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toContain('2 units to add');
    await look(page, 'org-units-import-checked');
    await page.getByRole('button', { name: 'Add 2 units' }).click();
    await page.getByRole('alert').filter({ hasText: '2 units added' }).waitFor();
    await page.getByRole('link', { name: 'View organisation units' }).click();
    await page
      .getByRole('table', { name: 'PDUs in Synthetic Wales' })
      .getByRole('row', { name: /Synthetic Cardiff/ })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
  it('then loads a letter for the new region: adds the inspection and imports its recommendations', async () => {
    // Follows the test before: Synthetic Wales and Synthetic Cardiff exist now.
    const { page } = world.browser;
    const pageErrors = collectPageErrors(page);
    await page.goto(world.url('/'));
    await page.getByRole('link', { name: 'Add an inspection' }).click();
    await page.getByLabel('Title').fill('Synthetic inspection of probation services in Wales');
    await page.getByLabel('Regional review').check();
    await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Synthetic Wales' });
    await page.getByLabel('Day').fill('2');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Who wrote the letter').fill('Synthetic Chief Inspector');
    await page.getByLabel('Who the letter is addressed to').fill('Synthetic Regional Director');
    await page.getByRole('button', { name: /Add/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Import recommendations' }).waitFor();

    const csv = [
      'Source PDU,Number,Recommendation,Owner level,Owning unit,Themes',
      'Synthetic Cardiff,1,Improve the quality of risk assessments,PDU,,Risk of harm',
      'Synthetic Cardiff,2,Recruit to vacant probation officer posts,Region,,Staffing',
    ].join('\r\n');
    await page
      .getByLabel('Upload a spreadsheet of recommendations')
      .setInputFiles({ name: 'letter.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'What the import would do' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toContain('2 recommendations to add');
    await page.getByRole('button', { name: 'Import 2 recommendations' }).click();
    await page.getByRole('alert').filter({ hasText: '2 recommendations imported' }).waitFor();
    await look(page, 'letter-imported');
    expect(pageErrors).toEqual([]);
  });
});
