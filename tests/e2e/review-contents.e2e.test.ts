import type { Recommendation } from '@tracker/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';

import {
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

/** The page loads (in-app navigations included) and clicks a journey takes, as the issue counts them. */
function journeyCounter(page: Page) {
  let loads = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads += 1;
  });
  return {
    clicks: 0,
    get loads() {
      return loads;
    },
    reset() {
      loads = 0;
      this.clicks = 0;
    },
  };
}

describe('the inspector reviews a resubmitted version by recommendation', () => {
  const world = browserWorld();
  let planId: string;

  beforeAll(async () => {
    const rpd = await apiSignIn(world.server.baseUrl, 'rpd@gm.probation.example');
    const national = await apiSignIn(world.server.baseUrl, 'national.lead@hmpps.example');
    const inspector = await apiSignIn(world.server.baseUrl, 'inspector@hmiprobation.example');

    // Version 1: Tameside 1 agreed with one action, every other recommendation not agreed.
    const recommendations = (
      await rpd.request<{ items: Recommendation[] }>('GET', '/recommendations?limit=200')
    ).body.items;
    const leadFor = (recommendation: Recommendation) =>
      recommendation.ownerLevel === 'hmpps' ? national : rpd;
    const tameside1 = recommendations.find(
      (r) => r.sourcePdu.name === 'Tameside' && r.number === 1,
    )!;
    await declineAllBut(recommendations, [tameside1], leadFor);
    const rpdId = await personIdByName(rpd, 'Demo Regional Probation Director');
    await expectOk(
      rpd.request('PUT', `/recommendations/${tameside1.id}/response`, { decision: 'agreed' }),
      200,
    );
    const newAction = (title: string) =>
      expectOk(
        rpd.request<{ id: string }>('POST', `/recommendations/${tameside1.id}/actions`, {
          title,
          owningUnitId: tameside1.owningUnit.id,
          ownerId: rpdId,
          startDate: dayFromToday(0),
          dueDate: dayFromToday(90),
          successMeasure: 'Nine in ten audited cases meet the standard.',
        }),
        201,
      );
    const audit = await newAction('Audit the use of local services');
    planId = (await rpd.request<{ items: { id: string }[] }>('GET', '/action-plans')).body.items[0]!
      .id;
    await submitPlan(rpd, planId);
    await expectOk(
      inspector.request(
        'POST',
        `/action-plans/${planId}/versions/1/review`,
        { decision: 'returned', reasons: 'Tameside 1 needs more than an audit.', verdicts: [] },
        { 'idempotency-key': crypto.randomUUID() },
      ),
      200,
    );

    // Version 2: a second action, the first one's success measure sharpened, and Wigan 1's
    // rationale reworded.
    await newAction('Train staff in the local services offer');
    const action = await rpd.request('GET', `/actions/${audit.id}`);
    await expectOk(
      rpd.request(
        'PATCH',
        `/actions/${audit.id}`,
        { successMeasure: 'Every audited case meets the standard.' },
        { 'if-match': action.etag ?? '' },
      ),
      200,
    );
    const wigan1 = recommendations.find((r) => r.sourcePdu.name === 'Wigan' && r.number === 1)!;
    await expectOk(
      leadFor(wigan1).request('PUT', `/recommendations/${wigan1.id}/response`, {
        decision: 'not_agreed',
        rationale: 'Wigan’s own programme covers this from April.',
      }),
      200,
    );
    await submitPlan(rpd, planId);
  });

  it('sees what changed in one click, jumps by the contents, and watches the count fall', async () => {
    const { page, pageErrors } = await world.signInAs('inspector@hmiprobation.example');
    const counter = journeyCounter(page);
    const click = async (locator: ReturnType<Page['getByRole']>) => {
      counter.clicks += 1;
      await locator.click();
    };

    // From signing in to what changed: the review list, then one click.
    await click(page.getByRole('link', { name: 'Plans to review', exact: true }));
    await page.getByRole('heading', { level: 1, name: 'Plans to review' }).waitFor();
    await look(page, 'review-contents-plans-to-review');
    await click(
      page.getByRole('link', {
        name: 'What changed since version 1 in version 2 of the Greater Manchester action plan',
      }),
    );
    await page
      .getByRole('heading', { level: 1, name: 'Changes from version 1 to version 2' })
      .waitFor();
    const changes = await page.locator('main').innerText();
    expect(changes).toContain('2 recommendations changed.');
    expect(changes).toContain('Train staff in the local services offer');
    expect(changes).toContain('Every audited case meets the standard.');
    await look(page, 'review-contents-what-changed');
    const toFindChanges = { loads: counter.loads, clicks: counter.clicks };

    // Then to the version itself, which says the same in short at its top.
    await click(page.getByRole('link', { name: 'Read version 2 in full' }));
    await page
      .getByRole('heading', { level: 1, name: 'Action plan: Greater Manchester' })
      .waitFor();
    const summary = page.getByTestId('changes-since');
    await summary.getByRole('heading', { name: 'What changed since version 1' }).waitFor();
    const summaryText = await summary.innerText();
    expect(summaryText).toContain('2 recommendations changed:');
    expect(summaryText).toContain('1 response changed');
    expect(summaryText).toContain('1 action added');
    expect(summaryText).toContain('1 action changed');

    // The contents: 28 recommendations by PDU, none reviewed yet, the changed ones marked.
    const contents = page.getByRole('navigation', { name: 'Contents' });
    const left = page.getByTestId('left-to-review');
    await expect(left.innerText()).resolves.toBe('28 of 28 recommendations left to review');
    await expect(contents.getByTestId('contents-entry').count()).resolves.toBe(28);
    const tamesideEntry = contents
      .getByTestId('contents-entry')
      .filter({ has: page.getByRole('link', { name: 'Tameside Recommendation 1', exact: true }) });
    await expect(tamesideEntry.innerText()).resolves.toMatch(/Not reviewed\s+Changed/);
    await look(page, 'review-contents-version-2');

    // A jump link leads to the recommendation, whose own verdict comes before its actions'.
    await click(contents.getByRole('link', { name: 'Wigan Recommendation 1', exact: true }));
    await page.waitForFunction(() => window.location.hash.startsWith('#recommendation-'));
    const wigan = page.getByRole('heading', { name: 'Wigan recommendation 1', exact: true });
    await expect(wigan.isVisible()).resolves.toBe(true);
    const inView = await wigan.evaluate((heading) => {
      const { top } = heading.getBoundingClientRect();
      return top >= 0 && top < window.innerHeight;
    });
    expect(inView).toBe(true);
    const wiganVerdict = page.getByRole('group', {
      name: 'Your verdict on Wigan recommendation 1',
      exact: true,
    });
    counter.clicks += 1;
    await wiganVerdict.getByLabel('Accepted').check();
    await expect(left.innerText()).resolves.toBe('27 of 28 recommendations left to review');

    await click(contents.getByRole('link', { name: 'Tameside Recommendation 1', exact: true }));
    const tameside = page.getByTestId('version-recommendation').filter({
      has: page.getByRole('heading', { name: 'Tameside recommendation 1', exact: true }),
    });
    const groups = await tameside
      .getByRole('group')
      .evaluateAll((found) =>
        found.map((group) => group.querySelector('legend')?.textContent?.trim() ?? ''),
      );
    expect(groups[0]).toBe('Your verdict on Tameside recommendation 1');
    expect(groups.slice(1).every((legend) => legend.startsWith('Your verdict on the action'))).toBe(
      true,
    );
    counter.clicks += 1;
    await page
      .getByRole('group', { name: 'Your verdict on Tameside recommendation 1', exact: true })
      .getByLabel('Accepted')
      .check();
    await expect(left.innerText()).resolves.toBe('26 of 28 recommendations left to review');
    await expect(tamesideEntry.innerText()).resolves.toMatch(/Reviewed\s+Changed/);
    // An action's verdict is optional: it counts beside its recommendation, not against it.
    counter.clicks += 1;
    await page
      .getByRole('group', {
        name: 'Your verdict on the action “Train staff in the local services offer”',
        exact: true,
      })
      .getByLabel('Accepted')
      .check();
    await expect(left.innerText()).resolves.toBe('26 of 28 recommendations left to review');
    await expect(tamesideEntry.innerText()).resolves.toContain('1 of 2 actions given a verdict');
    // Back to the contents from the end of a recommendation.
    await click(tameside.getByRole('link', { name: 'Back to contents' }));
    await page.waitForFunction(() => window.location.hash === '#review-contents');
    await look(page, 'review-contents-counting');

    // Setting a verdict back to none counts the recommendation as left again.
    await wiganVerdict.getByLabel('No verdict').check();
    await expect(left.innerText()).resolves.toBe('27 of 28 recommendations left to review');
    await wiganVerdict.getByLabel('Accepted').check();

    // The submission is one POST, with the verdicts chosen.
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/review')) {
        posts.push(request.postData() ?? '');
      }
    });
    await click(page.getByRole('button', { name: 'Continue to decision' }));
    await page.getByRole('heading', { level: 1, name: 'Your decision on this version' }).waitFor();
    const verdicts = await page.getByTestId('verdict-summary').innerText();
    expect(verdicts).toContain('Wigan recommendation 1');
    expect(verdicts).toContain('Action: Train staff in the local services offer');
    counter.clicks += 1;
    await page.getByLabel('Accept the plan').check();
    await look(page, 'review-contents-decision');
    await click(page.getByRole('button', { name: 'Submit review' }));
    await page.getByText('Version 2 accepted').waitFor();
    expect(posts).toHaveLength(1);
    const sent = JSON.parse(posts[0]!) as { decision: string; verdicts: unknown[] };
    expect(sent.decision).toBe('accepted');
    expect(sent.verdicts).toHaveLength(3);

    // Once reviewed, the version still says what changed since the one before.
    await page.getByTestId('changes-since').getByText('1 action added').waitFor();
    await look(page, 'review-contents-accepted');
    console.info(
      `[journey] inspector, to find what changed: ${toFindChanges.loads} page loads, ` +
        `${toFindChanges.clicks} clicks; whole review of two recommendations and one action ` +
        `from signing in: ${counter.loads} page loads, ${counter.clicks} clicks`,
    );

    await signOut(page);
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
