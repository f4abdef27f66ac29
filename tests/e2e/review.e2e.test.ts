import type { Recommendation } from '@tracker/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  type ApiSession,
  apiSignIn,
  dayFromToday,
  declineAllBut,
  expectOk,
  personIdByName,
  submitPlan,
} from './support/api';
import { signOut } from './support/auth';
import { look } from './support/browser';
import { browserWorld } from './support/world';

/** "2027-03-31" -> "31 March 2027", as the pages write dates. */
function longDate(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${iso}T00:00:00Z`));
}

/** The verdict controls of one subject on a version page. */
function verdictGroup(page: Page, subject: string) {
  return page.getByRole('group', { name: `Your verdict on ${subject}`, exact: true });
}

describe('the inspectorate reviews a submitted plan in a browser', () => {
  const world = browserWorld();
  let rpd: ApiSession;
  let planId: string;
  let tameside1: Recommendation;
  let tamesideAction: string;
  const firstDueDate = dayFromToday(90);
  const movedDueDate = dayFromToday(180);

  beforeAll(async () => {
    rpd = await apiSignIn(world.server.baseUrl, 'rpd@gm.probation.example');
    const national = await apiSignIn(world.server.baseUrl, 'national.lead@hmpps.example');

    // A plan ready to submit in few steps: two recommendations agreed with an action each,
    // every other one not agreed with a rationale (HMPPS ones by the national lead).
    const recommendations = (
      await rpd.request<{ items: Recommendation[] }>('GET', '/recommendations?limit=200')
    ).body.items;
    const pick = (pdu: string, number: number) =>
      recommendations.find((r) => r.sourcePdu.name === pdu && r.number === number)!;
    tameside1 = pick('Tameside', 1);
    const agreed = [tameside1, pick('Wigan', 1)];
    await declineAllBut(recommendations, agreed, (recommendation) =>
      recommendation.ownerLevel === 'hmpps' ? national : rpd,
    );
    const rpdId = await personIdByName(rpd, 'Demo Regional Probation Director');
    const actionIds: string[] = [];
    for (const [index, recommendation] of agreed.entries()) {
      await expectOk(
        rpd.request('PUT', `/recommendations/${recommendation.id}/response`, {
          decision: 'agreed',
        }),
        200,
      );
      const action = (await expectOk(
        rpd.request('POST', `/recommendations/${recommendation.id}/actions`, {
          title: index === 0 ? 'Audit the use of local services' : 'Train staff in risk of harm',
          owningUnitId: recommendation.owningUnit.id,
          ownerId: rpdId,
          startDate: dayFromToday(0),
          dueDate: firstDueDate,
          successMeasure: 'Nine in ten audited cases meet the standard.',
        }),
        201,
      )) as { id: string };
      actionIds.push(action.id);
    }
    tamesideAction = actionIds[0]!;
    await expectOk(
      rpd.request('POST', `/actions/${tamesideAction}/evidence`, {
        kind: 'link',
        title: 'Audit tool',
        url: 'https://intranet.example/audits/local-services',
      }),
      201,
    );
    planId = (await rpd.request<{ items: { id: string }[] }>('GET', '/action-plans')).body.items[0]!
      .id;
    await submitPlan(rpd, planId);
  });

  const { url } = world;

  it('the inspector challenges two recommendations and returns the plan', async () => {
    const { page, pageErrors } = await world.signInAs('inspector@hmiprobation.example');

    await page.getByRole('link', { name: 'Plans to review', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Plans to review' }).waitFor();
    const versionLink = page.getByRole('link', {
      name: 'Greater Manchester action plan, version 1',
    });
    await versionLink.waitFor();
    await look(page, 'review-plans-to-review');

    await versionLink.click();
    await page
      .getByRole('heading', { level: 1, name: 'Action plan: Greater Manchester' })
      .waitFor();
    const main = await page.locator('main').innerText();
    expect(main).toContain(
      "A response to HM Inspectorate of Probation's regional review letter of 25 May 2023",
    );
    expect(main).toContain('Submitted by: Demo Regional Probation Director');
    await expect(page.getByTestId('version-recommendation').count()).resolves.toBe(28);
    await look(page, 'review-version-1');

    // A challenge needs a comment: the page says so before going on.
    await verdictGroup(page, 'Tameside recommendation 1').getByLabel('Challenged').check();
    await verdictGroup(page, 'Wigan recommendation 1').getByLabel('Challenged').check();
    await page.getByRole('button', { name: 'Continue to decision' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await look(page, 'review-version-1-errors');
    await verdictGroup(page, 'Tameside recommendation 1')
      .getByLabel('What is challenged?')
      .fill('Which local services does the audit cover?');
    await verdictGroup(page, 'Wigan recommendation 1')
      .getByLabel('What is challenged?')
      .fill('The training starts too late.');
    await verdictGroup(page, 'the action “Audit the use of local services”')
      .getByLabel('Accepted')
      .check();
    await page.getByRole('button', { name: 'Continue to decision' }).click();

    await page.getByRole('heading', { level: 1, name: 'Your decision on this version' }).waitFor();
    const summary = await page.getByTestId('verdict-summary').innerText();
    expect(summary).toContain('Which local services does the audit cover?');
    expect(summary).toContain('The training starts too late.');
    await page.getByLabel('Return it to the region').check();
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByRole('link', { name: 'Say why the plan is returned' }).waitFor();
    await look(page, 'review-decision-errors');
    await page.getByLabel('Why is the plan returned?').fill('Two recommendations need more work.');
    await page.getByRole('button', { name: 'Submit review' }).click();

    await page.getByText('Version 1 returned to the region').waitFor();
    await page.getByRole('heading', { name: 'The review' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Two recommendations need more work.');
    // The draft verdicts went with the review.
    const drafts = await page.evaluate(() =>
      Object.keys(sessionStorage).filter((key) => key.startsWith('review-draft:')),
    );
    expect(drafts).toEqual([]);
    await look(page, 'review-version-1-returned');

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 240_000);

  it('the region lead reads the challenge beside the recommendation and replies', async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');

    await page.goto(url(`/recommendations/${tameside1.id}`));
    await page.getByRole('heading', { level: 1, name: 'Tameside recommendation 1' }).waitFor();
    const threads = page.getByTestId('review-threads');
    await threads.getByText('Which local services does the audit cover?').waitFor();
    await look(page, 'review-recommendation-thread');

    await threads
      .getByLabel('Your reply about Tameside 1')
      .fill('Housing, employment and substance misuse services.');
    await threads.getByRole('button', { name: 'Send reply' }).click();
    await threads.getByText('Reply sent').waitFor();
    await threads.getByText('Housing, employment and substance misuse services.').waitFor();
    await look(page, 'review-recommendation-replied');

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the inspector accepts version 2, with the due date moved and its reason', async () => {
    // Meanwhile the region moves a due date, with its reason, and sends version 2.
    const action = await rpd.request('GET', `/actions/${tamesideAction}`);
    await expectOk(
      rpd.request(
        'PATCH',
        `/actions/${tamesideAction}`,
        { dueDate: movedDueDate, dueDateChangeReason: 'The audit waits for the new standard.' },
        { 'if-match': action.etag ?? '' },
      ),
      200,
    );
    await submitPlan(rpd, planId);

    const { page, pageErrors } = await world.signInAs('inspector@hmiprobation.example');

    await page.getByRole('link', { name: 'Plans to review', exact: true }).click();
    await page.getByRole('link', { name: 'Greater Manchester action plan, version 2' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Action plan: Greater Manchester' })
      .waitFor();
    const tameside = page.getByTestId('version-recommendation').filter({
      has: page.getByRole('heading', { name: 'Tameside recommendation 1', exact: true }),
    });
    const tamesideText = await tameside.innerText();
    expect(tamesideText).toContain(
      `Moved from ${longDate(firstDueDate)} to ${longDate(movedDueDate)}`,
    );
    expect(tamesideText).toContain('The audit waits for the new standard.');
    await look(page, 'review-version-2');

    await verdictGroup(page, 'Tameside recommendation 1').getByLabel('Accepted').check();
    await page.getByRole('button', { name: 'Continue to decision' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your decision on this version' }).waitFor();
    await page.getByLabel('Accept the plan').check();
    await look(page, 'review-decision-accept');
    await page.getByRole('button', { name: 'Submit review' }).click();
    await page.getByText('Version 2 accepted').waitFor();
    await look(page, 'review-version-2-accepted');

    // The region's reply is in version 1's thread.
    await page.goto(url(`/plans/${planId}/versions/1`));
    await page
      .getByTestId('review-thread')
      .getByText('Housing, employment and substance misuse services.')
      .waitFor();
    await look(page, 'review-version-1-with-reply');

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
