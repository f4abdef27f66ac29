import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { signOut } from './support/auth';
import { look } from './support/browser';
import { browserWorld } from './support/world';

/** A calendar date `days` from today in the UK, as day, month and year boxes would take it. */
function dayFromToday(days: number): { day: string; month: string; year: string; iso: string } {
  const iso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year, iso };
}

async function fillDate(
  page: Page,
  id: string,
  date: { day: string; month: string; year: string },
) {
  await page.locator(`#${id}-day`).fill(date.day);
  await page.locator(`#${id}-month`).fill(date.month);
  await page.locator(`#${id}-year`).fill(date.year);
}

/** The task list's link for one recommendation ("Recommendation 1 from Wigan"). */
function taskLink(page: Page, pdu: string, number: number) {
  return page.getByRole('link', { name: `Recommendation ${number} from ${pdu}`, exact: true });
}

describe('drafting and tracking the action plan in a browser', () => {
  const world = browserWorld();
  let pdfDir: string;

  beforeAll(async () => {
    pdfDir = await mkdtemp(path.join(os.tmpdir(), 'tracker-e2e-pdf-'));
  });

  afterAll(async () => {
    if (pdfDir) await rm(pdfDir, { recursive: true, force: true });
  });

  const { url } = world;

  it('the RPD drafts responses and actions for three recommendations', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');

    // The navigation's "Action plan" opens the region's one plan as a task list.
    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Greater Manchester action plan' }).waitFor();
    await page.getByTestId('task').first().waitFor();
    await expect(page.getByTestId('task').count()).resolves.toBe(28);
    expect(await page.locator('main').innerText()).toContain(
      '0 of 28 recommendations have a response',
    );
    await look(page, 'plan-task-list');

    // 1. Wigan recommendation 1 (a PDU recommendation): agreed, one action for Wigan with an
    // owner and a due date.
    await taskLink(page, 'Wigan', 1).click();
    await page.getByRole('heading', { level: 1, name: 'Wigan recommendation 1' }).waitFor();
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    await look(page, 'recommendation-before-response');
    await page.getByRole('link', { name: 'Respond to this recommendation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Respond to the recommendation' }).waitFor();

    // Nothing chosen: the error summary says so.
    await page.getByRole('button', { name: 'Save response' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await look(page, 'respond-error');
    await page.getByLabel('Agreed', { exact: true }).check();
    await look(page, 'respond-agreed');
    await page.getByRole('button', { name: 'Save response' }).click();
    await page.getByText('Response saved').waitFor();

    await page.getByRole('link', { name: 'Add an action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    // An empty form and an impossible date are both caught before anything is sent.
    await fillDate(page, 'dueDate', { day: '31', month: '2', year: '2027' });
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Enter a title for the action');
    expect(summary).toContain('Select the unit that owns the action');
    expect(summary).toContain('Due date must be a real date');
    await look(page, 'add-action-errors');

    const wiganDue = dayFromToday(60);
    await page.getByLabel('Title', { exact: true }).fill('Quality assurance of risk of harm work');
    await page
      .getByLabel('Description (optional)')
      .fill('Managers audit ten cases a month against the risk of harm standard.');
    await page.getByLabel('Wigan', { exact: true }).check();
    await page
      .getByLabel('Owner', { exact: true })
      .selectOption({ label: 'Demo Head of Operations, Wigan (Head of operations, Wigan)' });
    await page.getByLabel('Owner’s role (optional)').fill('Head of Operations');
    await fillDate(page, 'startDate', dayFromToday(0));
    await fillDate(page, 'dueDate', wiganDue);
    await page
      .getByLabel('Success measure')
      .fill('Nine in ten audited cases meet the standard for two quarters running.');
    await look(page, 'add-action-filled');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Action added: Quality assurance of risk of harm work').waitFor();
    const card = page.getByTestId('action-card').first();
    await card.waitFor();
    const cardText = await card.innerText();
    expect(cardText).toContain('Demo Head of Operations, Wigan');
    expect(cardText).toContain('Not started');
    expect(cardText).toContain('Green');
    await look(page, 'recommendation-with-action');

    // 2. Wigan recommendation 5 (a region recommendation): partly agreed, which needs the part
    // accepted and a rationale; the server's own check is shown the same way.
    await page.goto(url('/plans'));
    await taskLink(page, 'Wigan', 5).click();
    await page.getByRole('heading', { level: 1, name: 'Wigan recommendation 5' }).waitFor();
    await page.getByRole('link', { name: 'Respond to this recommendation' }).click();
    await page.getByLabel('Partly agreed', { exact: true }).check();
    await page.getByRole('button', { name: 'Save response' }).click();
    await page.getByText('Say which part of the recommendation is accepted').first().waitFor();
    await look(page, 'respond-partly-errors');
    await page.getByLabel('Which part is accepted?').fill('The review of case allocation.');
    await page
      .getByLabel('Why is the rest not accepted?')
      .fill('Workload tools are set nationally; the region will feed into their review.');
    await page.getByRole('button', { name: 'Save response' }).click();
    await page.getByText('Response saved').waitFor();
    await page.getByRole('link', { name: 'Add an action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    await page
      .getByLabel('Title', { exact: true })
      .fill('Review case allocation across the region');
    await page.getByLabel('Greater Manchester', { exact: true }).check();
    await fillDate(page, 'dueDate', dayFromToday(10));
    // It waits on the Wigan action.
    await page.getByLabel('Quality assurance of risk of harm work').check();
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Action added: Review case allocation across the region').waitFor();
    const waitingCard = await page.getByTestId('action-card').first().innerText();
    expect(waitingCard).toContain('Waiting');
    expect(waitingCard).toContain('No named owner');

    // 3. Manchester North recommendation 6 (region): not agreed, with a rationale, and an
    // action all the same (a review of the decision) owned by the region.
    await page.goto(url('/plans'));
    await taskLink(page, 'Manchester North', 6).click();
    await page
      .getByRole('heading', { level: 1, name: 'Manchester North recommendation 6' })
      .waitFor();
    await page.getByRole('link', { name: 'Respond to this recommendation' }).click();
    await page.getByLabel('Not agreed', { exact: true }).check();
    await page
      .getByLabel('Why is it not agreed?')
      .fill('The region already meets this through the existing performance board.');
    await page.getByRole('button', { name: 'Save response' }).click();
    await page.getByText('Response saved').waitFor();
    await page.getByRole('link', { name: 'Add an action' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Report the board’s findings to the PDU');
    await page.getByLabel('Greater Manchester', { exact: true }).check();
    await page.getByLabel('Owner', { exact: true }).selectOption({
      label: 'Demo Regional Probation Director (Regional lead, Greater Manchester)',
    });
    await fillDate(page, 'dueDate', dayFromToday(30));
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Action added: Report the board’s findings to the PDU').waitFor();

    // The task list shows each response and its status.
    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByTestId('task').first().waitFor();
    await page.getByText('3 of 28 recommendations have a response').waitFor();
    const tasks = page.getByTestId('task');
    const taskText = async (pdu: string, number: number) =>
      (await tasks.filter({ has: taskLink(page, pdu, number) }).innerText()).replace(/\s+/g, ' ');
    // The list of actions is read again after each change; wait for the latest.
    await expect
      .poll(() => taskText('Manchester North', 6))
      .toContain('Response: Not agreed. 1 action.');
    expect(await taskText('Wigan', 1)).toContain('Response: Agreed. 1 action.');
    expect(await taskText('Wigan', 5)).toContain('Response: Partly agreed. 1 action.');
    expect(await taskText('Tameside', 1)).toContain('Response: Not yet responded. 0 actions.');
    await look(page, 'plan-task-list-drafted');

    // An outcome measure from the letter gets a reading, drawn against its baseline.
    await taskLink(page, 'Manchester North', 9).click();
    await page
      .getByRole('heading', { level: 1, name: 'Manchester North recommendation 9' })
      .waitFor();
    const measure = page.getByTestId('outcome-measure').first();
    await measure.waitFor();
    await measure.getByText('Add a reading').click();
    await measure.getByLabel('Reading (per cent)').fill('23');
    await fillDate(
      page,
      await measure
        .locator('.govuk-date-input')
        .getAttribute('id')
        .then((id) => id ?? ''),
      dayFromToday(-1),
    );
    await measure.getByRole('button', { name: 'Save reading' }).click();
    await measure.getByText('Reading of 23 per cent saved').waitFor();
    await measure.getByRole('cell', { name: '23 per cent' }).waitFor();
    // A share of cases is given as a count; the per cent is worked out (12 of 40 is 30).
    await measure.getByLabel('How many').fill('12');
    await measure.getByLabel('Out of').fill('40');
    await fillDate(
      page,
      await measure
        .locator('.govuk-date-input')
        .getAttribute('id')
        .then((id) => id ?? ''),
      dayFromToday(0),
    );
    await measure.getByRole('button', { name: 'Save reading' }).click();
    await measure.getByText('Reading of 30 per cent saved').waitFor();
    await measure.getByRole('cell', { name: '30 per cent (12 of 40)' }).waitFor();
    const chart = measure.getByRole('img', { name: /readings against baseline and target/ });
    await expect(chart.getAttribute('aria-labelledby')).resolves.toBeTruthy();
    await look(page, 'outcome-measure-reading');

    // "My actions" lists what names the RPD as owner.
    await page.getByRole('link', { name: 'My actions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My actions' }).waitFor();
    await page.getByRole('link', { name: 'Report the board’s findings to the PDU' }).waitFor();
    await look(page, 'my-actions-rpd');

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('the Wigan head of operations posts an update, uploads evidence and completes the action', async () => {
    const { page, pageErrors } = await world.signInAs('hoo.wigan@gm.probation.example');

    await page.getByRole('link', { name: 'My actions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My actions' }).waitFor();
    const link = page.getByRole('link', { name: 'Quality assurance of risk of harm work' });
    await link.waitFor();
    await look(page, 'my-actions-wigan');
    await link.click();
    await page
      .getByRole('heading', { level: 1, name: 'Quality assurance of risk of harm work' })
      .waitFor();
    await page.getByText('No progress updates have been posted yet.').waitFor();
    await look(page, 'action-page-before');

    // A progress update: narrative, percent and a status change.
    await page
      .getByLabel('What has happened?')
      .fill('First monthly audit done: 7 of 10 cases met the standard.');
    await page.getByLabel('Percent complete (optional)').fill('40');
    await page.getByLabel('Change the status (optional)').selectOption({ label: 'In progress' });
    await page.getByRole('button', { name: 'Post update' }).click();
    await page.getByTestId('update-status').getByText('Update posted').waitFor();
    await page.getByTestId('timeline').getByText('First monthly audit done').waitFor();
    await expect.poll(() => page.getByTestId('action-tags').innerText()).toContain('In progress');

    // Completing without evidence is refused, with the reason beside the field.
    await page.getByLabel('What has happened?').fill('All done.');
    await page.getByLabel('Change the status (optional)').selectOption({ label: 'Complete' });
    await page.getByRole('button', { name: 'Post update' }).click();
    await page.getByText('Add evidence before marking the action complete').first().waitFor();
    await look(page, 'action-complete-without-evidence');

    // Evidence: a small PDF built here, uploaded with a progress bar.
    const pdf = path.join(pdfDir, 'audit-results.pdf');
    await writeFile(
      pdf,
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );
    await page.getByRole('link', { name: 'Add evidence', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Add evidence' }).waitFor();
    await look(page, 'add-evidence');
    await page.getByLabel('Title', { exact: true }).fill('Audit results, first month');
    await page.getByLabel('A file', { exact: true }).check();
    await page.getByLabel('Upload a file').setInputFiles(pdf);
    await look(page, 'add-evidence-file');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByText('Evidence added: Audit results, first month').waitFor();
    const evidence = page.getByTestId('evidence').first();
    await evidence.waitFor();
    const evidenceText = await evidence.innerText();
    expect(evidenceText).toContain('Download audit-results.pdf');
    expect(evidenceText).toContain('PDF');
    // The download link serves the same bytes, as an attachment.
    const href = await evidence
      .getByRole('link', { name: /Download audit-results.pdf/ })
      .getAttribute('href');
    const download = await page.request.get(url(href ?? ''));
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('attachment');
    expect((await download.body()).subarray(0, 8).toString()).toBe('%PDF-1.4');

    // A link as well.
    await page.getByRole('link', { name: 'Add evidence', exact: true }).click();
    await page.getByLabel('Title', { exact: true }).fill('Audit tool on the intranet');
    await page.getByLabel('A link to a web page').check();
    await page.getByLabel('Web address').fill('https://intranet.example/audits/risk-of-harm');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByText('Evidence added: Audit tool on the intranet').waitFor();

    // Now it can be completed.
    await page
      .getByLabel('What has happened?')
      .fill('Second audit: 9 of 10 met the standard. Done.');
    await page.getByLabel('Change the status (optional)').selectOption({ label: 'Complete' });
    await page.getByRole('button', { name: 'Post update' }).click();
    await page.getByTestId('update-status').getByText('Update posted').waitFor();
    await page.getByTestId('timeline').getByText('Second audit').waitFor();
    await expect.poll(() => page.getByTestId('action-tags').innerText()).toContain('Complete');
    // Newest first.
    const timeline = await page.getByTestId('timeline').innerText();
    expect(timeline.indexOf('Second audit')).toBeLessThan(timeline.indexOf('First monthly audit'));
    await look(page, 'action-page-complete');

    // A Tameside action is theirs to read, not to change: no change links or update form.
    await page.goto(url('/plans'));
    await page.getByTestId('task').first().waitFor();
    await look(page, 'plan-task-list-wigan');

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('the dashboard shows the completed action counted for Wigan', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Greater Manchester dashboard' }).waitFor();
    const byUnit = page.getByTestId('by-unit');
    await byUnit.waitFor();
    const wigan = byUnit
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Wigan' }) });
    // Wigan: one action, one finished, 100 per cent.
    await expect(wigan.innerText()).resolves.toMatch(/Wigan\s+1\s+1\s+100%/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('3 (1 finished)');
    expect(main).toContain('Recommendations with no actions');
    // Due within 14 days: the region's case allocation review.
    expect(main).toContain('Review case allocation across the region');
    expect(main).toContain('No rating (finished)');
    await look(page, 'dashboard');

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
