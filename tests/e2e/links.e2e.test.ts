import type { Recommendation } from '@tracker/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { apiSignIn, expectOk } from './support/api';
import { look } from './support/browser';
import { browserWorld } from './support/world';

/** Links a recommendation from its own page, as its lead does. */
async function linkFromPage(page: Page, to: Recommendation, relation: string) {
  await page.getByRole('link', { name: 'Link to another recommendation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Link to another recommendation' }).waitFor();
  await page.getByLabel('Which recommendation?').selectOption(to.id);
  await page.getByLabel(relation, { exact: true }).check();
  await page.getByRole('button', { name: 'Link recommendations' }).click();
}

describe('linking recommendations that repeat or answer one another', () => {
  const world = browserWorld();
  let recommendations: Recommendation[];
  const rec = (pdu: string, number: number) =>
    recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

  beforeAll(async () => {
    const admin = await apiSignIn(world.server.baseUrl, 'admin@hmpps.example');
    recommendations = (
      await expectOk(
        admin.request<{ items: Recommendation[] }>('GET', '/recommendations?limit=200'),
        200,
      )
    ).items;
  });

  it('the national lead links Wigan 9 as repeating Wigan 8', async () => {
    const { page, pageErrors } = await world.signInAs('national.lead@hmpps.example');
    await page.goto(world.url(`/recommendations/${rec('Wigan', 9).id}`));
    await page.getByRole('heading', { level: 2, name: 'Linked recommendations' }).waitFor();
    await page.getByText('This recommendation is not linked to any other.').waitFor();

    await page.getByRole('link', { name: 'Link to another recommendation' }).click();
    // Nothing chosen: refused on the same page, with the error summary.
    await page.getByRole('button', { name: 'Link recommendations' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await look(page, 'links-form-errors');
    await page.goBack();

    await linkFromPage(page, rec('Wigan', 8), 'It repeats it');
    await page.getByText('Linked to Wigan 8').waitFor();
    const row = page.getByTestId('linked-recommendations').getByRole('row', { name: /Wigan 8/ });
    await expect(row.innerText()).resolves.toMatch(/Repeats\s+Wigan 8/);
    await look(page, 'links-wigan-9-repeats-wigan-8');
    expect(pageErrors).toEqual([]);
  });

  it('the region lead links Tameside 3 as addressed by Wigan 9, answers it so, and follows Wigan 9 from the plan', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');
    await page.goto(world.url(`/recommendations/${rec('Tameside', 3).id}`));
    await page.getByRole('heading', { level: 2, name: 'Linked recommendations' }).waitFor();
    await linkFromPage(page, rec('Wigan', 9), 'It is addressed by it');
    await page.getByText('Linked to Wigan 9').waitFor();
    await page
      .getByTestId('linked-recommendations')
      .getByRole('cell', { name: 'Addressed by Wigan 9', exact: true })
      .waitFor();

    // Wigan 9 shows the link from its side too, with the repeat the national lead made.
    await page.getByRole('link', { name: 'Wigan 9', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Wigan recommendation 9' }).waitFor();
    const table = page.getByTestId('linked-recommendations');
    await table.getByRole('cell', { name: 'Addresses Tameside 3', exact: true }).waitFor();
    await table.getByRole('cell', { name: 'Repeats Wigan 8', exact: true }).waitFor();
    await page.goBack();

    await page.getByRole('link', { name: 'Respond to this recommendation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Respond to the recommendation' }).waitFor();
    await page.getByLabel('Addressed by another recommendation', { exact: true }).check();
    await page
      .getByLabel('How does it address this one?')
      .fill('The national middle-management programme covers Tameside.');
    await look(page, 'links-respond-addressed-by');
    await page.getByRole('button', { name: 'Save response' }).click();
    await page.getByText('Response saved').waitFor();
    await page.getByRole('link', { name: 'Wigan 9' }).first().waitFor();
    await look(page, 'links-tameside-3-addressed-by-wigan-9');

    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Greater Manchester action plan' }).waitFor();
    const meta = page.getByTestId('national-link').filter({ hasText: 'Wigan 9' });
    await expect(meta.first().innerText()).resolves.toBe('Addressed by Wigan 9 (HMPPS): open.');
    await look(page, 'links-plan-task-list');
    expect(pageErrors).toEqual([]);
  });
});
