import { describe, expect, it } from 'vitest';

import { look } from './support/browser';
import { collectPageErrors, submitSignIn } from './support/auth';
import { browserWorld } from './support/world';

// Verbatim from Annexe one of the Greater Manchester letter (25 May 2023), Manchester North,
// "Greater Manchester Region should", the unnumbered ninth item.
const manchesterNorth9 =
  'continue to monitor workforce development planning and work with HM Prison and Probation ' +
  'Service to ensure the PDU has sufficient staffing capacity to undertake high-quality work.';

describe('reading an inspection and its recommendations in a browser', () => {
  const world = browserWorld();

  it('shows the inspection, its 28 recommendations and one of them, accessibly', async () => {
    const { page } = world.browser;
    const pageErrors = collectPageErrors(page);

    // Signed out, the home page asks for sign-in first; the regional lead signs in.
    await page.goto(`${world.server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await submitSignIn(page, 'rpd@gm.probation.example', 'demo-password');

    // Home: the one inspection from the demo data.
    // Data arrives after the first render: wait for it before counting anything.
    await page.waitForURL(`${world.server.baseUrl}/`);
    const inspectionLink = page.getByRole('link', { name: 'Regional review: Greater Manchester' });
    await inspectionLink.waitFor();
    await expect(page.getByTestId('inspection').count()).resolves.toBe(1);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Inspections' }).count(),
    ).resolves.toBe(1);
    await expect(page.title()).resolves.toBe('Inspections - Inspection action plans - GOV.UK');
    await look(page, 'home');

    // The inspection: the letter's details, ratings and all 28 recommendations.
    await inspectionLink.click();
    await page
      .getByRole('heading', { level: 1, name: 'Regional review: Greater Manchester' })
      .waitFor();
    await page.locator('[data-testid=recommendation]').first().waitFor();
    await expect(page.locator('[data-testid=recommendation]').count()).resolves.toBe(28);
    const body = await page.locator('main').innerText();
    expect(body).toContain('25 May 2023');
    expect(body).toContain('Justin Russell');
    expect(body).toContain('Chris Edwards');
    expect(body).toContain('Not given');
    for (const pdu of ['Manchester North', 'Tameside', 'Wigan']) {
      await expect(page.getByRole('heading', { level: 3, name: pdu }).count()).resolves.toBe(2);
    }
    expect(body).toContain('HM Prison and Probation Service should');
    await look(page, 'inspection');

    // One recommendation: its words exactly as in the letter.
    await page.getByRole('link', { name: /^Manchester North Recommendation 9:/ }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Manchester North recommendation 9' })
      .waitFor();
    const text = await page.getByTestId('recommendation-text').innerText();
    expect(text.trim()).toBe(manchesterNorth9);
    await page
      .getByRole('heading', { name: 'Probation officer vacancy rate, Manchester North' })
      .waitFor();
    const details = await page.locator('main').innerText();
    expect(details).toContain('Not yet responded');
    expect(details).toContain('27 per cent (January 2023)');
    await expect(page.title()).resolves.toBe(
      'Manchester North recommendation 9 - Inspection action plans - GOV.UK',
    );
    await look(page, 'recommendation');

    // The back link returns to the inspection.
    await page.getByRole('link', { name: 'Back to the inspection' }).click();
    await page.locator('[data-testid=recommendation]').first().waitFor();

    // The accessibility statement, reached from the footer.
    await page.getByRole('link', { name: 'Accessibility statement' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Accessibility statement for Inspection action plans',
      })
      .waitFor();
    await look(page, 'accessibility-statement');

    // A page reloaded at its own address is served by the server, not only by the router.
    await page.goto(`${world.server.baseUrl}/no-such-page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();

    expect(pageErrors).toEqual([]);
  });
});
