import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { look } from './support/browser';
import { browserWorld } from './support/world';

/** The status tag at the end of one recommendation's task list row. */
function taskStatus(page: Page, pdu: string, number: number) {
  return page
    .getByTestId('task')
    .filter({
      has: page.getByRole('link', { name: `Recommendation ${number} from ${pdu}`, exact: true }),
    })
    .locator('.govuk-task-list__status');
}

async function onRespondPage(page: Page, caption: string) {
  await page.getByRole('heading', { level: 1, name: 'Respond to the recommendation' }).waitFor();
  await page.locator('.govuk-caption-l', { hasText: caption }).waitFor();
}

describe('the region lead answers recommendations one after another', () => {
  const world = browserWorld();

  it('saves and continues to the next, and the task list shows each one’s own state', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');

    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Greater Manchester action plan' }).waitFor();
    await page.getByRole('heading', { name: '0 of 28 recommendations ready' }).waitFor();
    await expect(taskStatus(page, 'Manchester North', 1).innerText()).resolves.toBe(
      'Needs a response',
    );
    // An HMPPS-owned recommendation says who must act instead of looking like the region's task.
    await expect(
      page
        .locator('.govuk-task-list__status', { hasText: 'Waiting on HMPPS national lead' })
        .count(),
    ).resolves.toBeGreaterThan(0);
    expect(await page.getByTestId('readiness-count').innerText()).toMatch(
      /HMPPS-owned: the HMPPS national lead must act on them/,
    );
    await look(page, 'answering-task-list-fresh');

    // The next one that needs the region lead opens straight on its response form.
    await page.getByRole('link', { name: /Go to the next recommendation that needs you/ }).click();
    await onRespondPage(page, 'Manchester North recommendation 1');
    await look(page, 'answering-respond-first');
    await page.getByLabel('Agreed', { exact: true }).check();
    await page
      .getByRole('button', { name: 'Save and continue to the next recommendation' })
      .click();

    await onRespondPage(page, 'Manchester North recommendation 2');
    await page.getByText('Response saved for Manchester North recommendation 1').waitFor();
    // A fresh form: the previous recommendation's answer is not carried over.
    await expect(page.getByLabel('Agreed', { exact: true }).isChecked()).resolves.toBe(false);
    await look(page, 'answering-respond-next');

    // Nothing chosen: refused on the same page, nothing skipped.
    await page
      .getByRole('button', { name: 'Save and continue to the next recommendation' })
      .click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await onRespondPage(page, 'Manchester North recommendation 2');

    await page.getByLabel('Not agreed', { exact: true }).check();
    await page.getByLabel('Why is it not agreed?').fill('Covered by the national programme.');
    await page
      .getByRole('button', { name: 'Save and continue to the next recommendation' })
      .click();
    await page.getByText('Response saved for Manchester North recommendation 2').waitFor();
    await page
      .locator('.govuk-caption-l', { hasText: 'Manchester North recommendation 3' })
      .waitFor();

    // Back on the task list: each recommendation says what it needs now.
    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('heading', { name: '1 of 28 recommendations ready' }).waitFor();
    await expect(taskStatus(page, 'Manchester North', 1).innerText()).resolves.toBe(
      'Needs an action',
    );
    await expect(taskStatus(page, 'Manchester North', 2).innerText()).resolves.toBe('Ready');
    await expect(taskStatus(page, 'Manchester North', 3).innerText()).resolves.toBe(
      'Needs a response',
    );
    await look(page, 'answering-task-list-after');
    expect(pageErrors).toEqual([]);
  });
});
