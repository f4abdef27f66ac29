import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  collectPageErrors,
  demoAccounts,
  demoPassword,
  navigationItems,
  signIn,
  signOut,
  submitSignIn,
} from './support/auth';
import { accessibilityViolations, look, screenshot } from './support/browser';
import { browserWorld } from './support/world';

const apiTitle = 'Inspection action-plan tracker API';

describe('signing in, roles and administration in a browser', () => {
  const world = browserWorld();
  let page: Page;
  let pageErrors: string[];

  // Each test starts signed out, on a page of its own.
  beforeEach(async () => {
    await world.browser.context.clearCookies();
    page = await world.browser.context.newPage();
    pageErrors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page.close();
  });

  const { url } = world;

  it('signs in each demo account, shows their name and their role’s navigation, and signs out', async () => {
    for (const account of demoAccounts) {
      await signIn(page, world.server.baseUrl, account.email);
      await expect(page.getByTestId('signed-in-name').innerText()).resolves.toBe(account.name);
      expect(await navigationItems(page)).toEqual([...account.navigation]);
      await expect(page.getByRole('link', { name: 'Your account' }).count()).resolves.toBe(1);
      if (account.email === 'admin@hmpps.example') await screenshot(page, 'header-admin');

      await signOut(page);
      expect(new URL(page.url()).pathname).toBe('/signed-out');
      // Signed out, the header has no navigation and names nobody.
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
      await expect(page.locator('nav[aria-label="Menu"]').count()).resolves.toBe(0);
      await expect(page.getByTestId('signed-in-name').count()).resolves.toBe(0);
    }
    await look(page, 'signed-out');
    expect(pageErrors).toEqual([]);
  });

  it('sends a signed-out visitor to sign in and back to the page they asked for', async () => {
    await page.goto(url('/account/password?from=test'));
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    const address = new URL(page.url());
    expect(address.pathname).toBe('/sign-in');
    expect(address.searchParams.get('returnTo')).toBe('/account/password?from=test');
    await expect(page.title()).resolves.toBe('Sign in - Inspection action plans - GOV.UK');
    await look(page, 'sign-in');

    await submitSignIn(page, 'hoo.wigan@gm.probation.example', demoPassword);
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    expect(page.url()).toBe(url('/account/password?from=test'));
    expect(pageErrors).toEqual([]);
  });

  it('never follows a return address to another site', async () => {
    for (const returnTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      await page.goto(url(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`));
      await submitSignIn(page, 'rpd@gm.probation.example', demoPassword);
      await page.getByRole('heading', { level: 1, name: 'Inspections' }).waitFor();
      expect(page.url()).toBe(url('/'));
      await signOut(page);
    }
  });

  it('explains sign-in mistakes in an error summary without saying which part was wrong', async () => {
    await page.goto(url('/sign-in'));

    // Nothing entered: both fields say what is missing.
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toContain('Enter your email address');
    await expect(summary.innerText()).resolves.toContain('Enter your password');
    await expect(page.title()).resolves.toBe('Error: Sign in - Inspection action plans - GOV.UK');
    // The summary takes focus, and its links lead to the fields.
    await expect(
      page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
    ).resolves.toBe(true);
    await look(page, 'sign-in-empty');
    await summary.getByRole('link', { name: 'Enter your password' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('password');

    // A wrong password.
    await submitSignIn(page, 'rpd@gm.probation.example', 'not-the-password');
    await summary.getByText('Enter a correct email address and password').waitFor();
    await expect(summary.innerText()).resolves.not.toContain('Enter your email address');
    await expect(page.getByLabel('Password', { exact: true }).inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe(
      'rpd@gm.probation.example',
    );
    await look(page, 'sign-in-wrong-password');

    // An email address nobody has gets the very same message.
    await submitSignIn(page, 'nobody@gm.probation.example', 'not-the-password');
    await page.waitForResponse((response) => response.url().endsWith('/api/v1/session'));
    await summary.getByText('Enter a correct email address and password').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('says how long to wait after too many failed attempts', async () => {
    // The account's limit is 5 failures (SIGNIN_MAX_FAILURES); an unknown email counts the same.
    await page.goto(url('/sign-in'));
    const summary = page.locator('.govuk-error-summary');
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      const answered = page.waitForResponse((response) =>
        response.url().endsWith('/api/v1/session'),
      );
      await submitSignIn(page, 'locked.out@gm.probation.example', `wrong-${attempt}`);
      await answered;
    }
    await summary.getByText(/^Too many failed attempts\. Try again in \d+ minutes?$/).waitFor();
    await expect(summary.innerText()).resolves.toContain('Try again in 15 minutes');
    await look(page, 'sign-in-too-many-attempts');
  });

  it('shows the set-password and change-password pages accessibly, and checks passwords match', async () => {
    // A set-password link with a token that was never issued.
    await page.goto(url('/set-password?token=this-token-was-never-issued-by-anyone'));
    await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
    await look(page, 'set-password');

    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password', { exact: true }).fill('different');
    await page.getByRole('button', { name: 'Set password' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toContain('Password must be 12 characters or more');
    await expect(summary.innerText()).resolves.toContain('The passwords do not match');
    expect(await accessibilityViolations(page, 'set password, errors')).toEqual([]);

    await page.getByLabel('New password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Confirm new password', { exact: true }).fill('a long enough password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await summary
      .getByText('This link has expired or has already been used', { exact: false })
      .waitFor();
    await screenshot(page, 'set-password-used-link');

    // Changing one's own password, with a wrong current password first.
    await signIn(page, world.server.baseUrl, 'hoo.tameside@gm.probation.example');
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    await look(page, 'change-password');

    await page.getByLabel('Current password', { exact: true }).fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill('tameside new password');
    await page.getByLabel('Confirm new password', { exact: true }).fill('tameside new password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await summary.getByText('Your current password is not right').waitFor();
    await look(page, 'change-password-wrong-current');

    await page.getByLabel('Current password', { exact: true }).fill(demoPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password has been changed' }).waitFor();
    await screenshot(page, 'change-password-done');

    // The new password works; the old one does not.
    await signOut(page);
    await page.goto(url('/sign-in'));
    await submitSignIn(page, 'hoo.tameside@gm.probation.example', demoPassword);
    await summary.getByText('Enter a correct email address and password').waitFor();
    await signIn(
      page,
      world.server.baseUrl,
      'hoo.tameside@gm.probation.example',
      'tameside new password',
    );
    await expect(page.getByTestId('signed-in-name').innerText()).resolves.toBe(
      'Demo Head of Operations, Tameside',
    );
  });

  it('lets an administrator create a user who then sets a password and signs in', async () => {
    await signIn(page, world.server.baseUrl, 'admin@hmpps.example');

    // Users.
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await page.getByRole('cell', { name: 'rpd@gm.probation.example' }).waitFor();
    await expect(page.title()).resolves.toBe('Users - Inspection action plans - GOV.UK');
    await look(page, 'users');

    // Filtered by status: the demo accounts are all active.
    await page.getByLabel('Status').selectOption('disabled');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByText('There are no disabled users.').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('disabled');

    // Create a user: first with mistakes.
    await page.goto(url('/admin/users/new'));
    await page.getByRole('heading', { level: 1, name: 'Create a user' }).waitFor();
    await page
      .getByLabel('Unit', { exact: true })
      .locator('option')
      .nth(1)
      .waitFor({ state: 'attached' });
    await look(page, 'create-user');
    await page.getByRole('button', { name: 'Create user' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    for (const message of [
      'Enter their full name',
      'Enter their email address',
      'Select a role',
      'Choose a unit',
    ]) {
      await expect(summary.innerText()).resolves.toContain(message);
    }
    await look(page, 'create-user-errors');

    // Choosing a role narrows the units to those it goes with.
    await page.getByLabel('Full name').fill('Wigan Test Officer');
    await page.getByLabel('Email address').fill('wigan.test@gm.probation.example');
    await page.getByLabel('Head of operations').check();
    const unitOptions = await page
      .getByLabel('Unit', { exact: true })
      .locator('option')
      .allInnerTexts();
    expect(unitOptions).toContain('Wigan (Greater Manchester)');
    expect(unitOptions).not.toContain('Greater Manchester');
    await page
      .getByLabel('Unit', { exact: true })
      .selectOption({ label: 'Wigan (Greater Manchester)' });
    await page.getByRole('button', { name: 'Create user' }).click();

    await page.getByRole('heading', { level: 1, name: 'User created' }).waitFor();
    const link = (await page.getByTestId('set-password-link').innerText()).trim();
    expect(link).toContain('/set-password?token=');
    await look(page, 'user-created');

    // The new user's page: invited, not yet active.
    await page.getByRole('link', { name: 'View Wigan Test Officer’s account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wigan Test Officer' }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toContain('Invited');
    await look(page, 'user-detail');

    // Their details can be changed: the name here.
    await page.getByRole('link', { name: 'Change name' }).click();
    await page.getByRole('heading', { level: 1, name: 'Change user details' }).waitFor();
    await look(page, 'user-edit');
    await page.getByLabel('Full name').fill('W. Test Officer');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    await page.getByRole('heading', { level: 1, name: 'W. Test Officer' }).waitFor();

    // A new role offers only the units that go with it (and picks the only one there is).
    await page.getByRole('link', { name: 'Change role' }).click();
    await page.getByLabel('Full name').fill('Wigan Test Officer');
    await page.getByLabel('Regional lead').check();
    const unit = page.getByLabel('Unit', { exact: true });
    await expect(unit.locator('option').allInnerTexts()).resolves.toEqual([
      'Choose a unit',
      'Greater Manchester',
    ]);
    await expect(unit.locator('option:checked').innerText()).resolves.toBe('Greater Manchester');
    await page.getByLabel('Head of operations').check();
    await page
      .getByLabel('Unit', { exact: true })
      .selectOption({ label: 'Wigan (Greater Manchester)' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Wigan Test Officer' }).waitFor();
    await signOut(page);

    // The new user follows the link (on this server), sets a password and signs in.
    const target = new URL(link);
    await page.goto(url(`${target.pathname}${target.search}`));
    await page.getByRole('heading', { level: 1, name: 'Set your password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('wigan test password');
    await page.getByLabel('Confirm new password', { exact: true }).fill('wigan test password');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your password has been set' }).waitFor();
    // The used token is no longer in the address bar.
    expect(page.url()).toBe(url('/set-password'));
    await look(page, 'set-password-done');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await submitSignIn(page, 'wigan.test@gm.probation.example', 'wigan test password');
    await page.getByRole('heading', { level: 1, name: 'Inspections' }).waitFor();
    await expect(page.getByTestId('signed-in-name').innerText()).resolves.toBe(
      'Wigan Test Officer',
    );
    expect(await navigationItems(page)).toEqual([
      'Inspections',
      'Action plan',
      'My actions',
      'Dashboard',
      'Notifications',
    ]);
    // Pages for administrators say no to everyone else.
    await page.goto(url('/admin/users'));
    await page
      .getByRole('heading', { level: 1, name: 'You do not have access to this page' })
      .waitFor();
    await signOut(page);

    // The administrator disables the account, after a confirm step.
    await signIn(page, world.server.baseUrl, 'admin@hmpps.example');
    await page.goto(url('/admin/users'));
    await page.getByRole('link', { name: 'Wigan Test Officer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wigan Test Officer' }).waitFor();
    await page.getByRole('link', { name: 'Disable account' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Are you sure you want to disable this account?' })
      .waitFor();
    await look(page, 'user-disable-confirm');
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByText('Wigan Test Officer’s account has been disabled').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Open actions' }).waitFor();
    await page.getByText('Wigan Test Officer owns no open actions.').waitFor();
    await look(page, 'user-disabled');

    // A reset gives a new one-time link.
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByTestId('set-password-link').waitFor();

    // Disabled, the person cannot sign in.
    await signOut(page);
    await page.goto(url('/sign-in'));
    await submitSignIn(page, 'wigan.test@gm.probation.example', 'wigan test password');
    await summary.getByText('Enter a correct email address and password').waitFor();
  });

  it('lets an administrator create an API client, see its token once, and revoke it', async () => {
    await signIn(page, world.server.baseUrl, 'admin@hmpps.example');
    await page.getByRole('link', { name: 'API clients' }).click();
    await page.getByRole('heading', { level: 1, name: 'API clients' }).waitFor();
    await page.getByRole('link', { name: 'Create an API client' }).waitFor();
    await page.waitForLoadState('networkidle');
    await look(page, 'api-clients-empty');

    await page.getByRole('link', { name: 'Create an API client' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an API client' }).waitFor();
    await page
      .getByLabel('Unit', { exact: true })
      .locator('option')
      .nth(1)
      .waitFor({ state: 'attached' });
    await look(page, 'create-api-client');

    await page.getByLabel('Name', { exact: true }).fill('Greater Manchester dashboard');
    await page.getByLabel('Unit', { exact: true }).selectOption({ label: 'Greater Manchester' });
    await page.getByLabel('Read only').check();
    await page.getByRole('button', { name: 'Create API client' }).click();
    await page.getByRole('heading', { level: 1, name: 'API client created' }).waitFor();
    const token = (await page.getByTestId('api-token').innerText()).trim();
    expect(token.length).toBeGreaterThanOrEqual(20);
    await expect(page.locator('main').innerText()).resolves.toContain(
      'This is the only time the token will be shown',
    );
    await look(page, 'api-client-created');

    // The token works, in the Authorization header.
    const withToken = await fetch(url('/api/v1/inspections'), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(withToken.status).toBe(200);

    // Listed with the start of its token, never the whole token.
    await page.getByRole('link', { name: 'Back to API clients' }).click();
    const row = page.getByRole('row', { name: /Greater Manchester dashboard/ });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('Read only');
    expect(rowText).toContain('Active');
    expect(rowText).not.toContain(token);
    await look(page, 'api-clients');

    // Revoked after a confirm step; the token stops working.
    await row.getByRole('link', { name: 'Revoke Greater Manchester dashboard' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Are you sure you want to revoke this API client?',
      })
      .waitFor();
    await look(page, 'api-client-revoke');
    await page.getByRole('button', { name: 'Revoke API client' }).click();
    await page.getByText('Greater Manchester dashboard has been revoked').waitFor();
    await expect(row.innerText()).resolves.toContain('Revoked');
    const revoked = await fetch(url('/api/v1/inspections'), {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(revoked.status).toBe(401);
    expect(pageErrors).toEqual([]);
  });

  it('shows the audit trail to administrators and region leads, with filters and pages', async () => {
    await signIn(page, world.server.baseUrl, 'admin@hmpps.example');
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.locator('table.govuk-table tbody tr').first().waitFor();
    await look(page, 'audit');

    // A malformed id is caught before asking the server.
    await page.getByLabel('Subject ID').fill('not-an-id');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await accessibilityViolations(page, 'audit trail, errors')).toEqual([]);
    await page.getByLabel('Subject ID').fill('');

    // Sign-ins are audited: the admin's own show when filtered by part of their name.
    await page.getByLabel('Who made the change').fill('administrator');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((address) => address.searchParams.get('actor') === 'administrator');
    // Every row left is the administrator's own doing (their sign-ins, at least).
    const whoColumn = page.locator('table.govuk-table tbody tr td:nth-child(2)');
    await expect
      .poll(async () => {
        const cells = await whoColumn.allInnerTexts();
        return cells.length > 0 && cells.every((who) => who.includes('Demo Administrator'));
      })
      .toBe(true);
    await screenshot(page, 'audit-filtered');

    // Next page, when there is one (fifty events to a page).
    const next = page.getByRole('link', { name: 'Next page' });
    if ((await next.count()) > 0) {
      await next.click();
      await page.waitForURL((address) => address.searchParams.has('cursor'));
      await page.getByRole('link', { name: 'First page' }).waitFor();
    }
    await signOut(page);

    // A region lead sees it too; a head of operations does not.
    await signIn(page, world.server.baseUrl, 'rpd@gm.probation.example');
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'audit-region-lead');
    await signOut(page);
    await signIn(page, world.server.baseUrl, 'hoo.wigan@gm.probation.example');
    await page.goto(url('/audit'));
    await page
      .getByRole('heading', { level: 1, name: 'You do not have access to this page' })
      .waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('shows an inspector the recommendations without the live plan’s outcome measures', async () => {
    await signIn(page, world.server.baseUrl, 'inspector@hmiprobation.example');
    await page.getByRole('link', { name: 'Regional review: Greater Manchester' }).click();
    await page.locator('[data-testid=recommendation]').first().waitFor();
    await page.getByRole('link', { name: /^Manchester North Recommendation 9:/ }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Manchester North recommendation 9' })
      .waitFor();
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { name: 'Outcome measures' }).count()).resolves.toBe(0);
    await expect(page.locator('main').innerText()).resolves.not.toContain('could not be loaded');
    await look(page, 'recommendation-inspector');
  });

  it('renders the API documentation under the content security policy', async () => {
    // The docs' own CSP allows the one style element Swagger UI's bundle inserts, by its hash:
    // nothing at all may be blocked.
    const blockedScripts: string[] = [];
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy/i.test(text)) blockedScripts.push(text);
    });
    const response = await page.goto(url('/api/docs'));
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('https:');
    const title = page.locator('.swagger-ui .title');
    await title.waitFor({ timeout: 30_000 });
    await expect(title.innerText()).resolves.toContain(apiTitle);
    await screenshot(page, 'api-docs');
    expect(blockedScripts).toEqual([]);
  });
});
