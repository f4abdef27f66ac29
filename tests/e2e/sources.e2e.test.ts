import type { ActionPlan, Recommendation } from '@tracker/shared';
import { describe, expect, it } from 'vitest';

import { look } from './support/browser';
import { apiSignIn, expectOk, submitPlan } from './support/api';
import { browserWorld } from './support/world';

/**
 * A source of recommendations inside HMPPS (issue 14 item 2): an administrator loads a
 * (synthetic) SFO review naming the national lead as its reviewer; the region answers and
 * sends it; the national lead, not the inspectorate, reviews it.
 */
describe('an SFO review, reviewed inside HMPPS', () => {
  const world = browserWorld();
  let planId: string;

  it('is loaded by an administrator, who must name its reviewer', async () => {
    const { page, pageErrors } = await world.signInAs('admin@hmpps.example');
    await page.getByRole('link', { name: 'Add an inspection' }).click();
    await page.getByLabel('Title').fill('Synthetic SFO review: Greater Manchester');
    await page.getByLabel('Serious Further Offence review').check();
    await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Greater Manchester' });
    await page.getByLabel('Day').fill('1');
    await page.getByLabel('Month').fill('9');
    await page.getByLabel('Year').fill('2025');
    await page.getByLabel('Who wrote the letter').fill('HMPPS SFO review team');
    await page.getByLabel('Who the letter is addressed to').fill('Regional Probation Director');
    await page.getByRole('button', { name: /Add/ }).click();
    await page.getByRole('link', { name: 'Select who reviews the plan' }).waitFor();
    await look(page, 'sources-new-sfo-review-errors');

    const reviewer = page.getByLabel('Who reviews the plan');
    const nationalLead = reviewer.locator('option', { hasText: 'Demo HMPPS National Lead' });
    await nationalLead.waitFor({ state: 'attached' });
    // National leads and the region's leads only; never a head of operations or an inspector.
    expect(await reviewer.locator('option').allInnerTexts()).toHaveLength(3);
    await reviewer.selectOption({ label: await nationalLead.innerText() });
    await page.getByRole('button', { name: /Add/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Import recommendations' }).waitFor();

    const csv = [
      'Source PDU,Number,Recommendation,Owner level,Owning unit,Themes',
      'Wigan,1,Review how risk was managed before the further offence,PDU,,Risk of harm',
    ].join('\r\n');
    await page
      .getByLabel('Upload a spreadsheet of recommendations')
      .setInputFiles({ name: 'sfo.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('button', { name: 'Import 1 recommendation' }).click();
    await page.getByRole('alert').filter({ hasText: '1 recommendation imported' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('is sent by the region and reviewed by the national lead from their home page', async () => {
    const rpd = await apiSignIn(world.server.baseUrl, 'rpd@gm.probation.example');
    const plans = await expectOk(rpd.request<{ items: ActionPlan[] }>('GET', '/action-plans'), 200);
    const plan = plans.items.find((item) => item.inspectionKind === 'sfo_review')!;
    planId = plan.id;
    const recommendations = await expectOk(
      rpd.request<{ items: Recommendation[] }>(
        'GET',
        `/recommendations?inspectionId=${plan.inspectionId}`,
      ),
      200,
    );
    await expectOk(
      rpd.request('PUT', `/recommendations/${recommendations.items[0]!.id}/response`, {
        decision: 'not_agreed',
        rationale: 'The regional risk improvement plan already covers this.',
      }),
      200,
    );
    await submitPlan(rpd, planId);

    const { page, pageErrors } = await world.signInAs('national.lead@hmpps.example');
    const step = page.getByRole('link', { name: /Synthetic SFO review/ }).first();
    await step.waitFor();
    await look(page, 'sources-national-lead-home');
    await page.goto(world.url(`/plans/${planId}/versions/1`));
    const main = page.locator('main');
    await page.getByRole('button', { name: 'Continue to decision' }).waitFor();
    expect(await main.innerText()).toContain(
      'A response to the Serious Further Offence review of 1 September 2025',
    );
    await look(page, 'sources-review-sfo');
    await page.getByLabel('Accepted', { exact: true }).check();
    await page.getByRole('button', { name: 'Continue to decision' }).click();
    await page.getByLabel('Accept the plan').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByText('Version 1 accepted').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('is not shown to the inspectorate at all', async () => {
    const { page, pageErrors } = await world.signInAs('inspector@hmiprobation.example');
    expect(await page.locator('main').innerText()).not.toContain('Synthetic SFO review');
    const inspector = await apiSignIn(world.server.baseUrl, 'inspector@hmiprobation.example');
    expect((await inspector.request('GET', `/action-plans/${planId}`)).status).toBe(404);
    expect(pageErrors).toEqual([]);
  });
});
