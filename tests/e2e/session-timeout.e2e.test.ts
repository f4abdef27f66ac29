import { describe, expect, it } from 'vitest';

import { collectPageErrors, signIn } from './support/auth';
import { look } from './support/browser';
import { browserWorld } from './support/world';

describe('the warning before a session times out', () => {
  const world = browserWorld();

  it('warns two minutes ahead, keeps the session on request, then signs out when idle', async () => {
    const page = world.browser.page;
    const pageErrors = collectPageErrors(page);
    // The page's clock is the browser's own: move it forward instead of waiting 30 minutes.
    await page.clock.install();
    await signIn(page, world.server.baseUrl, 'rpd@gm.probation.example');
    await page.getByRole('heading', { level: 1, name: 'Inspections' }).waitFor();
    const banner = page.getByRole('alert').filter({ hasText: 'You will be signed out soon' });
    await expect(banner.count()).resolves.toBe(0);

    // An answer still on its way when the clock jumps would count as activity at the new time
    // and rightly move the deadline past the warning: let the page's calls finish first.
    await page.waitForLoadState('networkidle');
    // 30 minutes' idle limit: the warning comes no later than 28 minutes after the last call.
    await page.clock.fastForward('28:00');
    await banner.waitFor();
    await expect(banner.getByRole('button', { name: 'Stay signed in' }).count()).resolves.toBe(1);
    await look(page, 'session-warning');

    // Staying signed in asks the server (so the session really is kept) and hides the warning.
    const asked = page.waitForResponse((response) => response.url().endsWith('/api/v1/me'));
    await banner.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await asked).status()).toBe(200);
    await banner.waitFor({ state: 'detached' });

    // Doing nothing for the whole idle spell ends the session, and the page says why.
    await page.clock.fastForward('31:00');
    await page.getByRole('heading', { level: 1, name: 'You have been signed out' }).waitFor();
    expect(page.url()).toBe(`${world.server.baseUrl}/signed-out?reason=expired`);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'we signed you out because you had not done anything for 30 minutes',
    );
    await look(page, 'signed-out-expired');

    // The session really has ended on the server: the protected page asks for sign-in.
    await page.goto(`${world.server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
