import { describe, expect, it } from 'vitest';

import { signIn, signOut } from './support/auth';
import { look } from './support/browser';
import { browserWorld } from './support/world';

/**
 * The plan's own tools a user tripped on (issue 15 item 8): the plan's calendar feed made from
 * the plan's page, and an owner list that offers only who may own the action.
 */
describe("a plan's calendar and its owner list", () => {
  const world = browserWorld();

  it("the region lead subscribes to the whole plan's due dates from the plan's page", async () => {
    const { page, pageErrors } = await world.signInAs('rpd@gm.probation.example');
    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Greater Manchester action plan' }).waitFor();

    await page.getByRole('button', { name: 'Make a calendar link' }).click();
    const address = await page.getByTestId('calendar-feed-url').innerText();
    await page.getByText('titles and due dates of the plan’s actions').waitFor();
    await look(page, 'plan-calendar-link');
    const feed = await page.request.get(address);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toContain('text/calendar');
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');

    // Listed on the plan's page, with the means to revoke it.
    const row = page.getByRole('row', { name: /Plan: / });
    await row.waitFor();
    await row.getByRole('button', { name: /Revoke/ }).click();
    await page.getByText('Calendar link revoked').waitFor();
    expect((await page.request.get(address)).status()).toBe(401);
    expect(pageErrors).toEqual([]);
    await signOut(page);
  });

  it("offers as owners of a PDU's action the region's people, not the administrator or the national lead", async () => {
    const { page } = world.browser;
    await world.browser.context.clearCookies();
    await signIn(page, world.server.baseUrl, 'rpd@gm.probation.example');
    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('link', { name: 'Recommendation 1 from Wigan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Wigan recommendation 1' }).waitFor();
    await page.getByRole('link', { name: 'Respond to this recommendation' }).click();
    await page.getByLabel('Agreed', { exact: true }).check();
    await page.getByRole('button', { name: 'Save response' }).click();
    await page.getByRole('link', { name: 'Add an action' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
    await page.getByLabel('Wigan', { exact: true }).check();
    const owner = page.locator('#ownerId');
    await owner.locator('option', { hasText: 'Demo Head of Operations, Wigan' }).waitFor({
      state: 'attached',
    });
    const offered = await owner.locator('option').allInnerTexts();
    expect(offered.join('\n')).toContain('Demo Regional Probation Director');
    expect(offered.join('\n')).toContain('Demo Head of Operations, Tameside');
    expect(offered.join('\n')).not.toContain('Demo Administrator');
    expect(offered.join('\n')).not.toContain('Demo HMPPS National Lead');
    expect(offered.join('\n')).not.toContain('Inspector');
    await look(page, 'add-action-owner-list');
    await signOut(page);
  });
});
