import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { signIn } from './support/auth';
import { look, screenshot } from './support/browser';
import { browserWorld } from './support/world';

/** Every matching API request fails as a broken server would, until `unroute`. */
async function failRequests(page: Page, pattern: RegExp) {
  await page.route(pattern, (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }),
    }),
  );
}

describe('a request that fails never leaves a page loading for ever', () => {
  const world = browserWorld();

  it('the plan says the actions could not be loaded, and "Try again" loads them', async () => {
    const { page } = world.browser;
    await world.browser.context.clearCookies();
    await signIn(page, world.server.baseUrl, 'rpd@gm.probation.example');
    const actions = /\/api\/v1\/actions\?/;
    await failRequests(page, actions);

    await page.getByRole('link', { name: 'Action plan', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Greater Manchester action plan' }).waitFor();
    // The client retries a 5xx a few times before it gives up.
    await page.getByText('The actions could not be loaded.').waitFor({ timeout: 30_000 });
    expect(await page.locator('main').innerText()).not.toContain('Loading');
    await look(page, 'load-failure-plan-actions');

    await page.unroute(actions);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByText(/\d+ actions? for \d+ of 28 recommendations/).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });

  it('a whole page that cannot load says so, with "Try again"', async () => {
    const { page } = world.browser;
    const outbox = /\/api\/v1\/outbox-emails/;
    await world.browser.context.clearCookies();
    await signIn(page, world.server.baseUrl, 'admin@hmpps.example');
    await failRequests(page, outbox);

    await page.getByRole('link', { name: 'Emails', exact: true }).click();
    await page.getByText('The emails could not be loaded.').waitFor({ timeout: 30_000 });
    await screenshot(page, 'load-failure-emails');

    await page.unroute(outbox);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page
      .getByText(/Emails, newest first|There are no emails\./)
      .first()
      .waitFor();
    expect(await page.getByText('The emails could not be loaded.').count()).toBe(0);
  });
});
