import type {
  ActionPlan,
  ActionPlanPage,
  Recommendation,
  RecommendationPage,
} from '@tracker/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import { apiSignIn } from './support/api';
import { signOut } from './support/auth';
import { look } from './support/browser';
import { browserWorld } from './support/world';

async function fillDate(page: Page, id: string, iso: string) {
  const [year = '', month = '', day = ''] = iso.split('-');
  await page.locator(`#${id}-day`).fill(String(Number(day)));
  await page.locator(`#${id}-month`).fill(String(Number(month)));
  await page.locator(`#${id}-year`).fill(year);
}

describe('the region lead submits the action plan in a browser', () => {
  const world = browserWorld();
  let plan: ActionPlan;
  let recommendations: Recommendation[];

  const { url } = world;
  const rec = (pdu: string, number: number) =>
    recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;

  beforeAll(async () => {
    const rpd = await apiSignIn(world.server.baseUrl, 'rpd@gm.probation.example');
    plan = (await rpd.request<ActionPlanPage>('GET', '/action-plans')).body.items[0]!;
    recommendations = (
      await rpd.request<RecommendationPage>(
        'GET',
        `/recommendations?inspectionId=${plan.inspectionId}&limit=200`,
      )
    ).body.items;
  });

  it('checks the answers, puts the problems right, submits and sees version 1', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');

    // An untouched plan: every recommendation still needs a response, each linked to its page.
    await page.goto(url(`/plans/${plan.id}`));
    await page.getByRole('button', { name: 'Check your answers and submit' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Check your answers before submitting the action plan',
      })
      .waitFor();
    const summary = page.locator('.govuk-error-summary');
    await summary.getByRole('link').first().waitFor();
    await expect(summary.getByRole('link').count()).resolves.toBe(28);
    const first = summary.getByRole('link', { name: 'Manchester North 1 has no response' });
    await expect(first.getAttribute('href')).resolves.toBe(
      `/recommendations/${rec('Manchester North', 1).id}`,
    );
    await look(page, 'submission-check-answers-incomplete');

    // The bulk through the API: every recommendation but Wigan 1 not agreed, Wigan 1 agreed.
    const rpd = await apiSignIn(world.server.baseUrl, 'rpd@gm.probation.example');
    const nationalLead = await apiSignIn(world.server.baseUrl, 'national.lead@hmpps.example');
    for (const recommendation of recommendations) {
      const wigan1 = recommendation.id === rec('Wigan', 1).id;
      const lead = recommendation.ownerLevel === 'hmpps' ? nationalLead : rpd;
      const answer = await lead.request(
        'PUT',
        `/recommendations/${recommendation.id}/response`,
        wigan1
          ? { decision: 'agreed' }
          : { decision: 'not_agreed', rationale: 'Covered by the national programme.' },
      );
      expect(answer.status).toBe(200);
    }

    // One problem is left, and its link leads to the recommendation, to add the action there.
    await page.reload();
    const left = summary.getByRole('link', { name: 'Wigan 1 is agreed but has no actions' });
    await left.waitFor();
    await expect(summary.getByRole('link').count()).resolves.toBe(1);
    await look(page, 'submission-check-answers-one-problem');
    await left.click();
    await page.getByRole('heading', { level: 1, name: 'Wigan recommendation 1' }).waitFor();
    await page.getByRole('link', { name: 'Add an action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Quality assurance of risk of harm work');
    await page.getByLabel('Wigan', { exact: true }).check();
    await page
      .getByLabel('Owner', { exact: true })
      .selectOption({ label: 'Demo Head of Operations, Wigan (Head of operations, Wigan)' });
    await fillDate(page, 'dueDate', '2030-06-30');
    await page
      .getByLabel('Success measure')
      .fill('Nine in ten audited cases meet the standard for two quarters running.');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('Action added: Quality assurance of risk of harm work').waitFor();

    // Complete now: the whole plan, no problems; the declaration is required.
    await page.goto(url(`/plans/${plan.id}`));
    await page.getByRole('button', { name: 'Check your answers and submit' }).click();
    const wigan = page
      .getByTestId('answer-recommendation')
      .filter({ hasText: 'Wigan recommendation 1' });
    await wigan.getByText('Quality assurance of risk of harm work').waitFor();
    const wiganText = await wigan.innerText();
    expect(wiganText).toContain('Demo Head of Operations, Wigan');
    expect(wiganText).toContain('30 June 2030');
    expect(wiganText).toContain('Nine in ten audited cases');
    expect(wiganText).toContain('Not started');
    await look(page, 'submission-check-answers-ready');
    await expect(summary.count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Submit the action plan' }).click();
    await summary
      .getByRole('link', { name: 'Confirm that the action plan is complete and accurate' })
      .waitFor();
    await look(page, 'submission-check-answers-no-declaration');
    await page.getByLabel('Covering note to the inspectorate (optional)').fill('Our first plan.');
    await page.getByLabel(/I confirm the action plan is complete and accurate/).check();
    await page.getByRole('button', { name: 'Submit the action plan' }).click();

    await page.getByRole('heading', { level: 1, name: 'Action plan submitted' }).waitFor();
    expect(await page.locator('.govuk-panel').innerText()).toContain('Version 1');
    expect(page.url()).toBe(url(`/plans/${plan.id}/versions/1/submitted`));
    await look(page, 'submission-confirmation');

    // The version history lists it, awaiting review, and the timeline says who sent it.
    await page.getByRole('link', { name: 'See the plan’s version history' }).click();
    await page.getByRole('heading', { level: 1, name: 'Version history' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Version 1' });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('Submission');
    expect(rowText).toContain('Awaiting review');
    expect(rowText).toContain('Demo Regional Probation Director');
    const timeline = page.getByTestId('plan-timeline');
    await timeline.getByText('Version 1 submitted').waitFor();
    expect(await timeline.innerText()).toContain('Note: Our first plan.');
    await look(page, 'submission-version-history');

    // Nothing changed since: the live plan is the version sent.
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes since last submitted' }).waitFor();
    await page.getByTestId('no-changes').waitFor();
    await look(page, 'submission-changes-since-submitted');

    // The plan page now says so, and offers no second submission while it is with the inspectorate.
    await page.goto(url(`/plans/${plan.id}`));
    await page.getByText('Version 1 is with the inspectorate, awaiting review.').waitFor();
    await expect(
      page.getByRole('button', { name: 'Check your answers and submit' }).count(),
    ).resolves.toBe(0);
    await page.getByRole('link', { name: 'Version history', exact: true }).waitFor();

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
